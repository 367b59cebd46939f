/**
 * Which thread took a step, and how threads become lanes.
 *
 * Kernel engineers read an interleaving as one column per CPU, so each thread
 * of the model (invalidators "i1", "i2", faulting threads "f1", the manager
 * "m") gets a lane. The thread of a step is found, in order of reliability:
 *  1. the state's `lastAction.thread` (models meant for test generation);
 *  2. the one thread whose `pc` changed in that step;
 *  3. the kind of thread the action belongs to (src/protocol ACTIONS), when
 *     exactly one thread of that kind exists.
 * A step none of these settle goes to a lane named after the action's kind,
 * or to the "system" lane.
 */
import { ACTIONS, type ActionName } from '../protocol/actions.ts';
import { jsonEqual } from '../codegen/state-diff.ts';
import { isRecord } from './step-changes.ts';

/** How the thread of a step was determined (shown as a hint when it was guessed). */
export type LaneSource = 'lastAction' | 'pc' | 'action-kind' | 'none';

/** The thread of one step and how it was found. */
export interface StepThread {
  thread: string;
  source: LaneSource;
}

/** One lane of the drawing. */
export interface Lane {
  /** Thread id ("i1", "f1", "m", …). */
  thread: string;
  /** Human name of the thread's role ("invalidator", "faulting thread", "manager"). */
  role: string;
}

/** The lane for steps whose thread could not be determined. */
export const SYSTEM_LANE = 'system';

const ROLE_BY_PREFIX: ReadonlyArray<[RegExp, string, number]> = [
  [/^i\d*$/, 'invalidator', 0],
  [/^f\d*$/, 'faulting thread', 1],
  [/^m\d*$/, 'manager', 2],
];

const ROLE_BY_KIND: Record<string, string> = {
  invalidator: 'invalidator',
  faulter: 'faulting thread',
  manager: 'manager',
};

/** The kind of thread (src/protocol ACTIONS) that takes `action`, if it is a protocol action. */
export function actionKind(action: string): string | undefined {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action as ActionName].thread : undefined;
}

/** Kernel source location of a protocol action, if known. */
export function kernelReference(action: string): string | undefined {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action as ActionName].kernel : undefined;
}

/** Threads that have a program counter in this state (`pc` keys). */
export function threadsOf(state: Record<string, unknown>): string[] {
  return isRecord(state.pc) ? Object.keys(state.pc) : [];
}

/** The thread that took the step from `before` to `after` via `action`. */
export function stepThread(action: string, before: Record<string, unknown>, after: Record<string, unknown>): StepThread {
  const last = after.lastAction;
  if (isRecord(last) && typeof last.thread === 'string' && last.thread !== '' && last.thread !== 'none') {
    return { thread: last.thread, source: 'lastAction' };
  }
  const pcBefore = isRecord(before.pc) ? before.pc : {};
  const pcAfter = isRecord(after.pc) ? after.pc : {};
  const moved = Object.keys(pcAfter).filter((t) => !jsonEqual(pcBefore[t], pcAfter[t]));
  if (moved.length === 1) return { thread: moved[0]!, source: 'pc' };
  const kind = actionKind(action);
  if (kind !== undefined) {
    const candidates = (moved.length > 0 ? moved : Object.keys(pcAfter)).filter((t) => roleOf(t) === ROLE_BY_KIND[kind]);
    if (candidates.length === 1) return { thread: candidates[0]!, source: 'action-kind' };
    return { thread: kind, source: 'none' };
  }
  return { thread: SYSTEM_LANE, source: 'none' };
}

/**
 * The role of a thread: from the kind of the protocol actions it took when
 * known (so an unmapper "u" is an invalidator and a worker "w" a manager),
 * else from its conventional id prefix.
 */
export function roleOf(thread: string, kind?: string): string {
  if (kind !== undefined && kind in ROLE_BY_KIND) return ROLE_BY_KIND[kind]!;
  for (const [pattern, role] of ROLE_BY_PREFIX) if (pattern.test(thread)) return role;
  if (thread in ROLE_BY_KIND) return ROLE_BY_KIND[thread]!;
  return thread === SYSTEM_LANE ? 'unattributed steps' : 'thread';
}

const ROLE_RANK: Record<string, number> = { invalidator: 0, 'faulting thread': 1, manager: 2, thread: 50, 'unattributed steps': 99 };

/**
 * The kind of thread each thread is, from the protocol actions it took
 * (the most frequent kind wins; threads that took none are absent).
 */
export function kindsByThread(steps: ReadonlyArray<{ thread: string; action: string }>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { thread, action } of steps) {
    const kind = actionKind(action);
    if (kind === undefined) continue;
    const perKind = counts.get(thread) ?? new Map<string, number>();
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    counts.set(thread, perKind);
  }
  return new Map([...counts].map(([t, perKind]) => [t, [...perKind].sort((a, b) => b[1] - a[1])[0]![0]]));
}

/**
 * Roles the state itself states (src/protocol/state.ts): keys of `inv` are
 * invalidating threads, keys of `flt` faulting threads, and in a model with
 * a `mgr` record the remaining thread with a program counter is the manager.
 */
export function rolesFromState(state: Record<string, unknown>): Map<string, string> {
  const roles = new Map<string, string>();
  if (isRecord(state.inv)) for (const t of Object.keys(state.inv)) roles.set(t, 'invalidator');
  if (isRecord(state.flt)) for (const t of Object.keys(state.flt)) roles.set(t, 'faulter');
  if (isRecord(state.mgr)) for (const t of threadsOf(state)) if (!roles.has(t)) roles.set(t, 'manager');
  return roles;
}

/**
 * Lanes in reading order: invalidators, faulting threads, manager, then
 * anything else; numbered threads in numeric order (i2 before i10).
 * `kinds` (from kindsByThread) settles the role of threads with other names.
 */
export function orderLanes(threads: Iterable<string>, kinds: ReadonlyMap<string, string> = new Map()): Lane[] {
  const lanes = [...new Set(threads)].map((thread) => ({ thread, role: roleOf(thread, kinds.get(thread)) }));
  lanes.sort((a, b) => (ROLE_RANK[a.role] ?? 50) - (ROLE_RANK[b.role] ?? 50) || a.thread.localeCompare(b.thread, 'en', { numeric: true }));
  return lanes;
}
