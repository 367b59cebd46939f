/**
 * struct mmu_notifier_subscriptions and the interval-notifier core of
 * mm/mmu_notifier.c, one object per mm.
 *
 * Atomicity: every synchronous stretch of a method (no await) is one
 * critical section under subscriptions->lock, marked ⟦…⟧ in the comments.
 * Every later atomic step of an operation starts at a step point labelled
 * with the spec's pc value (src/protocol/actions.ts). The first step of an
 * operation starts when the operation is called: the caller places the point
 * before the call, because the caller decides the arguments (the trace's
 * lastAction.args).
 */
import { type VariantName } from '../protocol/index.ts';
import { AlreadyInsertedError, CallbackContextError, ContractError, MmExitedError, NotInsertedError, RangeOverflowError } from './errors.ts';
import { IntervalIndex } from './interval-index.ts';
import { type EpochClose, notifierHooks, type NotifierHooks } from './notifier-hooks.ts';
import { resolveOptions, type NotifierOptions } from './options.ts';
import { type Blocker, NEVER_READY, type Scheduler, type StepObserver, type Task } from './scheduler.ts';
import { NONE, type Invalidation, type Subscription } from './subscription.ts';
import { WaitQueue, waitEvent } from './wait-queue.ts';

/** -EAGAIN: a non-blockable invalidation met a callback that would sleep. */
export const EAGAIN = -11;

/** Locals of a remove (the manager thread's state in the spec). */
export interface RemoveLocals {
  /** Id of the subscription being removed, or "none". */
  sub: string;
  /** wait_seq: the odd seq to wait out, 0 = no wait. */
  waitSeq: number;
}

/** Locals of a read_begin (the faulter's `s`). */
export interface ReadLocals {
  s: number;
}

const isOdd = (x: number): boolean => x % 2 === 1;
const setOdd = (x: number): number => (isOdd(x) ? x : x + 1);

/** Validates a page range given as (start, length); returns the inclusive last page. */
export function lastPageOf(start: number, length: number): number {
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(length) || length < 1) {
    throw new RangeOverflowError(start, length);
  }
  // Compare before adding: start + length - 1 may round back into range.
  if (start > Number.MAX_SAFE_INTEGER - (length - 1)) throw new RangeOverflowError(start, length);
  return start + length - 1;
}

/** The per-mm interval-notifier state and its operations. */
export class Subscriptions {
  /** invalidate_seq: even = idle or partially excluded; odd = tree frozen. */
  seq: number;
  /** active_invalidate_ranges: running invalidate_range_start calls. */
  active = 0;
  /** itree: the subscriptions in the interval tree. */
  readonly tree = new IntervalIndex<Subscription>();
  /** deferred_list, head first (hlist_add_head order). */
  readonly deferred: Subscription[] = [];
  /** wq: sleepers of read_begin and remove. */
  readonly wq = new WaitQueue();
  /** The bug variant this object reproduces. */
  readonly variant: VariantName;
  /** The variant's decisions, resolved once (notifier-hooks.ts). */
  private readonly hooks: NotifierHooks;
  /** The closing mn_itree_inv_end's steps, chosen by `hooks.epochClose`. */
  private readonly closeEpoch: (task: Task) => Promise<void>;
  /** The step-point scheduler. */
  readonly sched: Scheduler;
  /**
   * Enabling condition shared by every step that takes the spinlock: free
   * unless variant M11 holds it across its split mn_itree_inv_end, or M7
   * across its early wake_up_all. Undefined (always free) in every other
   * variant. Callers pass it to the point
   * before insert/remove/readBegin/invalidateRangeStart/End.
   */
  readonly spinlock: Blocker | undefined;
  private readonly observer: StepObserver | undefined;
  /** Task id → the subscription whose callback that task is running. */
  private readonly inCallback = new Map<string, Subscription>();
  /** Every subscription ever inserted, by id (walk cursors are ids). */
  private readonly known = new Map<string, Subscription>();
  /**
   * v5/v6: per invalidating task, the removed_list of its last inv_end,
   * released by its mmu_interval_release step (the spec's relq[t]).
   */
  readonly pendingRelease = new Map<string, Subscription[]>();
  /**
   * mm_users has dropped to 0 (exit_mmap runs or ran): set by
   * mmuNotifierRelease (src/impl/exit/release.ts); inserts fail from then on.
   */
  mmUsersGone = false;
  /** M7/M11: the task holding the spinlock between two steps. */
  private spinHolder: string | null = null;
  /** > 0 while a world inspects the core (see `inspect`): touches of freed memory are not counted. */
  private inspecting = 0;

