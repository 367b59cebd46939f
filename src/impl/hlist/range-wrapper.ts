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
import { EAGAIN, type Subscriptions } from '../notifier.ts';
import { type Blocker, type StepObserver } from '../scheduler.ts';
import { type Invalidation } from '../subscription.ts';
import { type HlistSubscriber } from './hlist-subscriber.ts';

/** The fixes of the hlist failure path: none (the kernel) or the modelled one. */
export const HLIST_FIXES = ['none', 'itree_inv_end_on_hlist_eagain'] as const;
/** One fix name, as in spec/HlistNotifier.tla's HlistFix. */
export type HlistFix = (typeof HLIST_FIXES)[number];

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

/** mmu_notifier_invalidate_range_start/_end over the interval tree and the hlist of one mm. */
export class RangeWrapper {
  private readonly pairsEnds: boolean;
  private readonly fix: HlistFix;

  constructor(
    readonly itree: Subscriptions,
    private readonly options: RangeWrapperOptions,
  ) {
    this.pairsEnds = options.pairsEnds ?? true;
    this.fix = options.fix ?? 'none';
  }

  /** __mmu_notifier_invalidate_range_start: 0, or EAGAIN (then the caller must not call the end). */
  async invalidateRangeStart(inv: Invalidation): Promise<number> {
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
    if (!this.options.hlist.some((h) => h.invalidateRangeEnd)) return;
    await this.point(inv, 'mn_hlist_invalidate_end');
    this.options.observer?.(inv.task, 'mn_hlist_invalidate_end', {});
    for (const h of this.options.hlist) h.invalidateRangeEnd?.(inv);
  }

  /**
   * mn_hlist_invalidate_range_start: every subscriber's start, one step
   * each; a failure is remembered and the loop goes on. After a failure
   * (a step): every subscriber's end (v5.12+), then EAGAIN.
   */
  private async hlistInvalidateRangeStart(inv: Invalidation): Promise<number> {
    let ret = 0;
    for (const h of this.options.hlist) {
      await this.point(inv, 'mn_hlist_invalidate_range_start', h.startBlocker(inv));
      const r = h.invalidateRangeStart(inv);
      this.options.observer?.(inv.task, 'mn_hlist_invalidate_range_start', { hsub: h.id, eagain: r !== 0 });
      if (r !== 0) ret = EAGAIN;
    }
    if (ret === 0) return 0;
    await this.point(inv, 'mn_hlist_unwind_end');
    this.options.observer?.(inv.task, 'mn_hlist_unwind_end', {});
    if (this.pairsEnds) for (const h of this.options.hlist) h.invalidateRangeEnd?.(inv);
    return ret;
  }

  /** A step point of the invalidating task (none under the free-running scheduler). */
  private async point(inv: Invalidation, label: string, blocker?: Blocker): Promise<void> {
    const p = this.itree.sched.point(inv.task, label, blocker);
    if (p !== undefined) await p;
  }
}
