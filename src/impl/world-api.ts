/**
 * The one interface of "a world": the simulated system of one spec family
 * (the mm, the mirror driver, the notifier core and the spec's threads, each
 * an async program parked at step points by a ControlledScheduler), which a
 * replay, an enabledness check, a random schedule or a trace validator
 * drives one atomic step at a time and observes after each step.
 *
 * Two worlds implement it: `World` (mainline/world.ts, spec/MMUNotifier.tla)
 * and `HolePunchWorld` (holepunch/world.ts, spec/HolePunch.tla). Code that
 * drives a world (explore.ts, src/codegen/replay.ts) uses only this
 * interface.
 */
import { type ProtocolState } from '../protocol/index.ts';
import { type ControlledScheduler } from './controlled-scheduler.ts';
import { type SimulatedMm } from './mm.ts';
import { type FaultLocals, type MirrorDriver } from './mirror-driver.ts';
import { type RemoveLocals, type Subscriptions } from './notifier.ts';
import { type StepObserver, type Task } from './scheduler.ts';
import { type Invalidation, type Subscription } from './subscription.ts';

/** One possible step of a thread: the action it is and the arguments it records (the spec's existential choices). */
export interface StepChoice {
  readonly action: string;
  readonly args: Record<string, unknown>;
}

/** The action of the last step taken (the spec's `lastAction` variable). */
export interface RecordedAction {
  readonly name: string;
  readonly thread: string;
  readonly args: Record<string, unknown>;
}

/** Invalidator locals (the spec's inv[t]): the core's Invalidation plus the count of finished ones. */
export type InvLocals = Invalidation & { done: number };

/** The spec family a world runs. */
export type WorldFamily = 'mainline' | 'holepunch';

/**
 * A world of one spec family, steppable one atomic action at a time.
 * `S` is the JSON shape of its states (src/protocol), `C` its model
 * constants.
 */
export interface SpecWorld<S extends ProtocolState = ProtocolState, C = unknown> {
  /** Which spec the world runs: "mainline" = spec/MMUNotifier.tla, "holepunch" = spec/HolePunch.tla. */
  readonly family: WorldFamily;
  /** The model's constants (validated at construction). */
  readonly cfg: C;
  /** The scheduler every thread parks at: it runs exactly one step per `step`. */
  readonly sched: ControlledScheduler;
  /** The notifier core of the one mm (struct mmu_notifier_subscriptions). */
  readonly notifier: Subscriptions;
  /** The CPU page table. */
  readonly mm: SimulatedMm;
  /** The mirror driver: device page table, driver lock, callback and fault path. */
  readonly driver: MirrorDriver;
  /** Every subscription of the model, in SubList order (the tree's tie-break). */
  readonly subs: readonly Subscription[];
  /** Thread id → its task; `task.pc` is the spec's pc (the label of the step it takes next, or "done"). */
  readonly tasks: ReadonlyMap<string, Task>;
  /** Invalidator locals by thread id (the spec's inv). */
  readonly inv: Readonly<Record<string, InvLocals>>;
  /** Faulter locals by thread id (the spec's flt). */
  readonly flt: Readonly<Record<string, FaultLocals>>;
  /** The manager's (or worker's) remove locals (the spec's mgr). */
  readonly mgr: Readonly<RemoveLocals>;
  /** The last step's action, thread and arguments; "Init" before the first step. */
  readonly lastAction: RecordedAction;

  /** Spawns every thread (once; later calls do nothing); each parks at its first step point. Returns the world. */
  start(): this;
  /** The subscription `id`; throws ScheduleError if the model has none. */
  sub(id: string): Subscription;
  /** Ids of the threads whose next step is enabled (their step point's blocker is ready). */
  enabled(): string[];
  /**
   * The steps thread `id` can take now, with their arguments; empty when
   * it is disabled. A replay compares their union over `enabled()` with the
   * spec's successor edges, so every guard here asks the implementation
   * (scheduler blockers, driver lock, the notifier's API).
   */
  choices(id: string): StepChoice[];
  /**
   * Runs one step of thread `id`: the choice matching `action`/`args`
   * (default: `cfg.choose`, else the first). Throws ScheduleError if no
   * choice matches (a divergence from a trace) or the step took another
   * action than chosen; rethrows what the thread's program threw.
   */
  step(id: string, action?: string, args?: Record<string, unknown>): Promise<StepChoice>;
  /**
   * Registers `observer`, called at the start of every atomic step with the
   * task, the action actually taken and its recorded arguments (the same
   * record as `lastAction`). Returns a function that unregisters it.
   */
  onStep(observer: StepObserver): () => void;
  /** The whole observable state in the JSON shape `S` (compared with TLC's states by deep equality). */
  snapshot(): S;
  /**
   * A stream of snapshots for a recorder: each call returns the state now,
   * equal to `snapshot()`, in which every part equal to the previous call's
   * is that call's object (snapshot-sharing.ts). A recorded run keeps one
   * copy of what a step left alone; nothing may mutate what it returns.
   */
  snapshotter(): () => S;
  /** The spec's safety invariants violated by the current state (the spec's names), empty if none. */
  violations(): string[];
  /**
   * Some invalidator is walking the tree (the spec's Walking / HPWalking):
   * the tree must not change across the next step (TreeFrozenWhileWalked).
   */
  walking(): boolean;
  /** Every thread has finished its bounded work (the spec's Quiescent, where it may stutter). */
  quiescent(): boolean;
  /** Started, no thread can move, and not quiescent. */
  deadlocked(): boolean;
}
