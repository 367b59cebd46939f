/**
 * What World (spec/MMUNotifier.tla) and HolePunchWorld (spec/HolePunch.tla)
 * share: the invalidator and faulter programs, the step points they park at,
 * and the step of one thread that a replay drives. Both worlds are replayed
 * step by step against TLC state graphs, so every step point, label and
 * record here stands where the spec's action boundaries are; a world adds
 * its own work only through the hooks, which run inside the step named.
 */
import { type ControlledScheduler } from './controlled-scheduler.ts';
import { ScheduleError } from './errors.ts';
import { type SimulatedMm } from './mm.ts';
import { type FaultLocals, idleFaultLocals, type MirrorDriver } from './mirror-driver.ts';
import { type Subscriptions } from './notifier.ts';
import { type Blocker, type Task } from './scheduler.ts';
import { NONE, type Invalidation, type Subscription } from './subscription.ts';
import { type StepChoice } from './world-choices.ts';

/** Invalidator locals: the core's Invalidation plus the count of finished ones. */
export type InvLocals = Invalidation & { done: number };

/** The spec's InvIdle(done). */
export function idleInv(done: number): Omit<InvLocals, 'task'> {
  return { start: 0, last: 0, blockable: true, event: 'clear', curSeq: 0, cursor: NONE, done };
}

/** A blocker that is ready when `ready()` holds; a waiter re-tests on the next macrotask. */
export function pollingGuard(ready: () => boolean): Blocker {
  return { ready, whenReady: () => new Promise((r) => setTimeout(r, 0)) };
}

/** Parks `task` at step point `label` until the scheduler runs that step. */
export async function stepPoint(sched: ControlledScheduler, task: Task, label: string, blocker?: Blocker): Promise<void> {
  const p = sched.point(task, label, blocker);
  if (p !== undefined) await p;
}

/**
 * The arguments a world records for an action: mmu_interval_read_begin also
 * names the faulter's page (the core does not know it).
 */
export function recordedArgs(
  flt: Readonly<Record<string, FaultLocals>>,
  task: Task,
  name: string,
  args: Record<string, unknown>,
): Record<string, unknown> {
  return name === 'mmu_interval_read_begin' ? { ...args, page: flt[task.id]?.page ?? 0 } : args;
}

/** What the shared thread programs use of a world (World and HolePunchWorld both offer it). */
export interface ThreadHost {
  readonly sched: ControlledScheduler;
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly driver: MirrorDriver;
  readonly inv: Record<string, InvLocals>;
  readonly flt: Record<string, FaultLocals>;
  readonly cfg: { readonly maxInv: number; readonly maxFaults: number };
  /** The subscription `id`; throws if unknown. */
  sub(id: string): Subscription;
}

/** Records the action of the step `task` is taking as the world's last action. */
export type Recorder = (task: Task, name: string, args: Record<string, unknown>) => void;

/** A world's additions to the invalidator program. */
export interface InvalidatorHooks {
  /** Are this invalidator's invalidations munmaps? */
  readonly unmapper: boolean;
  /** When the idle step has set the range, before invalidate_range_start (mmap_lock). */
  readonly begin?: (L: InvLocals) => void;
  /** In the mm_change_ptes step, after the PTEs changed (munmap drops the VMA pages). */
  readonly changed?: (L: InvLocals) => void;
  /** Does a failed start (-EAGAIN) still take mn_itree_inv_end (variant M20)? */
  readonly endAfterFailedStart: boolean;
}

/**
 * invalidate_range_start … mutate … invalidate_range_end, MaxInv times.
 * `idle` guards the first step, `spin` the end (it takes the spinlock);
 * `record` sets the world's last action.
 */
export async function invalidatorProgram(
  w: ThreadHost,
  record: Recorder,
  task: Task,
  idle: Blocker,
  spin: Blocker,
  hooks: InvalidatorHooks,
): Promise<void> {
  const L = (): InvLocals => w.inv[task.id] as InvLocals;
  while (L().done < w.cfg.maxInv) {
    await stepPoint(w.sched, task, 'idle', idle);
    const a = task.args as { start: number; last: number; blockable: boolean };
    L().start = a.start;
    L().last = a.last;
    L().blockable = a.blockable;
    L().event = hooks.unmapper ? 'unmap' : 'clear';
    hooks.begin?.(L());
    const r = await w.notifier.invalidateRangeStart(L());
    if (r === 0) {
      await stepPoint(w.sched, task, 'mm_change_ptes');
      record(task, 'mm_change_ptes', { start: L().start, last: L().last });
      w.mm.changePtes(L().start, L().last);
      hooks.changed?.(L());
    }
    if (r === 0 || hooks.endAfterFailedStart) {
      await stepPoint(w.sched, task, 'mn_itree_inv_end', spin);
      await w.notifier.invalidateRangeEnd(L());
    }
    Object.assign(L(), idleInv(L().done + 1));
  }
}

/** dmirror_range_fault on the subscription and page the idle step picks, MaxFaults times. */
export async function faulterProgram(w: ThreadHost, task: Task, idle: Blocker): Promise<void> {
  const L = w.flt[task.id] as FaultLocals;
  while (L.done < w.cfg.maxFaults) {
    await stepPoint(w.sched, task, 'idle', idle);
    const a = task.args as { sub: string; page: number };
    await w.driver.fault(task, L, w.sub(a.sub), a.page);
    Object.assign(L, idleFaultLocals(L.done + 1));
  }
}

/** What stepping a thread uses of a world. */
export interface StepHost {
  readonly sched: ControlledScheduler;
  readonly cfg: { readonly choose?: (n: number) => number };
  readonly lastAction: { readonly name: string; readonly thread: string };
  choices(id: string): StepChoice[];
}

/**
 * Runs one step of thread `id`. `action`/`args` select among the thread's
 * choices (default: `cfg.choose`, else the first). Throws ScheduleError if
 * that step is not possible here (a divergence from the trace) or the step
 * recorded a different action.
 */
export async function stepThread(w: StepHost, id: string, action?: string, args?: Record<string, unknown>): Promise<StepChoice> {
  const options = w.choices(id).filter((c) => (action === undefined || c.action === action) && (args === undefined || sameArgs(c.args, args)));
  if (options.length === 0) {
    const label = w.sched.labelOf(id) ?? w.sched.statusOf(id) ?? 'unknown';
    throw new ScheduleError(
      `thread ${id} at ${label} cannot take ${action ?? 'any step'} ${args ? JSON.stringify(args) : ''}; ` +
        `possible: ${JSON.stringify(w.choices(id))}`,
    );
  }
  const pick = options.length === 1 ? 0 : (w.cfg.choose?.(options.length) ?? 0);
  const choice = options[pick] as StepChoice;
  await w.sched.step(id, choice.args, choice.action);
  const failure = w.sched.failureOf(id);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`thread ${id} failed: ${JSON.stringify(failure)}`);
  if (w.lastAction.name !== choice.action || w.lastAction.thread !== id) {
    throw new ScheduleError(`thread ${id} was to take ${choice.action} but took ${w.lastAction.name}`);
  }
  return choice;
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
