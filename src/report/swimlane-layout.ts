/**
 * The swimlane layout of a counterexample, shared by the HTML and terminal
 * renderings: lanes (one per thread), one row per step placed in its
 * thread's lane, the variables each step changed, and the marks that say
 * where the property fails.
 */
import type { Counterexample } from './counterexample.ts';
import { diffStates, isRecord, type StateChange } from './step-changes.ts';
import { kernelReference, kindsByThread, orderLanes, rolesFromState, stepThread, threadsOf, type Lane, type LaneSource } from './lanes.ts';

/** Where a row stands relative to the violation. */
export type RowMark =
  /** The state that violates the invariant (last state of a safety/assert trace). */
  | 'violation'
  /** The state in which no thread can move (deadlock). */
  | 'deadlock'
  /** First state of the loop a liveness lasso repeats forever. */
  | 'loop-start'
  /** A state inside that loop. */
  | 'loop'
  /** Last state of the loop, after which the behaviour returns to the loop start. */
  | 'loop-end'
  /** The last state of a lasso that stutters forever. */
  | 'stutter'
  | 'none';

/** One step of the trace. */
export interface SwimlaneRow {
  /** 0-based index in the trace (TLC numbers states from 1: `index + 1`). */
  index: number;
  /** Action name as TLC printed it; "Initial predicate" for the first state. */
  action: string;
  /** Kernel source the action models (from src/protocol), if it is a protocol action. */
  kernel: string | undefined;
  /** Lane index into `lanes`, or -1 for the initial state (spans all lanes). */
  lane: number;
  thread: string;
  threadSource: LaneSource;
  /** `lastAction.args` of the state, when present. */
  args: Record<string, unknown>;
  changes: StateChange[];
  mark: RowMark;
  /**
   * The step changed thread-local variables only (see THREAD_LOCAL) and is
   * not marked: a reader may skip it; runs of such steps are collapsed.
   */
  quiet: boolean;
  state: Record<string, unknown>;
}

/**
 * Variables that belong to one thread (its program counter and locals, the
 * hole-punch handler's planned operations and release queue) or describe the
 * step itself. A step that changes nothing else leaves the shared state —
 * tree, seq, page tables, locks, queues — as it was.
 */
export const THREAD_LOCAL: ReadonlySet<string> = new Set(['pc', 'inv', 'flt', 'mgr', 'hp', 'relq', 'lastAction']);

/** A laid-out counterexample. */
export interface SwimlaneLayout {
  lanes: Lane[];
  rows: SwimlaneRow[];
  /** One sentence saying what is violated and where. */
  verdict: string;
}

/**
 * Lay out a counterexample. Lanes are every thread that has a `pc` in any
 * state, plus every thread a step was attributed to, so idle threads still
 * get their (empty) column and the reader sees who did *not* run.
 */
export function layoutSwimlanes(cx: Counterexample): SwimlaneLayout {
  const attributed = cx.steps.map((step, i) =>
    i === 0 ? { thread: '', source: 'none' as const } : stepThread(step.action, cx.steps[i - 1]!.state, step.state),
  );
  const threads = new Set<string>();
  for (const step of cx.steps) for (const t of threadsOf(step.state)) threads.add(t);
  for (const a of attributed.slice(1)) threads.add(a.thread);
  // What the state says about a thread outranks what its actions suggest.
  const kinds = new Map([
    ...kindsByThread(attributed.slice(1).map((a, i) => ({ thread: a.thread, action: cx.steps[i + 1]!.action }))),
    ...(cx.steps.length > 0 ? rolesFromState(cx.steps[0]!.state) : []),
  ]);
  const lanes = orderLanes(threads, kinds);
  const laneIndex = new Map(lanes.map((l, i) => [l.thread, i]));
  const marks = rowMarks(cx);
  const rows = cx.steps.map((step, i): SwimlaneRow => {
    const who = attributed[i]!;
    const last = step.state.lastAction;
    const changes = i === 0 ? [] : diffStates(cx.steps[i - 1]!.state, step.state);
    return {
      index: i,
      action: step.action,
      kernel: kernelReference(step.action),
      lane: i === 0 ? -1 : laneIndex.get(who.thread)!,
      thread: who.thread,
      threadSource: who.source,
      args: isRecord(last) && isRecord(last.args) ? last.args : {},
      changes,
      mark: marks[i]!,
      quiet: i > 0 && marks[i] === 'none' && changes.every((c) => THREAD_LOCAL.has(c.variable)),
      state: step.state,
    };
  });
  return { lanes, rows, verdict: verdictSentence(cx) };
}

/** The mark of every row: the violating state, or the loop of a lasso. */
export function rowMarks(cx: Counterexample): RowMark[] {
  const n = cx.steps.length;
  const marks: RowMark[] = Array.from({ length: n }, () => 'none');
  if (n === 0) return marks;
  if (cx.outcome === 'liveness' && cx.loopStart !== null) {
    if (cx.loopStart === 'stutter') {
      marks[n - 1] = 'stutter';
    } else {
      for (let i = cx.loopStart; i < n; i++) marks[i] = 'loop';
      marks[n - 1] = 'loop-end';
      marks[cx.loopStart] = 'loop-start';
    }
  } else if (cx.outcome === 'deadlock') {
    marks[n - 1] = 'deadlock';
  } else if (cx.outcome !== 'success') {
    marks[n - 1] = 'violation';
  }
  return marks;
}

function verdictSentence(cx: Counterexample): string {
  const n = cx.steps.length;
  const what = cx.violated ?? cx.outcome;
  switch (cx.outcome) {
    case 'liveness':
      if (cx.loopStart === 'stutter') return `${what} is violated: the behaviour stops at state ${n} and stutters forever.`;
      if (cx.loopStart !== null) return `${what} is violated: states ${cx.loopStart + 1}–${n} repeat forever.`;
      return `${what} is violated (liveness).`;
    case 'deadlock':
      return `Deadlock: no action is enabled in state ${n}.`;
    case 'success':
      return 'No violation.';
    default:
      return `${what} is violated in state ${n}.`;
  }
}
