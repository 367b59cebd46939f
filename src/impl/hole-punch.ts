/**
 * What a driver must do to its interval when the mm unmaps part of it
 * (dmirror_do_unmap / nouveau_svmm_do_unmap of the v5/v6 series,
 * docs/kernel-protocol.md §4.2 and §5.4), and the three ways of doing it:
 *
 * - inside_callback: from the interval's invalidate callback for the unmap,
 *   under the driver lock; update and insertSafe are both deferred to the
 *   last inv_end, which applies them in one critical section (safe).
 * - outside_shrink_then_insert: later, from a driver worker: shrink first,
 *   then insert the right part. Between the two an invalidation of the right
 *   part finds no interval and leaves its device entries stale (unsafe, M17).
 * - outside_insert_then_shrink: insert the right part first, then shrink:
 *   coverage never has a gap (safe, over-coverage only).
 */
import { type HolePunchStrategy } from '../protocol/index.ts';

/** A pending unmap of [start, last] inside subscription `sub`. */
export interface Hole {
  readonly sub: string;
  readonly start: number;
  readonly last: number;
}

/** The interval changes one unmap requires. */
export type UnmapPlan =
  | { kind: 'remove' }
  | { kind: 'shrink'; start: number; last: number }
  | { kind: 'split'; left: { start: number; last: number }; right: { start: number; last: number } };

/** dmirror_do_unmap(): the change to interval [subStart, subLast] for an unmap of [start, last]. */
export function planUnmap(subStart: number, subLast: number, start: number, last: number): UnmapPlan {
  const coversLeft = start <= subStart;
  const coversRight = last >= subLast;
  if (coversLeft && coversRight) return { kind: 'remove' };
  if (coversLeft) return { kind: 'shrink', start: last + 1, last: subLast };
  if (coversRight) return { kind: 'shrink', start: subStart, last: start - 1 };
  return { kind: 'split', left: { start: subStart, last: start - 1 }, right: { start: last + 1, last: subLast } };
}

/** Whether the strategy punches holes from inside the callback. */
export function punchesInCallback(strategy: HolePunchStrategy): boolean {
  return strategy === 'inside_callback';
}

/** The order of the two operations of an outside split. */
export function outsideOrder(strategy: HolePunchStrategy): ['shrink', 'insert'] | ['insert', 'shrink'] {
  return strategy === 'outside_insert_then_shrink' ? ['insert', 'shrink'] : ['shrink', 'insert'];
}
