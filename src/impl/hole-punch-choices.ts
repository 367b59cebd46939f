/**
 * The steps a thread of the hole-punch world can take from where it stands
 * (spec/HolePunch.tla's enabled actions with their arguments).
 */
import { OP_ACTION } from './hole-punch-plan.ts';
import { type HolePunchWorld } from './hole-punch-world.ts';
import { NONE } from './subscription.ts';
import { type StepChoice } from './world-choices.ts';

/** The steps thread `id` of the hole-punch world can take now. */
export function holePunchChoices(w: HolePunchWorld, id: string, label?: string): StepChoice[] {
  const task = w.tasks.get(id);
  if (task === undefined) return [];
  const at = label ?? w.sched.labelOf(id);
  if (at === undefined || (label === undefined && !w.sched.enabled().includes(id))) return [];
  const one = (action: string, args: Record<string, unknown> = {}): StepChoice[] => [{ action, args }];
  const { cfg } = w;
  const mmapFree = w.mmap.writer === NONE && w.mmap.readers.size === 0;
  const plan = w.hp[id]?.ops[0];
  if (plan !== undefined && at === OP_ACTION[plan.api]) {
    if (plan.api === 'remove_deferred' || plan.api === 'remove') return one(at, { sub: plan.sub });
    if (plan.api === 'update') return one(at, { sub: plan.sub, start: plan.start, last: plan.last });
    const fresh = w.subs.find((s) => s.life === 'unused');
    return one(at, { sub: fresh?.id ?? NONE, start: plan.start, last: plan.last });
  }
  if (cfg.invalidators.includes(id)) {
    const L = w.inv[id];
    if (at === 'idle') {
      const unmapper = cfg.unmappers.includes(id);
      if (unmapper && !mmapFree) return [];
      if (!unmapper && cfg.otherInvMmapLock && w.mmap.writer !== NONE) return [];
      const ranges = unmapper ? cfg.unmapRanges.filter(([a, b]) => pagesOf(a, b).every((p) => w.vma.has(p))) : cfg.invRanges;
      return ranges.flatMap(([start, last]) => cfg.blockable.map((blockable) => ({ action: 'mn_itree_inv_start_range', args: { start, last, blockable } })));
    }
    if (L === undefined) return [];
    switch (at) {
      case 'invalidate_lock':
        if (w.driver.lock.holder === NONE) return one('invalidate_lock', { sub: L.cursor });
        return L.blockable ? [] : one('invalidate_trylock_fail', { sub: L.cursor });
      case 'mmu_interval_set_seq':
        return one(at, { sub: L.cursor, seq: L.curSeq });
      case 'invalidate_zap':
      case 'invalidate_unlock':
      case 'dmirror_do_unmap':
        return one(at, { sub: L.cursor });
      case 'mm_change_ptes':
        return one(at, { start: L.start, last: L.last });
      case 'mmu_interval_release':
        return one(at, { subs: (w.notifier.pendingRelease.get(id) ?? []).map((s) => s.id).sort() });
      default:
        return one(at);
    }
  }
  if (cfg.faulters.includes(id)) {
    const L = w.flt[id];
    // The v6 find runs under the driver lock (taken and dropped in the read_begin step).
    if ((at === 'idle' || at === 'mmu_interval_read_begin') && w.driver.lock.holder !== NONE) return [];
    if (at === 'idle') {
      return pagesOf(1, cfg.npages).flatMap((page) => w.findable(page).map((s) => ({ action: 'mmu_interval_read_begin', args: { sub: s.id, page } })));
    }
    if (L === undefined) return [];
    if (at === 'mmu_interval_read_begin') {
      const found = w.findable(L.page);
      return found.length === 0 ? one(at, { sub: NONE, page: L.page }) : found.map((s) => ({ action: at, args: { sub: s.id, page: L.page } }));
    }
    if (at === 'hmm_range_fault') {
      const sub = w.notifier.lookup(L.sub);
      const out = one('hmm_range_fault', { page: L.page });
      return sub !== undefined && sub.seq !== L.s ? [...out, ...one('mmu_interval_check_retry')] : out;
    }
    if (at === 'driver_commit') return one(at, { page: L.page, version: L.snap });
    return one(at);
  }
  // the worker (Mgr)
  if (at === 'idle') {
    const head = w.work[0];
    const amdkfd = cfg.strategy === 'outside_remove_then_insert';
    if (head === undefined || !mmapFree || (!amdkfd && w.driver.lock.holder !== NONE)) return [];
    return one('unmap_work_begin', { sub: head.sub });
  }
  if (at === 'remove_return_free') return one(at, { sub: w.mgr.sub });
  return one(at);
}

function pagesOf(a: number, b: number): number[] {
  const out: number[] = [];
  for (let p = a; p <= b; p++) out.push(p);
  return out;
}

