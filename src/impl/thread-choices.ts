/**
 * The choices of the steps both worlds' invalidator and faulter programs
 * (world-threads.ts) take: the arguments each step records, and the guards
 * that ask the implementation (the driver lock's blocker, the notifier's
 * checkRetry).
 */
import { type SpecWorld, type StepChoice } from './world-api.ts';

/** A single choice. */
export const one = (action: string, args: Record<string, unknown> = {}): StepChoice[] => [{ action, args }];

/** Invalidator steps at `at`; at idle, one per range of `ranges` (default the model's InvRanges) and blockability. */
export function invalidatorChoices(w: SpecWorld, id: string, at: string, ranges?: ReadonlyArray<readonly [number, number]>): StepChoice[] {
  const cfg = w.cfg as { invRanges: ReadonlyArray<readonly [number, number]>; blockable: readonly boolean[] };
  const L = w.inv[id];
  if (at === 'idle') {
    return (ranges ?? cfg.invRanges).flatMap(([start, last]) =>
      cfg.blockable.map((blockable) => ({ action: 'mn_itree_inv_start_range', args: { start, last, blockable } })),
    );
  }
  if (L === undefined) return [];
  switch (at) {
    case 'invalidate_lock':
      // mutex_lock when free; a non-blockable range's mutex_trylock fails when it is held.
      if (w.driver.lock.blocker.ready()) return one('invalidate_lock', { sub: L.cursor });
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

/**
 * Faulter steps after the first read_begin. At hmm_range_fault the lockless exit mmu_interval_check_retry is
 * offered when the notifier's checkRetry says the seq moved.
 */
export function faulterStepChoices(w: SpecWorld, id: string, at: string): StepChoice[] {
  const L = w.flt[id];
  if (L === undefined) return [];
  if (at === 'mmu_interval_read_begin') return one(at, { sub: L.sub, page: L.page });
  if (at === 'hmm_range_fault') {
    const sub = w.notifier.lookup(L.sub);
    const out = one('hmm_range_fault', { page: L.page });
    const collided = sub !== undefined && w.notifier.inspect(() => w.notifier.checkRetry(sub, L.s));
    return collided ? [...out, ...one('mmu_interval_check_retry')] : out;
  }
  if (at === 'driver_commit') return one(at, { page: L.page, version: L.snap });
  return one(at);
}

/** Pages a..b. */
export function pages(a: number, b: number): number[] {
  const out: number[] = [];
  for (let p = a; p <= b; p++) out.push(p);
  return out;
}
