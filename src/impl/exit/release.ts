/**
 * Process exit on the implementation (spec/ProcessExit.tla): the tree part
 * of mmu_notifier_release, which exit_mmap calls once mm_users is 0.
 */
import { type Subscriptions } from '../notifier.ts';
import { type Task } from '../scheduler.ts';
import { NONE, type Invalidation } from '../subscription.ts';

/**
 * The range of mn_itree_release, [0, ULONG_MAX): here every page number the
 * core accepts (a length of at most Number.MAX_SAFE_INTEGER pages from 0).
 */
export function releaseRange(task: Task): Invalidation {
  return { task, start: 0, last: Number.MAX_SAFE_INTEGER - 1, blockable: true, event: 'release', curSeq: 0, cursor: NONE };
}

/** Where a world places its steps in the release walk (src/impl/exit/exit-thread.ts). */
export interface ReleaseOptions {
  /** The range walked (default {@link releaseRange}; a world's model covers pages 1..NPages). */
  readonly range?: Invalidation;
  /** After the callbacks, before mn_itree_inv_end (a world's step points; no PTE changes here). */
  readonly beforeEnd?: (range: Invalidation) => Promise<void>;
}

/**
 * mmu_notifier_release() → __mmu_notifier_release() → mn_itree_release():
 * marks the mm's users gone (so later inserts fail with MmExitedError),
 * then walks the whole tree as one blockable MMU_NOTIFY_RELEASE
 * invalidation — mn_itree_inv_start_range, every interval's callback,
 * mn_itree_inv_end — with no PTE change between start and end. It removes
 * no subscription: the driver still removes them later, and the unmap of
 * the VMAs that follows (an ordinary invalidation with event 'unmap')
 * still reaches them. Runs in `task`, like any invalidation (its awaits are
 * the task's step points). Returns the range walked.
 */
export async function mmuNotifierRelease(notifier: Subscriptions, task: Task, options: ReleaseOptions = {}): Promise<Invalidation> {
  notifier.mmUsersGone = true;
  const range = options.range ?? releaseRange(task);
  range.event = 'release';
  range.blockable = true;
  // A blockable walk never returns -EAGAIN (a callback's false is the kernel's WARN_ON).
  await notifier.invalidateRangeStart(range);
  await options.beforeEnd?.(range);
  await notifier.invalidateRangeEnd(range);
  return range;
}
