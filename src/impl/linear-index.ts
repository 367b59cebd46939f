/**
 * The obvious O(n) interval index: an unsorted array scanned on every query.
 * It is the oracle of the interval-index property tests and the baseline of
 * the lookup benchmark; the notifier never uses it.
 */
import { compareKeys, type IntervalEntry, type TreeKey } from './interval-index.ts';

/** A linear-scan index with the same query interface as IntervalIndex. */
export class LinearIndex<T> {
  private readonly items: IntervalEntry<T>[] = [];

  /** Number of stored intervals. */
  get size(): number {
    return this.items.length;
  }

  /** Adds [start, last] under `id`. */
  insert(start: number, last: number, rank: number, id: string, value: T): void {
    this.items.push({ start, last, rank, id, value });
  }

  /** Removes `id`; returns whether it was present. */
  remove(id: string): boolean {
    const i = this.items.findIndex((e) => e.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** Every entry intersecting [start, last], in (start, rank) order. */
  intersecting(start: number, last: number): IntervalEntry<T>[] {
    return this.items.filter((e) => e.start <= last && e.last >= start).sort(compareKeys);
  }

  /** The first entry in (start, rank) order intersecting [start, last]. */
  first(start: number, last: number): IntervalEntry<T> | undefined {
    let best: IntervalEntry<T> | undefined;
    for (const e of this.items) {
      if (e.start <= last && e.last >= start && (best === undefined || compareKeys(e, best) < 0)) best = e;
    }
    return best;
  }

  /** The first entry after `after` in (start, rank) order intersecting [start, last]. */
  next(after: TreeKey, start: number, last: number): IntervalEntry<T> | undefined {
    let best: IntervalEntry<T> | undefined;
    for (const e of this.items) {
      if (compareKeys(e, after) <= 0 || e.start > last || e.last < start) continue;
      if (best === undefined || compareKeys(e, best) < 0) best = e;
    }
    return best;
  }
}