  constructor(options?: NotifierOptions) {
    const o = resolveOptions(options);
    this.variant = o.variant;
    this.hooks = notifierHooks(o.variant);
    this.sched = o.scheduler;
    this.observer = o.observer;
    this.seq = o.initialSeq;
    this.spinlock = this.hooks.spinlockSpansSteps
      ? { ready: () => this.spinHolder === null, whenReady: () => new Promise((r) => setTimeout(r, 0)) }
      : undefined;
    const closers: Record<EpochClose, (task: Task) => Promise<void>> = {
      one_step: (task) => this.closeInOneStep(task),
      split_apply: (task) => this.closeWithLaterApply(task, false),
      split_apply_locked: (task) => this.closeWithLaterApply(task, true),
      wake_first: (task) => this.closeWakingFirst(task),
    };
    this.closeEpoch = closers[this.hooks.epochClose];
  }

  /** The subscription with id `id` that was inserted here, if any. */
  lookup(id: string): Subscription | undefined {
    return this.known.get(id);
  }

  /** Counts a touch of freed memory (a use after free in the kernel). */
  private touch(sub: Subscription): void {
    if (sub.life === 'freed' && this.inspecting === 0) sub.usesAfterFree++;
  }

  /**
   * Runs `look` (e.g. a checkRetry) without counting its touches of freed
   * memory: a world asking the core's API to compute a step's guard is an
   * observer, not a thread using the interval.
   */
  inspect<T>(look: () => T): T {
    this.inspecting += 1;
    try {
      return look();
    } finally {
      this.inspecting -= 1;
    }
  }

  // ---------------------------------------------------------------- insert

  /**
   * mmu_interval_notifier_insert() → __mmu_interval_notifier_insert().
   * One critical section with the three cases of docs/kernel-protocol.md §1.3:
   * ⟦ idle: insert now, sub seq = seq - 1 | odd: defer, sub seq = seq |
   *   partial: seq |= 1, insert now, sub seq = the new seq ⟧.
   * Registration (may sleep in the kernel) is assumed done. Not allowed from
   * a callback (it may take mmap_lock): use insertSafe there.
   */
  insert(sub: Subscription, start: number, length: number, task?: Task): void {
    if (task !== undefined) this.refuseInCallback('insert', task);
    this.insertInterval(sub, start, length, task, 'mmu_interval_notifier_insert');
  }

  /**
   * v5/v6 mmu_interval_notifier_insert_safe(): insert without registration,
   * callable from an invalidate callback (then the tree is odd and the insert
   * is deferred to the last inv_end, with the epoch's seq).
   */
  insertSafe(sub: Subscription, start: number, length: number, task?: Task): void {
    this.insertInterval(sub, start, length, task, 'mmu_interval_notifier_insert_safe');
  }

