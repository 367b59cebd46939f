/**
 * A reference mirror driver in the style of lib/test_hmm.c (dmirror): a
 * device page table mirroring the CPU PTEs of the pages its subscriptions
 * cover, the driver lock, the invalidate callback, and the collision-retry
 * fault loop. Every driver step is one step of the spec's MirrorDriver
 * module; the awaits are its step points. The variants that change the
 * driver (M13, M14, M22) are resolved at construction; the hole-punch
 * driver's fault path (spec/HolePunch.tla) is a `FaultPath` of its own
 * (holepunch/v6-fault-path.ts).
 */
import { DriverLock } from './driver-lock.ts';
import { type SimulatedMm } from './mm.ts';
import { type Subscriptions } from './notifier.ts';
import { type Blocker, NEVER_READY, type Scheduler, type StepObserver, type Task } from './scheduler.ts';
import { NONE, type IntervalOps, type Invalidation, Subscription } from './subscription.ts';
import { type OwnerSkipMode } from '../protocol/owner-skip-state.ts';

/** Locals of one faulting thread (the spec's flt[t]). */
export interface FaultLocals {
  sub: string;
  page: number;
  s: number;
  snap: number;
  tries: number;
  done: number;
}

/** Construction parameters of the driver. */
export interface MirrorDriverConfig {
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly record: StepObserver;
  /** read_begin attempts per fault before giving up (-EBUSY after the driver's timeout). */
  readonly maxTries: number;
  /** The v5/v6 drivers (hole punching) have ops->release and free the interval there. */
  readonly hasRelease?: boolean | undefined;
  /**
   * At a hmm_range_fault point: whether to take the lockless
   * mmu_interval_check_retry exit (only possible on a collision).
   */
  readonly wantCheckRetry?: ((task: Task) => boolean) | undefined;
  /**
   * The unmap handler (spec/HolePunch.tla's dmirror_do_unmap and plan
   * steps): runs in the callback of an MMU_NOTIFY_UNMAP invalidation after
   * the zap, driver lock held, with its own step points. Undefined: the
   * mainline dmirror, which does nothing more.
   */
  readonly unmapHandler?: ((task: Task, sub: Subscription, inv: Invalidation) => Promise<void>) | undefined;
  /** The fault path's strategy; default the mainline dmirror's ({@link DMIRROR_FAULT_PATH}). */
  readonly faultPath?: FaultPath | undefined;
  /**
   * Whether the interval callback zaps (dmirror, default). nouveau's
   * nouveau_svm_range_invalidate only calls set_seq; its hlist notifier zaps.
   */
  readonly zapsInCallback?: boolean | undefined;
  /**
   * The callback's early return, tested when its first step is taken: true
   * = return true at once, without lock, set_seq or zap (step
   * invalidate_skip). amdkfd's svm_range_cpu_invalidate_pagetables returns
   * so for MMU_NOTIFY_RELEASE, and after fa582c6f3684 also when
   * mmget_not_zero fails (src/impl/exit). Undefined: dmirror, never.
   */
  readonly skipsCallback?: ((inv: Invalidation) => boolean) | undefined;
  /**
   * The callback for an MMU_NOTIFY_MIGRATE range whose owner is this driver
   * (spec/OwnerSkip.tla): "dmirror" returns true at once, "set_seq" skips
   * only the zap, "none" (default) treats it like any other range.
   */
  readonly ownerSkip?: OwnerSkipMode | undefined;
}

/**
 * Where dmirror_range_fault's fault paths differ: the mainline dmirror
 * faults on one interval; the v6 hole-punch dmirror finds the covering
 * interval on every attempt, fails on an unmapped page and re-checks
 * coverage under the lock.
 */
export interface FaultPath {
  /**
   * The enabling condition of a retry's read_begin step, given the core's
   * spinlock blocker (the v6 find also needs the driver lock free).
   */
  retryBlocker(spinlock: Blocker | undefined, lock: DriverLock): Blocker | undefined;
  /**
   * At the start of a retry's read_begin step: the interval to fault on
   * now (the v6 mmu_interval_notifier_find under the driver lock), or null
   * if none covers the page (the fault fails).
   */
  refind(task: Task, sub: Subscription, page: number): Subscription | null;
  /** hmm_range_fault can read the page (the v6 path fails with -EFAULT on an unmapped page). */
  mapped(page: number): boolean;
  /** Under the driver lock, after read_retry: the interval still covers the page (else retry). */
  stillCovers(sub: Subscription, page: number): boolean;
  /**
   * hmm_range_fault meets a migration entry on the page (spec/OwnerSkip.tla):
   * migration_entry_wait, -EBUSY, and the loop goes round. Undefined: never.
   */
  migrationEntry?(page: number): boolean;
}

