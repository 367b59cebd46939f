/**
 * What both worlds share: the controlled scheduler, the thread table and
 * locals, the record of each step (lastAction and the step observers), and
 * `step()`, which runs the one step a replay or a schedule chose. A world
 * adds its spec's threads (`spawnThreads`), choices, snapshot and
 * invariants (world-api.ts lists every member with its meaning).
 */
import { type ProtocolState } from '../protocol/index.ts';
import { ControlledScheduler } from './controlled-scheduler.ts';
import { ScheduleError } from './errors.ts';
import { type SimulatedMm } from './mm.ts';
import { type FaultLocals, type MirrorDriver } from './mirror-driver.ts';
import { type RemoveLocals, type Subscriptions } from './notifier.ts';
import { type StepObserver, type Task } from './scheduler.ts';
import { NONE, type Subscription } from './subscription.ts';
import { type InvLocals, type RecordedAction, type SpecWorld, type StepChoice, type WorldFamily } from './world-api.ts';

/** The part of a world's constants the shared code reads. */
export interface BaseConfig {
  readonly maxInv: number;
  readonly maxFaults: number;
  /** Source of choices a step is not given: returns an index in [0, n). Default: the first. */
  readonly choose?: ((n: number) => number) | undefined;
}

/** The shared implementation of {@link SpecWorld}. */
export abstract class WorldBase<S extends ProtocolState, C extends BaseConfig> implements SpecWorld<S, C> {
  abstract readonly family: WorldFamily;
  abstract readonly cfg: C;
  abstract readonly notifier: Subscriptions;
  abstract readonly mm: SimulatedMm;
  abstract readonly driver: MirrorDriver;
  abstract readonly subs: readonly Subscription[];
  readonly sched = new ControlledScheduler();
  readonly tasks = new Map<string, Task>();
  readonly inv: Record<string, InvLocals> = {};
  readonly flt: Record<string, FaultLocals> = {};
  readonly mgr: RemoveLocals = { sub: NONE, waitSeq: 0 };
  lastAction: RecordedAction = { name: 'Init', thread: NONE, args: {} };
  private readonly observers = new Set<StepObserver>();
  private started = false;

  /** Spawns the spec's threads (called once, by start). */
  protected abstract spawnThreads(): void;

  abstract choices(id: string): StepChoice[];
  abstract snapshot(): S;
  abstract snapshotter(): () => S;
  abstract violations(): string[];
  abstract walking(): boolean;
  abstract quiescent(): boolean;

  start(): this {
    if (this.started) return this;
    this.started = true;
    this.spawnThreads();
    return this;
  }

  /** Registers thread `task` and parks it at its first step point. */
  protected spawn(task: Task, program: (t: Task) => Promise<void>): void {
    this.tasks.set(task.id, task);
    this.sched.spawn(task, () => program(task));
  }

  sub(id: string): Subscription {
    const s = this.subs.find((x) => x.id === id);
    if (s === undefined) throw new ScheduleError(`unknown subscription ${id}`);
    return s;
  }

  /**
   * The step observer the core and the driver call at the start of each
   * step: sets lastAction (mmu_interval_read_begin also names the faulter's
   * page, which the core does not know) and tells the registered observers.
   */
  protected record(task: Task, name: string, args: Record<string, unknown>): void {
    const recorded = name === 'mmu_interval_read_begin' ? { ...args, page: this.flt[task.id]?.page ?? 0 } : args;
    this.lastAction = { name, thread: task.id, args: recorded };
    for (const o of this.observers) o(task, name, recorded);
  }

  onStep(observer: StepObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  enabled(): string[] {
    return this.sched.enabled();
  }

  async step(id: string, action?: string, args?: Record<string, unknown>): Promise<StepChoice> {
    this.start();
    const options = this.choices(id).filter((c) => (action === undefined || c.action === action) && (args === undefined || sameArgs(c.args, args)));
    if (options.length === 0) {
      const label = this.sched.labelOf(id) ?? this.sched.statusOf(id) ?? 'unknown';
      throw new ScheduleError(
        `thread ${id} at ${label} cannot take ${action ?? 'any step'} ${args ? JSON.stringify(args) : ''}; ` +
          `possible: ${JSON.stringify(this.choices(id))}`,
      );
    }
    const pick = options.length === 1 ? 0 : (this.cfg.choose?.(options.length) ?? 0);
    const choice = options[pick] as StepChoice;
    await this.sched.step(id, choice.args, choice.action);
    const failure = this.sched.failureOf(id);
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`thread ${id} failed: ${JSON.stringify(failure)}`);
    if (this.lastAction.name !== choice.action || this.lastAction.thread !== id) {
      throw new ScheduleError(`thread ${id} was to take ${choice.action} but took ${this.lastAction.name}`);
    }
    return choice;
  }

  deadlocked(): boolean {
    return this.started && this.enabled().length === 0 && !this.quiescent();
  }

  /** The pc of thread `id` ("idle" if it has none). */
  protected pcOf(id: string): string {
    return this.tasks.get(id)?.pc ?? 'idle';
  }

  /** Whether the spinlock is free (only M7 and M11 hold it across steps). */
  protected get spinFree(): boolean {
    return this.notifier.spinlock?.ready() ?? true;
  }
}

/**
 * Same keys, same values: numbers, strings and booleans by identity, lists
 * (mmu_interval_release's `subs`) by their JSON.
 */
function sameArgs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const same = (x: unknown, y: unknown): boolean => x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y));
  return ka.length === Object.keys(b).length && ka.every((k) => same(a[k], b[k]));
}