  /** The body insert and insertSafe share: the kernel's __mmu_interval_notifier_insert. */
  private insertInterval(sub: Subscription, start: number, length: number, task: Task | undefined, action: string): void {
    const last = lastPageOf(start, length);
    if (sub.life === 'freed') throw new ContractError(`subscription ${sub.id} was freed: allocate a new one`);
    if (sub.life !== 'unused' && sub.life !== 'removed') throw new AlreadyInsertedError(sub.id);
    if (this.mmUsersGone) throw new MmExitedError(sub.id);
    if (task !== undefined) this.observer?.(task, action, { sub: sub.id });
    // ⟦ critical section
    const odd = isOdd(this.seq);
    const defer = this.active > 0 && this.hooks.insertDefers(odd);
    const bump = this.active > 0 && !odd && this.hooks.insertSetsOdd;
    sub.seq = this.hooks.insertSeq(this.seq, this.active);
    if (bump) this.seq += 1;
    sub.start = start;
    sub.last = last;
    sub.updated = null;
    this.known.set(sub.id, sub);
    if (defer) {
      this.deferred.unshift(sub);
      sub.onDeferred = true;
      sub.life = 'pending_insert';
    } else {
      this.tree.insert(start, last, sub.rank, sub.id, sub);
      sub.life = 'in_tree';
    }
    // ⟧
  }

  // ---------------------------------------------------------------- remove

  /**
   * mmu_interval_notifier_remove(). Step 1 ⟦ odd and not in tree: cancel the
   * pending insert | odd and in tree: defer, wait_seq = seq | even: remove
   * now ⟧; then, if wait_seq != 0, wait_event(wq, seq != wait_seq) as steps
   * "remove_wait" (the seq read under the spinlock since 2022; M11 reads it
   * without the lock, i.e. also while M11's split inv_end holds it).
   * Returns when the caller may free `sub`. Not allowed from a callback.
   */
  async remove(task: Task, sub: Subscription, locals: RemoveLocals = { sub: NONE, waitSeq: 0 }): Promise<void> {
    const fromCallback = this.inCallback.has(task.id);
    if (this.hooks.removeRefusedInCallback) this.refuseInCallback('remove', task);
    if (!sub.live) throw new NotInsertedError(sub.id, `cannot be removed (life ${sub.life})`);
    // M22: called from the callback's zap step, whose record stands (the spec merges the two).
    if (!fromCallback) this.observer?.(task, 'mmu_interval_notifier_remove', { sub: sub.id });
    // ⟦ critical section
    const odd = isOdd(this.seq);
    const inTree = this.tree.has(sub.id);
    const cancel = odd && !inTree && this.hooks.removeCancelsPendingInsert;
    const deferIt = odd && !cancel && this.hooks.removeDefersWhileOdd;
    const waitSeq = deferIt ? this.seq : 0;
    if (cancel) {
      this.unlinkDeferred(sub);
      sub.life = 'removed';
    } else if (deferIt) {
      this.linkDeferred(sub);
      sub.updated = null; // a pending v5 update becomes a pending remove
      sub.life = 'pending_remove';
    } else {
      this.tree.remove(sub.id);
      sub.life = 'removed';
    }
    locals.sub = sub.id;
    locals.waitSeq = waitSeq;
    // ⟧
    if (waitSeq !== 0) {
      // M22: the wait of a callback can only end with its own epoch: no step is ever enabled.
      const extra: Blocker | undefined = fromCallback ? NEVER_READY : this.hooks.removeWaitTakesSpinlock ? this.spinlock : undefined;
      await waitEvent(
        this.sched,
        this.wq,
        task,
        'remove_wait',
        () => this.seq !== waitSeq,
        () => this.observer?.(task, 'remove_wait', {}),
        extra,
      );
    }
  }

  /**
   * v5/v6 mmu_interval_notifier_remove_deferred() (v6 "put"): never waits,
   * callable from a callback; ops.release(sub) runs once `sub` has left the
   * tree — now, or after the last inv_end's wake_up_all.
   */
  removeDeferred(sub: Subscription, task?: Task): void {
    if (sub.ops.release === undefined) {
      throw new ContractError(`removeDeferred(${sub.id}) needs ops.release: the driver frees the subscription there`);
    }
    if (!sub.live) throw new NotInsertedError(sub.id, `cannot be removed (life ${sub.life})`);
    if (task !== undefined) this.observer?.(task, 'mmu_interval_notifier_remove_deferred', { sub: sub.id });
    // ⟦ critical section
    let releaseNow = false;
    if (isOdd(this.seq) && !this.tree.has(sub.id)) {
      this.unlinkDeferred(sub);
      sub.life = 'removed';
      releaseNow = true;
    } else if (isOdd(this.seq)) {
      this.linkDeferred(sub);
      sub.updated = null;
      sub.life = 'pending_remove';
      sub.releaseDue = true;
    } else {
      this.tree.remove(sub.id);
      sub.life = 'removed';
      releaseNow = true;
    }
    // ⟧
    if (releaseNow) sub.ops.release(sub);
  }