/**
 * The mainline dmirror's fault path: one interval for the whole fault, whose
 * bounds never change, so read_retry alone decides.
 */
export const DMIRROR_FAULT_PATH: FaultPath = {
  retryBlocker: (spinlock) => spinlock,
  refind: (_task, sub) => sub,
  mapped: () => true,
  stillCovers: () => true,
};

/** The mirror driver of one device. */
export class MirrorDriver {
  /** Device page table: spte[p - 1] = mirrored version, 0 = no entry. */
  readonly spte: number[];
  /** dmirror->mutex. */
  readonly lock = new DriverLock();
  /** The ops of every subscription of this driver. */
  readonly ops: IntervalOps;
  private readonly sched: Scheduler;
  private readonly faultPath: FaultPath;
  /** M14: set_seq after the unlock instead of right after the lock. */
  private readonly setSeqAfterUnlock: boolean;
  /** M22: the callback calls the blocking remove from its zap step. */
  private readonly removesInCallback: boolean;
  /** The fault's driver_lock + read_retry steps: mainline locks first; M13 reads first. */
  private readonly lockedReadRetry: (task: Task, L: FaultLocals, sub: Subscription, page: number) => Promise<boolean>;

  constructor(private readonly cfg: MirrorDriverConfig) {
    this.spte = Array.from({ length: cfg.mm.npages }, () => 0);
    this.sched = cfg.notifier.sched;
    this.faultPath = cfg.faultPath ?? DMIRROR_FAULT_PATH;
    const variant = cfg.notifier.variant;
    this.setSeqAfterUnlock = variant === 'M14_set_seq_after_unlock';
    this.removesInCallback = variant === 'M22_remove_in_callback';
    this.lockedReadRetry =
      variant === 'M13_read_retry_unlocked'
        ? (task, L, sub, page) => this.readRetryThenLock(task, L, sub, page)
        : (task, L, sub, page) => this.lockThenReadRetry(task, L, sub, page);
    const invalidate: IntervalOps['invalidate'] = (sub, inv, curSeq) => this.invalidate(sub, inv, curSeq);
    this.ops =
      cfg.hasRelease === true
        ? {
            invalidate,
            release: (sub) => {
              sub.life = 'freed';
            },
          }
        : { invalidate };
  }

  /** Erases the device entries of [start, last] ∩ [sub.start, sub.last]. */
  zap(sub: Subscription, start: number, last: number): void {
    const from = Math.max(start, sub.start, 1);
    const to = Math.min(last, sub.last, this.spte.length);
    for (let p = from; p <= to; p++) this.spte[p - 1] = 0;
  }

