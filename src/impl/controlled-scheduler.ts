/**
 * The test scheduler: every task parks at each step point until the test
 * picks it. `step(id)` resumes one parked task and returns once that task has
 * reached its next point, finished or failed — so exactly one atomic step of
 * the model has happened in between. This is how a conformance trace or a
 * random schedule dictates the interleaving.
 */
import { ScheduleError } from './errors.ts';
import { type Blocker, type Scheduler, type Task } from './scheduler.ts';

interface Parked {
  readonly task: Task;
  readonly label: string;
  readonly blocker: Blocker | undefined;
  readonly resume: () => void;
}

/** Where a spawned task stands. */
export type TaskStatus = 'parked' | 'running' | 'done' | 'failed';

/** A scheduler that runs exactly the steps it is told to run. */
export class ControlledScheduler implements Scheduler {
  private readonly parked = new Map<string, Parked>();
  private readonly status = new Map<string, TaskStatus>();
  private readonly failures = new Map<string, unknown>();
  private settled: (() => void) | null = null;

  /** Parks `task` at step `label` (called by the protocol code). */
  point(task: Task, label: string, blocker?: Blocker): Promise<void> {
    task.pc = label;
    return new Promise<void>((resume) => {
      this.parked.set(task.id, { task, label, blocker, resume });
      this.status.set(task.id, 'parked');
      this.settle();
    });
  }

  /**
   * Starts `program` as task `task`. The program must reach its first step
   * point synchronously (every thread program of the world does: it begins
   * with one), so the task is parked when spawn returns.
   */
  spawn(task: Task, program: () => Promise<void>): void {
    this.status.set(task.id, 'running');
    program().then(
      () => {
        task.pc = 'done';
        this.status.set(task.id, 'done');
        this.settle();
      },
      (err: unknown) => {
        this.status.set(task.id, 'failed');
        this.failures.set(task.id, err);
        this.settle();
      },
    );
    if (this.status.get(task.id) === 'running') {
      throw new ScheduleError(`task ${task.id} did not reach a step point synchronously`);
    }
  }

  /** The status of a spawned task. */
  statusOf(id: string): TaskStatus | undefined {
    return this.status.get(id);
  }

  /** The error a failed task threw. */
  failureOf(id: string): unknown {
    return this.failures.get(id);
  }

  /** Tasks that failed, with their errors. */
  failed(): Array<{ id: string; error: unknown }> {
    return [...this.failures].map(([id, error]) => ({ id, error }));
  }

  /** The label task `id` is parked at, if parked. */
  labelOf(id: string): string | undefined {
    return this.parked.get(id)?.label;
  }

  /** Ids of parked tasks whose next step is enabled, sorted. */
  enabled(): string[] {
    const out: string[] = [];
    for (const [id, p] of this.parked) if (p.blocker === undefined || p.blocker.ready()) out.push(id);
    return out.sort();
  }

  /** Ids of parked tasks (enabled or not), sorted. */
  parkedIds(): string[] {
    return [...this.parked.keys()].sort();
  }

  /**
   * Runs one step of task `id`: resumes it and waits until it parks again,
   * finishes or fails. `args` become `task.args` for the step's choices and
   * `want` becomes `task.want` (which action, where several are possible).
   * Throws ScheduleError if the task is not parked or its step is disabled.
   */
  async step(id: string, args?: Readonly<Record<string, unknown>>, want?: string): Promise<void> {
    const p = this.parked.get(id);
    if (p === undefined) throw new ScheduleError(`task ${id} is not at a step point (status: ${this.status.get(id) ?? 'unknown'})`);
    if (p.blocker !== undefined && !p.blocker.ready()) {
      throw new ScheduleError(`task ${id} cannot take step ${p.label} now: it is blocked`);
    }
    if (this.settled !== null) throw new ScheduleError('step() called while another step is running');
    this.parked.delete(id);
    this.status.set(id, 'running');
    p.task.args = args;
    p.task.want = want;
    const done = new Promise<void>((resolve) => {
      this.settled = resolve;
    });
    p.resume();
    await done;
    p.task.args = undefined;
    p.task.want = undefined;
  }

  private settle(): void {
    const s = this.settled;
    if (s === null) return;
    this.settled = null;
    s();
  }
}
