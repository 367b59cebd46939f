/**
 * Where a rejected run leaves the spec, and how: the first recorded step
 * that is not a spec step, and the fields of the recorded next state that
 * the nearest successor the spec offers does not have.
 *
 * The spec's successors come from a second, one-state TLC run
 * (trace-module.ts successorSpec): the recorded state is the only initial
 * state and an ACTION_CONSTRAINT prints every successor of the spec's Next
 * and keeps none. For a run whose first state is already wrong, the spec's
 * initial states are listed instead.
 */
import { type ModelConstants } from '../codegen/model-constants.ts';
import { toTraceState } from '../codegen/protocol-state.ts';
import { diffJson, type Difference } from '../codegen/state-diff.ts';
import { parseTlcValue, type TlcState } from 'tla2tools-runner';
import { type StateFamily } from './family.ts';
import { runGenerated, type TlcSetup } from './tlc-judge.ts';
import { INIT_MARK, SUCC_MARK, successorSpec } from './trace-module.ts';
import { type RecordedState } from './world-recorder.ts';

/** The first step of a run that the spec cannot take. */
export interface Divergence {
  /** Step number: 0 = the initial state is not an initial state of the spec; k = the step from state k-1 to state k. */
  readonly step: number;
  /** The action the implementation recorded for that step ("Init" for step 0). */
  readonly action: string;
  readonly thread: string;
  /** Recorded next state vs the nearest spec state: `expected` is the spec's value, `actual` the implementation's. */
  readonly diff: Difference[];
  /** How many successors (or initial states) the spec offered. */
  readonly specOptions: number;
  /**
   * The spec's invariant that the state after this step breaks (the step
   * is a spec step; diff is empty), or null: the step is not a spec step.
   */
  readonly violated: string | null;
}

/** The divergence of a run that the spec can take up to state `state` (1-based), which breaks `invariant`. */
export function breachOf(states: readonly RecordedState[], state: number, invariant: string): Divergence {
  const s = states[state - 1];
  if (s === undefined) throw new Error(`breachOf: the run has no state ${state}`);
  return { step: state - 1, action: s.lastAction.name, thread: s.lastAction.thread, diff: [], specOptions: 0, violated: invariant };
}

/** Decodes the printed states of a successor run. */
export function statesFromLines(lines: readonly string[], family: StateFamily, mark: string): RecordedState[] {
  const out: RecordedState[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith(`"${mark}`)) continue;
    const printed = parseTlcValue(text);
    if (printed.kind !== 'string') throw new Error(`unreadable successor line: ${text.slice(0, 200)}`);
    const value = parseTlcValue(printed.value.slice(mark.length));
    if (value.kind !== 'record') throw new Error(`successor is not a record: ${printed.value.slice(0, 200)}`);
    const state: TlcState = Object.fromEntries(value.fields);
    out.push(toTraceState(state, family.name));
  }
  return out;
}

/**
 * The spec state nearest to `recorded`: among the successors by the same
 * action of the same thread if there are any, the one with the fewest
 * differing fields.
 */
export function nearest(recorded: RecordedState, options: readonly RecordedState[]): { state: RecordedState; diff: Difference[] } | null {
  const same = options.filter((s) => s.lastAction.name === recorded.lastAction.name && s.lastAction.thread === recorded.lastAction.thread);
  let best: { state: RecordedState; diff: Difference[] } | null = null;
  for (const s of same.length > 0 ? same : options) {
    const diff = diffJson(s, recorded);
    if (best === null || diff.length < best.diff.length) best = { state: s, diff };
  }
  return best;
}

/** The spec's successors of `from` (its initial states when `from` is null). */
export async function specOptions(setup: TlcSetup, family: StateFamily, constants: ModelConstants, from: RecordedState | null): Promise<RecordedState[]> {
  const { printed } = await runGenerated(setup, successorSpec('TVProbe', family, constants, from), 'successor probe');
  return statesFromLines(printed, family, from === null ? INIT_MARK : SUCC_MARK);
}

/**
 * The divergence of a run whose first `matched` states the spec accepted
 * (matched < states.length): step `matched`, diffed against the spec's
 * options from state `matched - 1`.
 */
export async function divergenceOf(setup: TlcSetup, family: StateFamily, constants: ModelConstants, states: readonly RecordedState[], matched: number): Promise<Divergence> {
  const next = states[matched];
  if (next === undefined) throw new Error(`divergenceOf: the run has no state ${matched} (it was matched whole)`);
  const options = await specOptions(setup, family, constants, matched === 0 ? null : (states[matched - 1] as RecordedState));
  const best = nearest(next, options);
  return {
    step: matched,
    action: next.lastAction.name,
    thread: next.lastAction.thread,
    diff: best === null ? [{ path: '.', expected: null, actual: 'the spec offers no step from the previous state' }] : best.diff,
    specOptions: options.length,
    violated: null,
  };
}