  private linkDeferred(sub: Subscription): void {
    if (sub.onDeferred) return;
    this.deferred.unshift(sub);
    sub.onDeferred = true;
  }

  private unlinkDeferred(sub: Subscription): void {
    const i = this.deferred.indexOf(sub);
    if (i >= 0) this.deferred.splice(i, 1);
    sub.onDeferred = false;
  }

  // ---------------------------------------------------------------- update

  /**
   * v5/v6 mmu_interval_notifier_update(sub, start, length). ⟦ even: remove,
   * change the bounds, re-insert | odd and pending insert: change the bounds
   * in place | odd and in tree: record updated_start/last (the last caller
   * wins) and add to the deferred list once ⟧. Never waits.
   */
  update(sub: Subscription, start: number, length: number, task?: Task): void {
    const last = lastPageOf(start, length);
    if (!sub.live) throw new NotInsertedError(sub.id, `cannot be updated (life ${sub.life})`);
    if (task !== undefined) this.observer?.(task, 'mmu_interval_notifier_update', { sub: sub.id, start, last });
    // ⟦ critical section
    const inTree = this.tree.has(sub.id);
    if (!isOdd(this.seq) || !inTree) {
      if (inTree) this.tree.remove(sub.id);
      sub.start = start;
      sub.last = last;
      if (inTree) this.tree.insert(start, last, sub.rank, sub.id, sub);
    } else {
      sub.updated = { start, last };
      this.linkDeferred(sub);
    }
    // ⟧
  }

  // ---------------------------------------------------------- invalidation

  /**
   * invalidate_range_start → mn_itree_invalidate(). Step 1 is
   * mn_itree_inv_start_range ⟦ active++; first = iter_first(range); if hit:
   * seq |= 1; cur_seq = seq ⟧; then, per intersecting node in tree order,
   * the node's callback (whose awaits are the steps invalidate_lock …
   * invalidate_unlock) followed, in the callback's last step, by
   * interval_tree_iter_next (tree frozen, no lock). A non-blockable range
   * whose callback returns false stops the walk: cursor = none, then
   * mn_itree_inv_end at once (a step) and -EAGAIN; the caller must not call
   * invalidateRangeEnd. Returns 0 or EAGAIN.
   */
  async invalidateRangeStart(inv: Invalidation): Promise<number> {
    lastPageOf(inv.start, inv.last - inv.start + 1);
    const { task } = inv;
    this.observer?.(task, 'mn_itree_inv_start_range', { start: inv.start, last: inv.last, blockable: inv.blockable });
    // ⟦ mn_itree_inv_start_range
    const first = this.tree.first(inv.start, inv.last);
    const hit = first !== undefined;
    if (this.hooks.countsActive(hit)) this.active += 1;
    if (hit) this.seq = setOdd(this.seq);
    inv.curSeq = hit ? this.seq : 0;
    inv.cursor = hit ? first.id : NONE;
    // ⟧
    while (inv.cursor !== NONE) {
      const sub = this.known.get(inv.cursor) as Subscription;
      this.touch(sub);
      this.inCallback.set(task.id, sub);
      let ok: boolean;
      try {
        ok = await sub.ops.invalidate(sub, inv, inv.curSeq);
      } finally {
        this.inCallback.delete(task.id);
      }
      if (!ok && !inv.blockable) {
        // M20 keeps the cursor set until this end is done (the spec's marker for the extra end).
        if (this.hooks.eagainClearsCursorFirst) inv.cursor = NONE;
        if (this.hooks.eagainEnds) {
          const p = this.sched.point(task, 'mn_itree_inv_end', this.spinlock);
          if (p !== undefined) await p;
          await this.invalidateRangeEnd(inv);
        }
        inv.cursor = NONE;
        return EAGAIN;
      }
      // (a blockable callback returning false is a WARN in the kernel; the walk goes on)
      const next = this.tree.next(sub, inv.start, inv.last);
      inv.cursor = next === undefined ? NONE : next.id;
    }
    return 0;
  }

