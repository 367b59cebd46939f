/**
 * The interval notifier in TypeScript: the core (mm/mmu_notifier.c), its
 * interval index, the concurrency primitives and schedulers, the simulated
 * mm and mirror driver, the world of the spec, and random exploration.
 */
export { Subscriptions, EAGAIN, lastPageOf, type RemoveLocals, type ReadLocals } from './notifier.ts';
export { Subscription, NONE, type IntervalOps, type Invalidation, type NotifierRange } from './subscription.ts';
export { IntervalIndex, compareKeys, type IntervalEntry, type TreeKey } from './interval-index.ts';
export { LinearIndex } from './linear-index.ts';
export { resolveOptions, type NotifierOptions, type ResolvedOptions } from './options.ts';
export { FREE_RUNNING, FreeRunningScheduler, NEVER_READY, stepPoint, type Scheduler, type Task, type Blocker, type StepObserver } from './scheduler.ts';
export { ControlledScheduler, type TaskStatus } from './controlled-scheduler.ts';
export { WaitQueue, waitEvent } from './wait-queue.ts';
export { DriverLock, NO_HOLDER } from './driver-lock.ts';
export { SimulatedMm } from './mm.ts';
export { MirrorDriver, idleFaultLocals, type FaultLocals, type MirrorDriverConfig } from './mirror-driver.ts';
export { planUnmap, outsideOrder, punchesInCallback, type Hole, type UnmapPlan } from './hole-punch.ts';
export { World, WORKER, type WorldConfig, type SubSpec, type InvLocals, type ThreadKind } from './world.ts';
export { stepChoices, type StepChoice } from './world-choices.ts';
export { checkWorld, WORLD_INVARIANTS } from './world-invariants.ts';
export { runSchedule, runWorldSchedule, type SteppableWorld, seededChooser, describeSchedule, type Policy, type RunOptions, type Chooser, type ScheduleResult, type ScheduleStep } from './explore.ts';
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
export { holePunchChoices } from './hole-punch-choices.ts';
export { HolePunchWorld, unmapPlan, amdkfdPlan, OP_ACTION, type HolePunchConfig, type PlanOp } from './hole-punch-world.ts';
export { checkHolePunchWorld, HP_WALKING } from './hole-punch-invariants.ts';
export { holePunchSnapshot } from './hole-punch-state.ts';
