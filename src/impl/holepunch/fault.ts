/**
 * The fault path of the hole-punch drivers, step for step like
 * spec/HolePunchDriver.tla (dmirror_interval_find … driver_commit):
 *
 * - dmirror (Ralph Campbell's v6 lib/test_hmm.c, dmirror_range_fault): per
 *   attempt mmap_read_lock, the lookup under dmirror->mutex (taken and
 *   dropped in the step), read_begin as its own step, hmm_range_fault, then
 *   mmap_read_unlock; mutex_lock and read_retry; with `faultRecheck` also
 *   the coverage re-check (our fix: the interval must still be in the tree
 *   and cover the page).
 * - amdkfd (kfd_svm.c, svm_range_restore_pages): mmap_read_lock and
 *   svms->lock from the lookup to the end of the attempt, and no commit
 *   while a split of the range is queued (prange->child_list not empty).
 *
 * Runs in the faulter's task; every `stepPoint` is one spec action.
 */
import { type AmdkfdFix, type HolePunchStrategy } from '../../protocol/index.ts';
import { type ControlledScheduler } from '../controlled-scheduler.ts';
import { type DriverLock } from '../driver-lock.ts';
import { type FaultLocals } from '../mirror-driver.ts';
import { type SimulatedMm } from '../mm.ts';
import { type Subscriptions } from '../notifier.ts';
import { type Blocker, stepPoint, type Task } from '../scheduler.ts';
import { NONE, type Subscription } from '../subscription.ts';
import { pollingGuard } from '../world-threads.ts';

/** What the fault path uses of the hole-punch world. */
export interface HolePunchFaultHost {
  readonly sched: ControlledScheduler;
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly lock: DriverLock;
  /** The device page table (index page - 1). */
  readonly spte: number[];
  readonly mmap: { writer: string; readonly readers: Set<string> };
  readonly vma: ReadonlySet<number>;
  readonly work: ReadonlyArray<{ readonly sub: string }>;
  readonly cfg: {
    readonly strategy: HolePunchStrategy;
    readonly amdkfdFix?: AmdkfdFix;
    readonly faultRecheck: boolean;
    readonly maxTries: number;
  };
  /** Intervals the lookup may return for `page` (in the tree, not being removed, covering it). */
  findable(page: number): Subscription[];
  record(task: Task, name: string, args: Record<string, unknown>): void;
  /** Whether the faulter should take the lockless check_retry exit at hmm_range_fault (replays choose). */
  wantCheckRetry(task: Task): boolean;
}

/** amdkfd's fault holds mmap_read_lock across the whole attempt (FaultHoldsMmapAcross). */
export function faultHoldsMmapAcross(strategy: HolePunchStrategy): boolean {
  return strategy === 'outside_remove_then_insert';
}

/** The lookup step's guard: the spinlock free, no mmap writer, and (dmirror) the driver lock free. */
export function findReady(w: HolePunchFaultHost, spinFree: () => boolean): boolean {
  return spinFree() && w.mmap.writer === NONE && (faultHoldsMmapAcross(w.cfg.strategy) || w.lock.holder === NONE);
}

/**
 * One fault (MaxTries attempts at most). The caller placed the first
 * lookup's step point ("idle"); `first` is that step's chosen interval and page.
 */
export async function holePunchFault(
  w: HolePunchFaultHost,
  task: Task,
  L: FaultLocals,
  first: { sub: Subscription; page: number },
  spinFree: () => boolean,
): Promise<void> {
  const across = faultHoldsMmapAcross(w.cfg.strategy);
  const spin: Blocker = pollingGuard(spinFree);
  const dropRead = (): void => void w.mmap.readers.delete(task.id);
  let sub: Subscription | null = first.sub;
  const page = first.page;
  for (;;) {
    // dmirror_interval_find (this step): take mmap_read_lock for the attempt.
    w.record(task, 'dmirror_interval_find', { sub: sub.id, page });
    Object.assign(L, { sub: sub.id, page, s: 0, snap: 0, tries: L.tries + 1 });
    w.mmap.readers.add(task.id);
    await stepPoint(w.sched, task, 'mmu_interval_read_begin', spin);
    await w.notifier.readBegin(task, sub, L);
    await stepPoint(w.sched, task, 'hmm_range_fault');
    let retry: boolean;
    if (w.notifier.checkRetry(sub, L.s) && w.wantCheckRetry(task)) {
      w.record(task, 'mmu_interval_check_retry', {});
      dropRead();
      retry = true;
    } else if (!w.vma.has(page)) {
      w.record(task, 'hmm_range_fault', { page }); // -EFAULT: no VMA any more
      dropRead();
      return;
    } else {
      w.record(task, 'hmm_range_fault', { page });
      L.snap = w.mm.read(page);
      if (!across) dropRead();
      await w.lock.lock(w.sched, task, 'driver_lock', () => w.record(task, 'driver_lock', {}));
      await stepPoint(w.sched, task, 'mmu_interval_read_retry');
      w.record(task, 'mmu_interval_read_retry', {});
      if (mayCommit(w, sub, L)) {
        await stepPoint(w.sched, task, 'driver_commit');
        w.record(task, 'driver_commit', { page, version: L.snap });
        w.spte[page - 1] = L.snap;
        w.lock.unlock(task);
        if (across) dropRead();
        return;
      }
      w.lock.unlock(task);
      if (across) dropRead();
      retry = true;
    }
    // FaultRetry: look the page up again, or give up after MaxTries.
    if (!retry || L.tries >= w.cfg.maxTries) return;
    L.s = 0;
    L.snap = 0;
    await stepPoint(w.sched, task, 'dmirror_interval_find', pollingGuard(() => findReady(w, spinFree)));
    const want = task.args?.sub;
    const found = w.findable(page);
    sub = typeof want === 'string' ? (found.find((s) => s.id === want) ?? null) : (found[0] ?? null);
    if (sub === null) {
      w.record(task, 'dmirror_interval_find', { sub: NONE, page });
      return;
    }
  }
}

/** The spec's FaultMayCommit: read_retry, the coverage re-check (FaultRecheck), amdkfd's split check. */
function mayCommit(w: HolePunchFaultHost, sub: Subscription, L: FaultLocals): boolean {
  if (w.notifier.readRetry(sub, L.s)) return false;
  if (w.cfg.faultRecheck && !(w.notifier.tree.has(sub.id) && sub.start <= L.page && L.page <= sub.last)) return false;
  if (faultHoldsMmapAcross(w.cfg.strategy) && w.work.some((it) => it.sub === sub.id)) return false;
  return true;
}
