/**
 * Step points. JavaScript runs one task at a time, so code between two awaits
 * is atomic — the analogue of a spinlock critical section. The protocol code
 * calls `scheduler.point(task, label)` right before every atomic step; `label`
 * is the spec's action name of that step (the task's program counter).
 *
 * The call pattern, used everywhere in src/impl, is
 *
 *     const p = sched.point(task, 'mmu_interval_set_seq');
 *     if (p !== undefined) await p;
 *
 * so that the free-running scheduler, which returns undefined, adds no
 * microtask hop: the step then continues synchronously in the same turn.
 */

/** A thread of the model as the protocol code sees it: an id and a program counter. */
export interface Task {
  /** Thread id ("i1", "f1", "m", …). */
  readonly id: string;
  /** Label of the next step this task will take (the spec's pc), or "done". */
  pc: string;
  /**
   * Arguments for the nondeterministic choices of the step being taken
   * (set by the controlled scheduler from a trace's lastAction.args).
   */
  args?: Readonly<Record<string, unknown>> | undefined;
  /**
   * The action the controlled scheduler wants this step to be, where the
   * step point allows several (e.g. hmm_range_fault vs mmu_interval_check_retry).
   */
  want?: string | undefined;
}

/**
 * Why a task cannot take its next step yet: a lock that is held, a wait
 * queue it sleeps on. `ready()` is the step's enabling condition (in TLA+
 * terms); `whenReady()` resolves at the next event that may make it true.
 */
export interface Blocker {
  ready(): boolean;
  whenReady(): Promise<void>;
}

/** Decides when a task that reached a step point may take that step. */
export interface Scheduler {
  /**
   * Task `task` is about to take the step `label`, enabled when `blocker` is
   * ready (always, if there is none). Returns undefined to let it proceed at
   * once, or a promise that resolves when it may proceed; on resolution the
   * blocker is ready.
   */
  point(task: Task, label: string, blocker?: Blocker): Promise<void> | undefined;
}

/** A blocker that is never ready: a wait that cannot end (a self-deadlock). */
export const NEVER_READY: Blocker = { ready: () => false, whenReady: () => new Promise<void>(() => undefined) };

async function untilReady(blocker: Blocker): Promise<void> {
  while (!blocker.ready()) await blocker.whenReady();
}

/**
 * The production scheduler: steps run as soon as they are enabled; a blocked
 * step waits for its blocker's event and re-checks (like a kernel sleeper).
 * An enabled point costs a call and, with a blocker, one `ready()` test. It
 * does not maintain `task.pc` (only the controlled scheduler, whose states
 * are observed, does).
 */
export class FreeRunningScheduler implements Scheduler {
  point(_task: Task, _label: string, blocker?: Blocker): Promise<void> | undefined {
    if (blocker === undefined || blocker.ready()) return undefined;
    return untilReady(blocker);
  }
}

/** The shared free-running scheduler (it keeps no state). */
export const FREE_RUNNING: Scheduler = new FreeRunningScheduler();

/** Convenience for code that is not on a hot path: awaits the point if needed. */
export async function stepPoint(sched: Scheduler, task: Task, label: string, blocker?: Blocker): Promise<void> {
  const p = sched.point(task, label, blocker);
  if (p !== undefined) await p;
}

/**
 * A record of each atomic step taken: the action name actually taken (which
 * may differ from the pc label, e.g. invalidate_trylock_fail at the
 * invalidate_lock point) and its arguments. Called at the start of the step.
 */
export type StepObserver = (task: Task, action: string, args: Record<string, unknown>) => void;
