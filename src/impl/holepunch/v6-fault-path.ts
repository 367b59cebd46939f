/**
 * The v6 dmirror's fault path (spec/HolePunch.tla's fault actions): every
 * attempt finds the interval that covers the page now
 * (mmu_interval_notifier_find, under the driver lock, so the retry's
 * read_begin step needs that lock free), hmm_range_fault fails with -EFAULT
 * on a page no VMA maps any more, and after read_retry the driver re-checks
 * under its lock that the interval still covers the page: a fault that
 * began on N for a page a hole punch moved to M would otherwise pass
 * read_retry (N is no longer invalidated for that page). Variant
 * V6_fault_no_recheck drops the re-check.
 */
import { type VariantName } from '../../protocol/index.ts';
import { type DriverLock } from '../driver-lock.ts';
import { type FaultPath } from '../mirror-driver.ts';
import { type Subscriptions } from '../notifier.ts';
import { type Blocker, type Task } from '../scheduler.ts';
import { type Subscription } from '../subscription.ts';

/** The v6 fault path over the world's intervals and mapped pages. */
export class V6FaultPath implements FaultPath {
  /** Under the driver lock, after read_retry: the interval still covers the page (else retry). */
  readonly stillCovers: (sub: Subscription, page: number) => boolean;

  constructor(
    private readonly notifier: Subscriptions,
    private readonly subs: readonly Subscription[],
    private readonly vma: ReadonlySet<number>,
    variant: VariantName,
  ) {
    this.stillCovers =
      variant === 'V6_fault_no_recheck' ? () => true : (sub, page) => this.notifier.tree.has(sub.id) && covers(sub, page);
  }

  /** Intervals mmu_interval_notifier_find may return for `page`: in the tree, not being removed, covering it. */
  find(page: number): Subscription[] {
    return this.subs.filter((s) => this.notifier.tree.has(s.id) && s.life === 'in_tree' && covers(s, page));
  }

  retryBlocker(spinlock: Blocker | undefined, lock: DriverLock): Blocker {
    return { ready: () => (spinlock?.ready() ?? true) && lock.blocker.ready(), whenReady: () => lock.blocker.whenReady() };
  }

  /** The interval the step's arguments name (a replay), else the first one found; null if none covers the page. */
  refind(task: Task, _sub: Subscription, page: number): Subscription | null {
    const want = task.args?.sub;
    const found = this.find(page);
    if (typeof want === 'string') return found.find((s) => s.id === want) ?? null;
    return found[0] ?? null;
  }

  mapped(page: number): boolean {
    return this.vma.has(page);
  }
}

function covers(sub: Subscription, page: number): boolean {
  return sub.start <= page && page <= sub.last;
}