  /**
   * invalidate_range_end → mn_itree_inv_end(). ⟦ active--; unless this is
   * the last end of an odd epoch: done. Else seq++ and apply every deferred
   * insert/remove/update ⟧, then (a step) wake_up_all after the unlock, then
   * the v5/v6 release callbacks. How the closing end is split into steps
   * is the variant's `epochClose` hook (M7, M10, M11); M8 closes on every
   * end, M6 never wakes.
   */
  async invalidateRangeEnd(inv: Invalidation): Promise<void> {
    const { task } = inv;
    this.observer?.(task, 'mn_itree_inv_end', {});
    // ⟦ mn_itree_inv_end
    this.active -= 1;
    if (!this.hooks.endClosesEpoch(this.active, this.seq)) return;
    await this.closeEpoch(task);
  }

  /** Mainline: seq++ and the deferred list in the inv_end step ⟧, then wake_up_all and release. */
  private async closeInOneStep(task: Task): Promise<void> {
    this.seq += 1;
    const released = this.applyDeferred();
    // ⟧
    await this.wakeAndRelease(task, released);
  }

  /**
   * M10/M11: seq++ in the inv_end step, the deferred list in the later step
   * mn_itree_inv_end_apply_deferred. M10 unlocks between the two; M11
   * (`locked`) keeps the spinlock held across the step point.
   */
  private async closeWithLaterApply(task: Task, locked: boolean): Promise<void> {
    this.seq += 1;
    if (locked) this.spinHolder = task.id;
    // ⟧ (M10: unlock; M11: the lock stays held)
    const p = this.sched.point(task, 'mn_itree_inv_end_apply_deferred');
    if (p !== undefined) await p;
    this.observer?.(task, 'mn_itree_inv_end_apply_deferred', {});
    this.spinHolder = null;
    const released = this.applyDeferred();
    // ⟧
    await this.wakeAndRelease(task, released);
  }

  /**
   * M7: the lock stays held; the wake-up comes first (step wake_up_all), so
   * sleepers re-check (read_begin's lockless READ_ONCE) while seq is
   * unchanged; seq++ and the deferred list follow in a later step.
   */
  private async closeWakingFirst(task: Task): Promise<void> {
    this.spinHolder = task.id;
    let gate = this.sched.point(task, 'wake_up_all');
    if (gate !== undefined) await gate;
    this.observer?.(task, 'wake_up_all', {});
    this.wq.wakeUpAll();
    gate = this.sched.point(task, 'mn_itree_inv_end_apply_deferred');
    if (gate !== undefined) await gate;
    this.observer?.(task, 'mn_itree_inv_end_apply_deferred', {});
    this.seq += 1;
    const late = this.applyDeferred();
    this.spinHolder = null; // ⟧ unlock
    for (const sub of late) sub.ops.release?.(sub);
  }

  /**
   * After the closing end's critical section: wake_up_all (a step), then the
   * release step for the removed intervals (v5/v6). M6 (`hooks.wakes` false)
   * never wakes; it releases at once.
   */
  private async wakeAndRelease(task: Task, released: Subscription[]): Promise<void> {
    if (!this.hooks.wakes) {
      for (const sub of released) sub.ops.release?.(sub);
      return;
    }
    if (released.length > 0) this.pendingRelease.set(task.id, released);
    const p = this.sched.point(task, 'wake_up_all');
    if (p !== undefined) await p;
    this.observer?.(task, 'wake_up_all', {});
    this.wq.wakeUpAll();
    if (released.length > 0) await this.release(task, released);
  }

