/**
 * The steps a thread of the hole-punch world can take from where it stands
 * (spec/HolePunch.tla's enabled actions with their arguments). Guards ask
 * the implementation: mmap_lock, the driver lock's blocker, the v6 fault
 * lookup, the notifier's checkRetry.
 */
import { NONE } from '../subscription.ts';
import { faulterStepChoices, invalidatorChoices, one, pages } from '../thread-choices.ts';
import { type StepChoice } from '../world-api.ts';
import { type HolePunchView } from './config.ts';
import { OP_ACTION } from './plan.ts';

/** The steps thread `id` of the hole-punch world can take now (`label` overrides its current step point). */
export function holePunchChoices(w: HolePunchView, id: string, label?: string): StepChoice[] {
  if (!w.tasks.has(id)) return [];
  const at = label ?? w.sched.labelOf(id);
  if (at === undefined || (label === undefined && !w.sched.enabled().includes(id))) return [];
  const { cfg } = w;
  const plan = w.hp[id]?.ops[0];
  if (plan !== undefined && at === OP_ACTION[plan.api]) {
    if (plan.api === 'remove_deferred' || plan.api === 'remove') return one(at, { sub: plan.sub });
    if (plan.api === 'unmap_from_gpus') return w.driver.lock.blocker.ready() ? one(at, { start: plan.start, last: plan.last }) : [];
    if (plan.api === 'update') return one(at, { sub: plan.sub, start: plan.start, last: plan.last });
    const fresh = w.subs.find((s) => s.life === 'unused');
    return one(at, { sub: fresh?.id ?? NONE, start: plan.start, last: plan.last });
  }
  if (cfg.invalidators.includes(id)) {
    if (at !== 'idle') return invalidatorChoices(w, id, at);
    // munmap: mmap_write_lock to detach (no holder at all), a range with a mapped page;
    // the other invalidator as its context says (spec OtherInvEnters).
    const mapped = ([a, b]: readonly [number, number]): boolean => pages(a, b).some((p) => w.vma.has(p));
    if (cfg.unmappers.includes(id)) return w.mmap.free ? invalidatorChoices(w, id, at, cfg.unmapRanges.filter(mapped)) : [];
    if (cfg.invalidatorContext === 'mmap_read' && w.mmap.writeLocked) return [];
    return invalidatorChoices(w, id, at, cfg.invalidatorContext === 'per_vma' ? cfg.invRanges.filter(mapped) : cfg.invRanges);
  }
  if (cfg.faulters.includes(id)) {
    // The lookup takes mmap_read_lock (no writer) and, for dmirror, runs under the driver lock.
    const lookup = at === 'idle' || at === 'dmirror_interval_find';
    const amdkfd = cfg.strategy === 'outside_remove_then_insert';
    if (lookup && (w.mmap.writeLocked || (!amdkfd && !w.driver.lock.blocker.ready()))) return [];
    if (at === 'idle') {
      return pages(1, cfg.npages).flatMap((page) => w.findable(page).map((s) => ({ action: 'dmirror_interval_find', args: { sub: s.id, page } })));
    }
    const L = w.flt[id];
    if (L === undefined) return [];
    if (at === 'dmirror_interval_find') {
      const found = w.findable(L.page);
      return found.length === 0 ? one(at, { sub: NONE, page: L.page }) : found.map((s) => ({ action: at, args: { sub: s.id, page: L.page } }));
    }
    return faulterStepChoices(w, id, at);
  }
  // the worker (Mgr): the head of the work queue, under mmap_write_lock (and the driver lock but for amdkfd)
  if (at === 'idle') {
    const head = w.work[0];
    const amdkfd = cfg.strategy === 'outside_remove_then_insert';
    if (head === undefined || !w.mmap.free || (!amdkfd && !w.driver.lock.blocker.ready())) return [];
    return one('unmap_work_begin', { sub: head.sub });
  }
  if (at === 'remove_return_free') return one(at, { sub: w.mgr.sub });
  return one(at);
}
