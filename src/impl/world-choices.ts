/**
 * The steps a thread of the world can take from where it stands: the
 * action name and the arguments of each (the spec's existential choices:
 * range and blockability of an invalidation, subscription and page of a
 * fault, which subscription the manager inserts or removes). A disabled
 * step has no choices.
 */
import { NONE } from './subscription.ts';
import { type World } from './world.ts';

/** One possible step: the action it is and the arguments it records. */
export interface StepChoice {
  readonly action: string;
  readonly args: Record<string, unknown>;
}

const one = (action: string, args: Record<string, unknown> = {}): StepChoice[] => [{ action, args }];

/** The steps thread `id` can take now (`label` overrides its current step point). */
export function stepChoices(w: World, id: string, label?: string): StepChoice[] {
  const entry = w.tasks.get(id);
  if (entry === undefined) return [];
  const at = label ?? w.sched.labelOf(id);
  if (at === undefined) return [];
  if (label === undefined && !w.sched.enabled().includes(id)) return [];
  const { kind } = entry;
  const n = w.notifier;
  switch (kind) {
    case 'invalidator': {
      if (at === 'idle') {
        const ranges = w.cfg.unmappers?.[id] ?? w.cfg.invRanges;
        return ranges.flatMap(([start, last]) =>
          w.cfg.blockable.map((blockable) => ({ action: 'mn_itree_inv_start_range', args: { start, last, blockable } })),
        );
      }
      if (at === 'invalidate_lock') {
        const L = w.inv[id];
        const sub = L?.cursor ?? NONE;
        if (w.driver.lock.holder === NONE) return one('invalidate_lock', { sub });
        return L !== undefined && !L.blockable ? one('invalidate_trylock_fail', { sub }) : [];
      }
      return one(at, argsOfInvStep(w, id, at));
    }
    case 'faulter': {
      const L = w.flt[id];
      if (at === 'idle') {
        return w.subs
          .filter((s) => s.live)
          .flatMap((s) =>
            range(s.start, s.last)
              .filter((page) => w.cfg.faultPages === undefined || w.cfg.faultPages.includes(page))
              .map((page) => ({ action: 'mmu_interval_read_begin', args: { sub: s.id, page } })),
          );
      }
      if (L === undefined) return [];
      if (at === 'mmu_interval_read_begin') return one(at, { sub: L.sub, page: L.page });
      if (at === 'hmm_range_fault') {
        const sub = n.lookup(L.sub);
        const out = one('hmm_range_fault', { page: L.page });
        return sub !== undefined && sub.seq !== L.s ? [...out, ...one('mmu_interval_check_retry')] : out;
      }
      if (at === 'driver_commit') return one(at, { page: L.page, version: L.snap });
      return one(at);
    }
    case 'manager': {
      if (at === 'idle') {
        const busy = new Set(Object.values(w.flt).map((f) => f.sub));
        return [
          ...w.subs.filter((s) => s.life === 'unused').map((s) => ({ action: 'mmu_interval_notifier_insert', args: { sub: s.id } })),
          ...w.subs
            .filter((s) => s.live && !busy.has(s.id))
            .map((s) => ({ action: 'mmu_interval_notifier_remove', args: { sub: s.id } })),
        ];
      }
      if (at === 'remove_return_free') return one(at, { sub: w.mgr.sub });
      return one(at);
    }
    case 'worker': {
      if (at === 'idle') {
        const h = w.driver.holes[0];
        return h === undefined ? [] : one('punch_begin', { ...h });
      }
      return one(at);
    }
  }
}

function argsOfInvStep(w: World, id: string, at: string): Record<string, unknown> {
  const L = w.inv[id];
  if (L === undefined) return {};
  switch (at) {
    case 'mmu_interval_set_seq':
      return { sub: L.cursor, seq: L.curSeq };
    case 'invalidate_zap':
    case 'invalidate_unlock':
      return { sub: L.cursor };
    case 'mm_change_ptes':
      return { start: L.start, last: L.last };
    default:
      return {};
  }
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
