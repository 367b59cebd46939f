/**
 * A reference mirror driver in the style of lib/test_hmm.c (dmirror): a
 * device page table mirroring the CPU PTEs of the pages its subscriptions
 * cover, the driver lock, the invalidate callback, and the collision-retry
 * fault loop. Every driver step is one step of the spec's MirrorDriver
 * module; the awaits are its step points.
 */
import { type HolePunchStrategy, type VariantName } from '../protocol/index.ts';
import { DriverLock } from './driver-lock.ts';
import { type Hole, planUnmap, punchesInCallback, type UnmapPlan } from './hole-punch.ts';
import { type SimulatedMm } from './mm.ts';
import { type Subscriptions } from './notifier.ts';
import { type Blocker, NEVER_READY, type Scheduler, type StepObserver, type Task } from './scheduler.ts';
import { NONE, type IntervalOps, type Invalidation, Subscription } from './subscription.ts';

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
  /** How unmaps that hit an interval are handled; undefined = the mainline dmirror (no hole punching). */
  readonly holePunch?: HolePunchStrategy | undefined;
  /** Allocates a new subscription for the right part of a split (hole punching). */
  readonly allocate?: ((start: number, last: number) => Subscription) | undefined;
  /**
   * At a hmm_range_fault point: whether to take the lockless
   * mmu_interval_check_retry exit (only possible on a collision).
   */
  readonly wantCheckRetry?: ((task: Task) => boolean) | undefined;
  /**
   * Replaces the built-in unmap handling: runs in the callback after the
   * zap, driver lock held, with its own step points (spec/HolePunch.tla's
   * dmirror_do_unmap and plan steps).
   */
  readonly unmapHandler?: ((task: Task, sub: Subscription, inv: Invalidation) => Promise<void>) | undefined;
  /** v6 dmirror fault path (spec/HolePunch.tla); default: the mainline dmirror. */
  readonly faultPath?: FaultPath | undefined;
}

/** The v6 dmirror's fault-path differences from mainline. */
export interface FaultPath {
  /**
   * A retry's read_begin: the interval that now covers the page
   * (mmu_interval_notifier_find, under the driver lock taken and dropped in
   * the step, so the step needs the lock free), or null if none (the fault
   * fails). Runs at the start of that step.
   */
  refind(task: Task, page: number): Subscription | null;
  /** Whether the page is still mapped (hmm_range_fault fails on an unmapped page). */
  mapped(page: number): boolean;
  /** Under the driver lock: the interval is in the tree and still covers the page. */
  stillCovers(this: void, sub: Subscription, page: number): boolean;
}

/** The mirror driver of one device. */
export class MirrorDriver {
  /** Device page table: spte[p - 1] = mirrored version, 0 = no entry. */
  readonly spte: number[];
  /** dmirror->mutex. */
  readonly lock = new DriverLock();
  /** Unmaps recorded by the callback for the outside hole-punch strategies. */
  readonly holes: Hole[] = [];
  /** The ops of every subscription of this driver. */
  readonly ops: IntervalOps;
  private readonly variant: VariantName;
  private readonly sched: Scheduler;