  /**
   * v5/v6: after wake_up_all, ops->release (and mmdrop) for every interval
   * the last inv_end moved to its removed_list — one step,
   * "mmu_interval_release" (spec/HolePunch.tla).
   */
  private async release(task: Task, released: Subscription[]): Promise<void> {
    const p = this.sched.point(task, 'mmu_interval_release');
    if (p !== undefined) await p;
    this.observer?.(task, 'mmu_interval_release', { subs: released.map((s) => s.id).sort() });
    this.pendingRelease.delete(task.id);
    for (const sub of released) sub.ops.release?.(sub);
  }

  /**
   * The deferred-list loop of the last mn_itree_inv_end: a node not in the
   * tree is a pending insert, one in the tree a pending remove or (v5/v6) a
   * pending update. Returns the removed subscriptions whose release is due.
   */
  private applyDeferred(): Subscription[] {
    const released: Subscription[] = [];
    const order = this.hooks.deferredOrder(this.deferred);
    this.deferred.length = 0;
    for (const sub of order) {
      this.touch(sub);
      sub.onDeferred = false;
      if (!this.tree.has(sub.id)) {
        this.tree.insert(sub.start, sub.last, sub.rank, sub.id, sub);
        sub.life = 'in_tree';
        continue;
      }
      this.tree.remove(sub.id);
      if (sub.updated !== null) {
        sub.start = sub.updated.start;
        sub.last = sub.updated.last;
        sub.updated = null;
        this.tree.insert(sub.start, sub.last, sub.rank, sub.id, sub);
        continue;
      }
      sub.life = 'removed';
      // v5/v6 (and [RC]): with ops->release, every node the loop removes goes
      // to the removed_list and is released after the unlock.
      if (sub.releaseDue || sub.ops.release !== undefined) {
        sub.releaseDue = false;
        released.push(sub);
      }
    }
    return released;
  }

  // ------------------------------------------------------------- read side

  /**
   * mmu_interval_read_begin(sub). Step 1 ⟦ s = sub->invalidate_seq;
   * is_invalidating = (s == invalidate_seq) ⟧ (writes locals.s); then, if
   * invalidating, wait_event(wq, invalidate_seq != s) as steps
   * "read_begin_wait". Returns s. Variants: M15 never sleeps, M16 returns
   * the global seq. Not allowed from a callback (self-deadlock).
   */
  async readBegin(task: Task, sub: Subscription, locals: ReadLocals = { s: 0 }): Promise<number> {
    this.refuseInCallback('readBegin', task);
    this.touch(sub);
    this.observer?.(task, 'mmu_interval_read_begin', { sub: sub.id });
    // ⟦ critical section
    const s = this.hooks.readBeginSeq(sub.seq, this.seq);
    const sleeps = sub.seq === this.seq && this.hooks.readBeginWaits;
    locals.s = s;
    // ⟧
    if (sleeps) {
      await waitEvent(this.sched, this.wq, task, 'read_begin_wait', () => this.seq !== s, () =>
        this.observer?.(task, 'read_begin_wait', {}),
      );
    }
    return s;
  }

  /** mmu_interval_read_retry(sub, s): true = collided, retry. Call it under the driver lock. */
  readRetry(sub: Subscription, s: number): boolean {
    this.touch(sub);
    return sub.seq !== s;
  }

  /** mmu_interval_check_retry(sub, s): the lockless hint; true is reliable, false is not. */
  checkRetry(sub: Subscription, s: number): boolean {
    this.touch(sub);
    return sub.seq !== s;
  }

  /** mmu_interval_set_seq(sub, cur_seq): from the callback, under the driver lock, unconditionally. */
  setSeq(sub: Subscription, curSeq: number): void {
    this.touch(sub);
    sub.seq = curSeq;
  }

  /** The subscription whose callback `task` is running, if any. */
  callbackOf(task: Task): Subscription | undefined {
    return this.inCallback.get(task.id);
  }

  private refuseInCallback(op: string, task: Task): void {
    const sub = this.inCallback.get(task.id);
    if (sub !== undefined) throw new CallbackContextError(op, sub.id);
  }
}
