/**
 * wait_queue_head_t with wait_event()/wake_up_all() semantics:
 * - the condition test and the enqueue happen in one synchronous stretch, so a
 *   wake-up cannot fall between them (the kernel's prepare_to_wait + re-test);
 * - wake_up_all() dequeues every sleeper; each re-tests its condition at its
 *   next step and goes back to sleep if it is still false.
 * A sleeper stays asleep until someone wakes it, even if its condition became
 * true meanwhile — that is what makes a forgotten wake-up (M6, M7) a hang.
 */
import { type Blocker, type Scheduler, type Task } from './scheduler.ts';

/** A wait queue of tasks. */
export class WaitQueue {
  private readonly sleepers: string[] = [];
  private wakers: Array<() => void> = [];

  /** Ids of the sleeping tasks, in the order they went to sleep. */
  ids(): string[] {
    return [...this.sleepers];
  }

  /** Whether `task` is asleep on this queue. */
  has(task: Task): boolean {
    return this.sleepers.includes(task.id);
  }

  /** Puts `task` to sleep (its next step is disabled until wake_up_all). */
  enqueue(task: Task): void {
    if (!this.has(task)) this.sleepers.push(task.id);
  }

  /** wake_up_all(): every sleeper becomes runnable again. */
  wakeUpAll(): void {
    this.sleepers.length = 0;
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  /** The enabling condition of a sleeper's next step: it has been woken. */
  blockerFor(task: Task): Blocker {
    return {
      ready: () => !this.has(task),
      whenReady: () => new Promise<void>((resolve) => this.wakers.push(resolve)),
    };
  }
}

/**
 * wait_event(wq, cond) as a sequence of steps labelled `label`: each step
 * tests `cond` and, if false, enqueues the task — atomically. A task on the
 * queue cannot take its next step until woken. `onStep` runs at the start of
 * every step (to record it); `also` is a further enabling condition (the
 * spinlock, for a wait that reads seq under it).
 */
export async function waitEvent(
  sched: Scheduler,
  wq: WaitQueue,
  task: Task,
  label: string,
  cond: () => boolean,
  onStep?: () => void,
  also?: Blocker,
): Promise<void> {
  const own = wq.blockerFor(task);
  const blocker: Blocker =
    also === undefined
      ? own
      : { ready: () => own.ready() && also.ready(), whenReady: () => Promise.race([own.whenReady(), also.whenReady()]) };
  for (;;) {
    const p = sched.point(task, label, blocker);
    if (p !== undefined) await p;
    onStep?.();
    if (cond()) return;
    wq.enqueue(task);
  }
}
