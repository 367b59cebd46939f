/**
 * The start/end wrappers of mm/mmu_notifier.c with both kinds of
 * subscriber: the interval tree first, the hlist second
 * (spec/HlistNotifier.tla, docs/kernel-protocol.md §9.1).
 *
 *   __mmu_notifier_invalidate_range_start: mn_itree_invalidate; on error
 *     return it; then mn_hlist_invalidate_range_start.
 *   __mmu_notifier_invalidate_range_end: mn_itree_inv_end, then
 *     mn_hlist_invalidate_end.
 *
 * A caller of the non-blocking start (the OOM reaper) calls no end after
 * EAGAIN, so in mainline an hlist failure after a successful tree walk
 * leaves the tree's active count raised for good. The fix
 * `itree_inv_end_on_hlist_eagain` (not in any kernel) calls mn_itree_inv_end
 * on that path.
 */
import { type HlistFix } from '../../protocol/hlist-state.ts';
import { EAGAIN, type Subscriptions } from '../notifier.ts';
import { type Blocker, type StepObserver } from '../scheduler.ts';
import { type Invalidation } from '../subscription.ts';
import { type HlistSubscriber } from './hlist-subscriber.ts';


/** How the wrapper behaves. */
export interface RangeWrapperOptions {
  /** The mm's hlist, head first (the order hlist_for_each_entry walks it). */
  readonly hlist: readonly HlistSubscriber[];
  /** The failure path calls the ends (c2655835fd8c, v5.12+: true; v5.10: false). */
  readonly pairsEnds?: boolean;
  readonly fix?: HlistFix;
  /** Records each step's action (spec action names). */
  readonly observer?: StepObserver;
}

/**
 * Where an invalidation stands in the hlist (spec/HlistNotifier.tla's hl[t]):
 * the position of the next subscriber to call (1-based), whether a start
 * failed, and the subscribers with an end whose start ran and whose end is
 * owed (sorted ids).
 */
export interface HlistWalk {
  next: number;
  failed: boolean;
  started: string[];
}

/** The walk of an invalidation that has not reached the hlist (the spec's HlIdle). */
export const idleWalk = (): HlistWalk => ({ next: 1, failed: false, started: [] });

/** mmu_notifier_invalidate_range_start/_end over the interval tree and the hlist of one mm. */
export class RangeWrapper {
  private readonly pairsEnds: boolean;
  private readonly fix: HlistFix;
  /** Per invalidating task: its last invalidation's hlist walk. */
  private readonly walks = new Map<string, HlistWalk>();

  constructor(
    readonly itree: Subscriptions,
    private readonly options: RangeWrapperOptions,
  ) {
    this.pairsEnds = options.pairsEnds ?? true;
    this.fix = options.fix ?? 'none';
  }

  /** __mmu_notifier_invalidate_range_start: 0, or EAGAIN (then the caller must not call the end). */
  async invalidateRangeStart(inv: Invalidation): Promise<number> {
    // A new invalidation starts its hlist walk at the head (in the step of mn_itree_inv_start_range).
    this.walks.set(inv.task.id, idleWalk());
    const r = await this.itree.invalidateRangeStart(inv); // mn_itree_invalidate
    if (r !== 0 || this.options.hlist.length === 0) return r;
    const h = await this.hlistInvalidateRangeStart(inv);
    if (h !== 0 && this.fix === 'itree_inv_end_on_hlist_eagain') {
      await this.point(inv, 'mn_itree_inv_end');
      await this.itree.invalidateRangeEnd(inv);
    }
    return h;
  }

  /** __mmu_notifier_invalidate_range_end: mn_itree_inv_end, then mn_hlist_invalidate_end. */
  async invalidateRangeEnd(inv: Invalidation): Promise<void> {
    await this.itree.invalidateRangeEnd(inv);
    if (!this.endOwed(inv.task.id)) return;
    await this.point(inv, 'mn_hlist_invalidate_end');
    this.options.observer?.(inv.task, 'mn_hlist_invalidate_end', {});
    for (const h of this.options.hlist) h.invalidateRangeEnd?.(inv);
    this.walkOf(inv.task.id).started = [];
  }

  /** The hlist walk of `taskId`'s current or last invalidation. */
  walkOf(taskId: string): HlistWalk {
    let w = this.walks.get(taskId);
    if (w === undefined) {
      w = idleWalk();
      this.walks.set(taskId, w);
    }
    return w;
  }

  /** Whether `taskId`'s invalidation owes mn_hlist_invalidate_end (spec: HlistEndOwedHere). */
  private endOwed(taskId: string): boolean {
    return this.walkOf(taskId).started.length > 0;
  }

  /**
   * mn_hlist_invalidate_range_start: every subscriber's start, one step
   * each; a failure is remembered and the loop goes on. After a failure
   * (a step): every subscriber's end (v5.12+), then EAGAIN.
   */
  private async hlistInvalidateRangeStart(inv: Invalidation): Promise<number> {
    const walk = this.walkOf(inv.task.id);
    for (const h of this.options.hlist) {
      await this.point(inv, 'mn_hlist_invalidate_range_start', h.startBlocker(inv));
      const r = h.invalidateRangeStart(inv);
      this.options.observer?.(inv.task, 'mn_hlist_invalidate_range_start', { hsub: h.id, eagain: r !== 0 });
      walk.next += 1;
      if (r !== 0) walk.failed = true;
      else if (h.invalidateRangeEnd) walk.started = [...walk.started, h.id].sort();
    }
    if (!walk.failed) return 0;
    await this.point(inv, 'mn_hlist_unwind_end');
    this.options.observer?.(inv.task, 'mn_hlist_unwind_end', {});
    if (this.pairsEnds) {
      for (const h of this.options.hlist) h.invalidateRangeEnd?.(inv);
      walk.started = [];
    }
    return EAGAIN;
  }

  /** A step point of the invalidating task (none under the free-running scheduler). */
  private async point(inv: Invalidation, label: string, blocker?: Blocker): Promise<void> {
    const p = this.itree.sched.point(inv.task, label, blocker);
    if (p !== undefined) await p;
  }
}
