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
import { deepEqual, isRecord } from './state-diff.ts';

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
  const moved = Object.keys(pcAfter).filter((t) => !deepEqual(pcBefore[t], pcAfter[t]));
  if (moved.length === 1) return { thread: moved[0]!, source: 'pc' };
  const kind = actionKind(action);
  if (kind !== undefined) {
    const candidates = (moved.length > 0 ? moved : Object.keys(pcAfter)).filter((t) => roleOf(t) === ROLE_BY_KIND[kind]);
    if (candidates.length === 1) return { thread: candidates[0]!, source: 'action-kind' };
    return { thread: kind, source: 'none' };
  }
  return { thread: SYSTEM_LANE, source: 'none' };
}

/** The role of a thread id, from its conventional prefix. */
export function roleOf(thread: string): string {
  for (const [pattern, role] of ROLE_BY_PREFIX) if (pattern.test(thread)) return role;
  if (thread in ROLE_BY_KIND) return ROLE_BY_KIND[thread]!;
  return thread === SYSTEM_LANE ? 'unattributed steps' : 'thread';
}

function laneRank(thread: string): number {
  for (const [pattern, , rank] of ROLE_BY_PREFIX) if (pattern.test(thread)) return rank;
  if (thread in ROLE_BY_KIND) return Object.keys(ROLE_BY_KIND).indexOf(thread);
  return thread === SYSTEM_LANE ? 99 : 50;
}

/**
 * Lanes in reading order: invalidators, faulting threads, manager, then
 * anything else; numbered threads in numeric order (i2 before i10).
 */
export function orderLanes(threads: Iterable<string>): Lane[] {
  const unique = [...new Set(threads)];
  unique.sort((a, b) => laneRank(a) - laneRank(b) || a.localeCompare(b, 'en', { numeric: true }));
  return unique.map((thread) => ({ thread, role: roleOf(thread) }));
}