  /**
   * dmirror_interval_invalidate(): mutex_lock (blockable) or mutex_trylock
   * (else return false), mmu_interval_set_seq, zap the range, mutex_unlock —
   * four steps. M14 moves set_seq after the unlock; M22 calls the blocking
   * remove from the zap step. For its own MMU_NOTIFY_MIGRATE range
   * (`range->owner` = this driver) `ownerSkip` decides: "dmirror" returns
   * true in one step at the lock's point (lib/test_hmm.c as written),
   * "set_seq" takes the zap's step without zapping (dmirror_skip_do_update).
   */
  async invalidate(sub: Subscription, inv: Invalidation, curSeq: number): Promise<boolean> {
    const { task } = inv;
    const { record } = this.cfg;
    // Step points: the free-running scheduler returns undefined, so no microtask hop.
    let gate: Promise<void> | undefined;
    const ownMigration = inv.event === 'migrate' && inv.owner === this;
    const skips = this.cfg.skipsCallback;
    if (ownMigration && this.cfg.ownerSkip === 'dmirror') {
      // lib/test_hmm.c: return true before mutex_lock, no set_seq, no update.
      gate = this.sched.point(task, 'invalidate_lock');
      if (gate !== undefined) await gate;
      record(task, 'invalidate_owner_skip', { sub: sub.id });
      return true;
    }
    if (skips !== undefined) {
      if (await this.skipOrLock(task, sub, inv, skips)) return true;
      if (this.lock.holder !== task.id) return false;
    } else if (inv.blockable) {
      await this.lock.lock(this.sched, task, 'invalidate_lock', () => record(task, 'invalidate_lock', { sub: sub.id }));
    } else {
      gate = this.sched.point(task, 'invalidate_lock');
      if (gate !== undefined) await gate;
      if (!this.lock.tryLock(task)) {
        record(task, 'invalidate_trylock_fail', { sub: sub.id });
        return false;
      }
      record(task, 'invalidate_lock', { sub: sub.id });
    }
    if (!this.setSeqAfterUnlock) await this.setSeqStep(task, sub, curSeq);
    if (ownMigration && this.cfg.ownerSkip === 'set_seq') await this.skipDoUpdateStep(task, sub);
    else if (this.cfg.zapsInCallback ?? true) await this.zapStep(task, sub, inv);
    if (inv.event === 'unmap' && this.cfg.unmapHandler !== undefined) await this.cfg.unmapHandler(task, sub, inv);
    if (this.removesInCallback) {
      // M22: the callback calls the blocking remove on its own interval, in
      // this step; the tree is odd, so remove defers and waits for an epoch
      // end that needs this very callback to return (a self-deadlock). An
      // interval already pending removal just waits.
      if (sub.live) await this.cfg.notifier.remove(task, sub);
      else {
        gate = this.sched.point(task, 'remove_wait', NEVER_READY);
        if (gate !== undefined) await gate;
      }
    }
    gate = this.sched.point(task, 'invalidate_unlock');
    if (gate !== undefined) await gate;
    record(task, 'invalidate_unlock', { sub: sub.id });
    this.lock.unlock(task);
    if (this.setSeqAfterUnlock) await this.setSeqStep(task, sub, curSeq);
    return true;
  }

  /**
   * The first step of a callback with an early return: at invalidate_lock,
   * enabled when the callback returns at once or (blockable) the lock is
   * free. True = skipped (invalidate_skip). Otherwise the lock is taken, or,
   * for a non-blockable range whose trylock fails, not (the caller returns false).
   */
  private async skipOrLock(task: Task, sub: Subscription, inv: Invalidation, skips: (inv: Invalidation) => boolean): Promise<boolean> {
    const { record } = this.cfg;
    const free = this.lock.blocker;
    const blocker: Blocker | undefined = inv.blockable
      ? { ready: () => skips(inv) || free.ready(), whenReady: () => new Promise((r) => setTimeout(r, 0)) }
      : undefined;
    for (;;) {
      const gate = this.sched.point(task, 'invalidate_lock', blocker);
      if (gate !== undefined) await gate;
      if (skips(inv)) {
        record(task, 'invalidate_skip', { sub: sub.id });
        return true;
      }
      if (this.lock.tryLock(task)) {
        record(task, 'invalidate_lock', { sub: sub.id });
        return false;
      }
      if (!inv.blockable) {
        record(task, 'invalidate_trylock_fail', { sub: sub.id });
        return false;
      }
    }
  }

  /** dmirror_do_update(): erase the device entries of the range ∩ interval, one step. */
  private async zapStep(task: Task, sub: Subscription, inv: Invalidation): Promise<void> {
    const gate = this.sched.point(task, 'invalidate_zap');
    if (gate !== undefined) await gate;
    this.cfg.record(task, 'invalidate_zap', { sub: sub.id });
    this.zap(sub, inv.start, inv.last);
  }

  /** The owner-skip fix: in the zap's place, the step that leaves the device entries to the migration. */
  private async skipDoUpdateStep(task: Task, sub: Subscription): Promise<void> {
    const gate = this.sched.point(task, 'invalidate_zap');
    if (gate !== undefined) await gate;
    this.cfg.record(task, 'dmirror_skip_do_update', { sub: sub.id });
  }

