/**
 * The interval notifier in TypeScript, as a library: the core
 * (mm/mmu_notifier.c's interval notifier), the schedulers that decide when a
 * step runs, the typed errors, the reference mirror driver, the two worlds
 * of the spec (one interface, `SpecWorld`) and random exploration.
 * Internals (step labels, plan tables, invariant sets, snapshot helpers)
 * are imported by file path where a test needs them.
 */
export { Subscriptions, EAGAIN, type RemoveLocals, type ReadLocals } from './notifier.ts';
export { Subscription, NONE, type IntervalOps, type Invalidation, type NotifierRange } from './subscription.ts';
export { type NotifierOptions } from './options.ts';
export { FREE_RUNNING, FreeRunningScheduler, stepPoint, type Scheduler, type Task, type Blocker, type StepObserver } from './scheduler.ts';
export { ControlledScheduler, type TaskStatus } from './controlled-scheduler.ts';
export {
  NotifierError,
  RangeOverflowError,
  NotInsertedError,
  AlreadyInsertedError,
  CallbackContextError,
  OptionsError,
  ContractError,
  ScheduleError,
} from './errors.ts';
export { MirrorDriver, type MirrorDriverConfig, type FaultPath, type FaultLocals } from './mirror-driver.ts';
export { type SpecWorld, type StepChoice, type RecordedAction, type InvLocals, type WorldFamily } from './world-api.ts';
export { World } from './mainline/world.ts';
export { type WorldConfig, type SubSpec } from './mainline/config.ts';
export { HolePunchWorld } from './holepunch/world.ts';
export { type HolePunchConfig } from './holepunch/config.ts';
export {
  runSchedule,
  runWorldSchedule,
  seededChooser,
  describeSchedule,
  type Policy,
  type RunOptions,
  type Chooser,
  type ScheduleResult,
  type ScheduleStep,
} from './explore.ts';