  constructor(private readonly cfg: MirrorDriverConfig) {
    this.spte = Array.from({ length: cfg.mm.npages }, () => 0);
    this.variant = cfg.notifier.variant;
    this.sched = cfg.notifier.sched;
    const invalidate: IntervalOps['invalidate'] = (sub, inv, curSeq) => this.invalidate(sub, inv, curSeq);
    // Only the v5/v6 drivers (hole punching) have ops->release: the driver frees the interval there.
    this.ops =
      cfg.holePunch === undefined
        ? { invalidate }
        : {
            invalidate,
            release: (sub) => {
              sub.life = 'freed';
            },
          };
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
   * remove from the zap step.
   */
  async invalidate(sub: Subscription, inv: Invalidation, curSeq: number): Promise<boolean> {
    const { task } = inv;
    const { record } = this.cfg;
    // Step points: the free-running scheduler returns undefined, so no microtask hop.
    let gate: Promise<void> | undefined;
    if (inv.blockable) {
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
    const lateSetSeq = this.variant === 'M14_set_seq_after_unlock';
    if (!lateSetSeq) await this.setSeqStep(task, sub, curSeq);
    gate = this.sched.point(task, 'invalidate_zap');
    if (gate !== undefined) await gate;
    record(task, 'invalidate_zap', { sub: sub.id });
    this.zap(sub, inv.start, inv.last);
    if (inv.event === 'unmap') {
      if (this.cfg.unmapHandler !== undefined) await this.cfg.unmapHandler(task, sub, inv);
      else this.onUnmap(sub, inv);
    }
    if (this.variant === 'M22_remove_in_callback') {
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
    if (lateSetSeq) await this.setSeqStep(task, sub, curSeq);
    return true;
  }

  private async setSeqStep(task: Task, sub: Subscription, curSeq: number): Promise<void> {
    const gate = this.sched.point(task, 'mmu_interval_set_seq');
    if (gate !== undefined) await gate;
    this.cfg.record(task, 'mmu_interval_set_seq', { sub: sub.id, seq: curSeq });
    this.cfg.notifier.setSeq(sub, curSeq);
  }

  /**
   * The unmap handler, inside the zap step (driver lock held): punch the
   * hole now (inside_callback: update + insertSafe, both deferred by the
   * core while the tree is frozen) or record it for the worker.
   */
  private onUnmap(sub: Subscription, inv: Invalidation): void {
    const strategy = this.cfg.holePunch;
    if (strategy === undefined || !sub.live) return;
    if (!punchesInCallback(strategy)) {
      this.holes.push({ sub: sub.id, start: inv.start, last: inv.last });
      return;
    }
    this.applyPlan(sub, planUnmap(sub.start, sub.last, inv.start, inv.last), 'both');
  }

  /**
   * Applies `plan` (computed once, from the bounds at unmap time) to `sub`;
   * `part` selects the shrink/remove, the insert of the right part, or both.
   */
  applyPlan(sub: Subscription, plan: UnmapPlan, part: 'both' | 'shrink' | 'insert'): void {
    const { notifier, allocate } = this.cfg;
    // A subscription the driver is removing is not split any more.
    if (!sub.live) return;
    if (plan.kind === 'remove') {
      if (part !== 'insert') notifier.removeDeferred(sub);
      return;
    }
    const keep = plan.kind === 'shrink' ? plan : plan.left;
    if (part !== 'insert') notifier.update(sub, keep.start, keep.last - keep.start + 1);
    if (plan.kind === 'split' && part !== 'shrink' && allocate !== undefined) {
      const right = allocate(plan.right.start, plan.right.last);
      notifier.insertSafe(right, plan.right.start, plan.right.last - plan.right.start + 1);
    }
  }

  /**
   * dmirror_range_fault(): the collision-retry loop for one page of `sub`.
   * The caller has placed the point of the first read_begin ("idle"). Steps:
   * mmu_interval_read_begin [read_begin_wait…] hmm_range_fault |
   * mmu_interval_check_retry, driver_lock, mmu_interval_read_retry,
   * driver_commit. Gives up after maxTries read_begins. M13 does read_retry
   * before taking the lock.
   */
  async fault(task: Task, L: FaultLocals, sub: Subscription, page: number, spinlock = this.cfg.notifier.spinlock): Promise<void> {
    // A retry's read_begin needs the spinlock; the v6 find before it also needs the driver lock free.
    const findable: Blocker | undefined =
      this.cfg.faultPath === undefined
        ? spinlock
        : {
            ready: () => (spinlock?.ready() ?? true) && this.lock.blocker.ready(),
            whenReady: () => this.lock.blocker.whenReady(),
          };
    const { notifier, mm, record, faultPath } = this.cfg;
    const unlockedRetry = this.variant === 'M13_read_retry_unlocked';
    // V6_fault_no_recheck: the driver trusts read_retry alone (the hole-punch race of a fault).
    const stillCovers = (sub: Subscription, page: number): boolean =>
      this.variant === 'V6_fault_no_recheck' || (faultPath !== undefined ? faultPath.stillCovers(sub, page) : covers(sub, page));
    let gate: Promise<void> | undefined;
    L.sub = sub.id;
    L.page = page;
    for (;;) {
      L.snap = 0;
      L.tries += 1;
      await notifier.readBegin(task, sub, L);
      gate = this.sched.point(task, 'hmm_range_fault');
      if (gate !== undefined) await gate;
      if (notifier.checkRetry(sub, L.s) && (this.cfg.wantCheckRetry?.(task) ?? true)) {
        record(task, 'mmu_interval_check_retry', {});
      } else if (faultPath !== undefined && !faultPath.mapped(page)) {
        record(task, 'hmm_range_fault', { page }); // -EFAULT: no VMA any more
        return;
      } else {
        record(task, 'hmm_range_fault', { page });
        L.snap = mm.read(page);
        let collided = false;
        if (unlockedRetry) {
          gate = this.sched.point(task, 'mmu_interval_read_retry');
          if (gate !== undefined) await gate;
          record(task, 'mmu_interval_read_retry', {});
          collided = notifier.readRetry(sub, L.s) || !stillCovers(sub, page);
        }
        if (!collided) {
          await this.lock.lock(this.sched, task, 'driver_lock', () => record(task, 'driver_lock', {}));
          if (!unlockedRetry) {
            gate = this.sched.point(task, 'mmu_interval_read_retry');
            if (gate !== undefined) await gate;
            record(task, 'mmu_interval_read_retry', {});
            collided = notifier.readRetry(sub, L.s) || !stillCovers(sub, page);
          }
          if (collided) this.lock.unlock(task);
        }
        if (!collided) {
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
      gate = this.sched.point(task, 'mmu_interval_read_begin', findable);
      if (gate !== undefined) await gate;
      if (faultPath !== undefined) {
        const found = faultPath.refind(task, page);
        if (found === null) {
          record(task, 'mmu_interval_read_begin', { sub: NONE, page });
          return;
        }
        sub = found;
        L.sub = sub.id;
      }
    }
  }

  /** Allocates a subscription with this driver's ops (not inserted). */
  newSubscription(id: string, start: number, last: number, rank?: number): Subscription {
    return new Subscription(id, this.ops, start, last, rank);
  }
}

/**
 * Whether `sub` still covers `page`. Always true in the spec's models (bounds
 * never change there); with hole punching, a fault that began on an interval
 * may find its page moved to the new right part: read_retry alone cannot
 * see that (the old interval is no longer invalidated for the page), so the
 * driver re-checks coverage under its lock and retries.
 */
function covers(sub: Subscription, page: number): boolean {
  return sub.start <= page && page <= sub.last;
}

/** Locals of a faulter between faults (the spec's FltIdle). */
export function idleFaultLocals(done: number): FaultLocals {
  return { sub: NONE, page: 0, s: 0, snap: 0, tries: 0, done };
}
