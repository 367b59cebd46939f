/**
 * struct mmu_interval_notifier: one subscribed interval, embedded in driver
 * memory. Plus the lifecycle ghost `life`, which is not kernel state: it lets
 * the model state "no use after free" (INV-7).
 */
import { type LifeState } from '../protocol/index.ts';
import { type Task } from './scheduler.ts';

/** An invalidation as the callbacks see it (struct mmu_notifier_range, pages inclusive). */
export interface NotifierRange {
  /** First page (range->start). */
  readonly start: number;
  /** Last page, inclusive (range->end - 1). */
  readonly last: number;
  /** MMU_NOTIFIER_RANGE_BLOCKABLE. */
  readonly blockable: boolean;
  /** range->event; only "unmap" is treated specially (by hole-punching drivers). */
  readonly event: 'unmap' | 'clear';
}

/**
 * The locals of one running invalidation (the invalidator thread's state in
 * the spec): set by the caller (range) and by the core (curSeq, cursor).
 */
export interface Invalidation {
  /** The invalidating thread. */
  readonly task: Task;
  /** First page (range->start). */
  start: number;
  /** Last page, inclusive (range->end - 1). */
  last: number;
  /** MMU_NOTIFIER_RANGE_BLOCKABLE. */
  blockable: boolean;
  /** range->event. */
  event: 'unmap' | 'clear' | 'release' | 'migrate';
  /** range->owner (migrate_vma_setup's pgmap owner); unset for every other event. */
  owner?: unknown;
  /** cur_seq handed to the callbacks; 0 when the lookup found nothing. */
  curSeq: number;
  /** Id of the node the walk is positioned on, or "none". */
  cursor: string;
}

/** struct mmu_interval_notifier_ops, with the v5/v6 `release`. */
export interface IntervalOps {
  /**
   * ops->invalidate(sub, range, cur_seq). May be async (its awaits are step
   * points of the invalidating task). Returns false only for a non-blockable
   * range it cannot serve without sleeping (then the walk stops: -EAGAIN).
   */
  invalidate(sub: Subscription, range: Invalidation, curSeq: number): boolean | Promise<boolean>;
  /**
   * v5/v6 ops->release(sub): called once a removeDeferred()-ed subscription has
   * left the tree; the driver frees it here. Runs outside the spinlock.
   */
  release?(sub: Subscription): void;
}

/** "No subscription" in ids (the spec's "none"). */
export const NONE = 'none';

let nextRank = 1;

/** One interval subscription. */
export class Subscription {
  /** interval_tree.start (first page). */
  start: number;
  /** interval_tree.last (last page, inclusive). */
  last: number;
  /** The subscription's own invalidate_seq; odd once inserted (0 before). */
  seq = 0;
  /** Lifecycle ghost. */
  life: LifeState = 'unused';
  /** On subscriptions->deferred_list (the hlist node is linked). */
  onDeferred = false;
  /** v5/v6 pending update (updated_start/updated_last); null = none. */
  updated: { start: number; last: number } | null = null;
  /** removeDeferred() while the tree was frozen: ops.release is due at the last inv_end. */
  releaseDue = false;
  /** Times a callback, walk, or deferred-list pass touched this subscription after it was freed. */
  usesAfterFree = 0;

  /**
   * @param id   name in states and traces ("s1", …)
   * @param ops  the driver's callbacks
   * @param rank tie-break of equal starts in the tree order (unique per
   *             subscriptions object; defaults to creation order)
   */
  constructor(
    readonly id: string,
    readonly ops: IntervalOps,
    start = 0,
    last = 0,
    readonly rank: number = nextRank++,
  ) {
    this.start = start;
    this.last = last;
  }

  /** Inserted and not yet asked to be removed. */
  get live(): boolean {
    return this.life === 'pending_insert' || this.life === 'in_tree';
  }
}
