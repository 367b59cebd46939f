/**
 * The thread programs both worlds run: the invalidator and the faulter,
 * written after the spec's actions (spec/MMUNotifierCore.tla,
 * spec/MirrorDriver.tla). Both worlds are replayed step by step against
 * TLC state graphs, so every step point, label and record here stands where
 * the spec's action boundaries are; a world adds its own work only through
 * the hooks, which run inside the step named.
 */
import { type ProtocolState } from '../protocol/index.ts';
import { idleFaultLocals, type FaultLocals } from './mirror-driver.ts';
import { type Blocker, stepPoint, type Task } from './scheduler.ts';
import { NONE } from './subscription.ts';
import { type InvLocals, type SpecWorld } from './world-api.ts';
import { type BaseConfig } from './world-base.ts';

/** The spec's InvIdle(done). */
export function idleInv(done: number): Omit<InvLocals, 'task'> {
  return { start: 0, last: 0, blockable: true, event: 'clear', curSeq: 0, cursor: NONE, done };
}

/** A blocker that is ready when `ready()` holds; a waiter re-tests on the next macrotask. */
export function pollingGuard(ready: () => boolean): Blocker {
  return { ready, whenReady: () => new Promise((r) => setTimeout(r, 0)) };
}

/** What the thread programs use of a world. */
export type ThreadHost = SpecWorld<ProtocolState, BaseConfig>;

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
  /**
   * The invalidate_range_start/_end wrappers the program calls; default the
   * interval tree alone (src/impl/hlist's RangeWrapper adds the hlist).
   */
  readonly range?: RangeOps;
}

/** mmu_notifier_invalidate_range_start/_end as the invalidator program calls them. */
export interface RangeOps {
  invalidateRangeStart(inv: InvLocals): Promise<number>;
  invalidateRangeEnd(inv: InvLocals): Promise<void>;
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
    const range = hooks.range ?? w.notifier;
    const r = await range.invalidateRangeStart(L());
    if (r === 0) {
      await stepPoint(w.sched, task, 'mm_change_ptes');
      record(task, 'mm_change_ptes', { start: L().start, last: L().last });
      w.mm.changePtes(L().start, L().last);
      hooks.changed?.(L());
    }
    if (r === 0 || hooks.endAfterFailedStart) {
      await stepPoint(w.sched, task, 'mn_itree_inv_end', spin);
      await range.invalidateRangeEnd(L());
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

