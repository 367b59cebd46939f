/**
 * The driver's "user lock" (dmirror->mutex, svmm->mutex): a sleeping mutex
 * with trylock. The core never sees it; it serializes the callback's
 * set_seq + zap against the fault path's read_retry + commit.
 *
 * Acquisition is one step (label given by the caller), enabled when the lock
 * is free; on unlock every waiter re-competes (no hand-off), as waiters of a
 * kernel mutex do from the model's point of view.
 */
import { type Blocker, type Scheduler, type Task } from './scheduler.ts';

/** "No holder" in the state (the spec's "none"). */
export const NO_HOLDER = 'none';

/** An async mutex whose holder is a task id. */
export class DriverLock {
  /** Id of the holding task, or "none". */
  holder: string = NO_HOLDER;
  private waiters: Array<() => void> = [];

  /** The enabling condition of a lock step: the lock is free. */
  readonly blocker: Blocker = {
    ready: () => this.holder === NO_HOLDER,
    whenReady: () => new Promise<void>((resolve) => this.waiters.push(resolve)),
  };

  /**
   * mutex_lock(): one step labelled `label`, taken when the lock is free.
   * `onStep` runs at the start of that step, with the lock taken.
   */
  async lock(sched: Scheduler, task: Task, label: string, onStep?: () => void): Promise<void> {
    for (;;) {
      const p = sched.point(task, label, this.blocker);
      if (p !== undefined) await p;
      if (this.holder === NO_HOLDER) {
        this.holder = task.id;
        onStep?.();
        return;
      }
    }
  }

  /** mutex_trylock(): takes the lock if free; never waits. */
  tryLock(task: Task): boolean {
    if (this.holder !== NO_HOLDER) return false;
    this.holder = task.id;
    return true;
  }

  /** mutex_unlock(); throws if `task` does not hold the lock (a driver bug). */
  unlock(task: Task): void {
    if (this.holder !== task.id) throw new Error(`${task.id} unlocks the driver lock held by ${this.holder}`);
    this.holder = NO_HOLDER;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