  private async setSeqStep(task: Task, sub: Subscription, curSeq: number): Promise<void> {
    const gate = this.sched.point(task, 'mmu_interval_set_seq');
    if (gate !== undefined) await gate;
    this.cfg.record(task, 'mmu_interval_set_seq', { sub: sub.id, seq: curSeq });
    this.cfg.notifier.setSeq(sub, curSeq);
  }

  /**
   * dmirror_range_fault(): the collision-retry loop for one page of `sub`.
   * The caller has placed the point of the first read_begin ("idle"). Steps:
   * mmu_interval_read_begin [read_begin_wait…] hmm_range_fault |
   * mmu_interval_check_retry, driver_lock, mmu_interval_read_retry,
   * driver_commit. Gives up after maxTries read_begins.
   */
  async fault(task: Task, L: FaultLocals, sub: Subscription, page: number): Promise<void> {
    const { notifier, mm, record } = this.cfg;
    const path = this.faultPath;
    L.sub = sub.id;
    L.page = page;
    for (;;) {
      L.snap = 0;
      L.tries += 1;
      await notifier.readBegin(task, sub, L);
      let gate = this.sched.point(task, 'hmm_range_fault');
      if (gate !== undefined) await gate;
      if (path.migrationEntry?.(page) === true) {
        record(task, 'migration_entry_wait', { page });
      } else if (notifier.checkRetry(sub, L.s) && (this.cfg.wantCheckRetry?.(task) ?? true)) {
        record(task, 'mmu_interval_check_retry', {});
      } else {
        record(task, 'hmm_range_fault', { page });
        if (!path.mapped(page)) return; // -EFAULT: no VMA any more
        L.snap = mm.read(page);
        if (await this.lockedReadRetry(task, L, sub, page)) {
          gate = this.sched.point(task, 'driver_commit');
          if (gate !== undefined) await gate;
          record(task, 'driver_commit', { page, version: L.snap });
          this.spte[page - 1] = L.snap;
          this.lock.unlock(task);
          return;
        }
      }
      // FaultRetry: go round again, or give up after maxTries.
      if (L.tries >= this.cfg.maxTries) return;
      L.s = 0;
      L.snap = 0;
      gate = this.sched.point(task, 'mmu_interval_read_begin', path.retryBlocker(notifier.spinlock, this.lock));
      if (gate !== undefined) await gate;
      const found = path.refind(task, sub, page);
      if (found === null) {
        record(task, 'mmu_interval_read_begin', { sub: NONE, page });
        return;
      }
      sub = found;
      L.sub = sub.id;
    }
  }

  /** Mainline: driver_lock, then read_retry under it. True = no collision, lock held; on a collision the lock is dropped. */
  private async lockThenReadRetry(task: Task, L: FaultLocals, sub: Subscription, page: number): Promise<boolean> {
    await this.lock.lock(this.sched, task, 'driver_lock', () => this.cfg.record(task, 'driver_lock', {}));
    if (!(await this.readRetryStep(task, L, sub, page))) return true;
    this.lock.unlock(task);
    return false;
  }

  /** M13: read_retry before the lock, then driver_lock only if it passed. True = no collision, lock held. */
  private async readRetryThenLock(task: Task, L: FaultLocals, sub: Subscription, page: number): Promise<boolean> {
    if (await this.readRetryStep(task, L, sub, page)) return false;
    await this.lock.lock(this.sched, task, 'driver_lock', () => this.cfg.record(task, 'driver_lock', {}));
    return true;
  }

  /** The mmu_interval_read_retry step (plus the fault path's coverage re-check); true = collided, retry. */
  private async readRetryStep(task: Task, L: FaultLocals, sub: Subscription, page: number): Promise<boolean> {
    const gate = this.sched.point(task, 'mmu_interval_read_retry');
    if (gate !== undefined) await gate;
    this.cfg.record(task, 'mmu_interval_read_retry', {});
    return this.cfg.notifier.readRetry(sub, L.s) || !this.faultPath.stillCovers(sub, page);
  }

  /** Allocates a subscription with this driver's ops (not inserted). */
  newSubscription(id: string, start: number, last: number, rank?: number): Subscription {
    return new Subscription(id, this.ops, start, last, rank);
  }
}

/** Locals of a faulter between faults (the spec's FltIdle). */
export function idleFaultLocals(done: number): FaultLocals {
  return { sub: NONE, page: 0, s: 0, snap: 0, tries: 0, done };
}
