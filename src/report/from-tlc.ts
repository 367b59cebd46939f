/**
 * Counterexamples from the TLC runner's results: either a `TlcResult` held in
 * memory or the JSON printed by `mmu-notifier tlc --json`.
 */
import { stateToPlainJson, type TlcLasso, type TlcResult } from 'tla2tools-runner';
import type { Counterexample, TraceStep } from './counterexample.ts';
import { isRecord } from './step-changes.ts';

/** The label of the first state (TLC prints `<Initial predicate>`). */
export const INITIAL_ACTION = 'Initial predicate';

/**
 * The counterexample of a TLC result, or null when the run has no trace
 * (success, error, or a state TLC printed unparsed).
 */
export function counterexampleFromTlc(result: TlcResult, model?: string): Counterexample | null {
  if (result.trace.length === 0 || result.trace.some((s) => s.state === null)) return null;
  const steps: TraceStep[] = result.trace.map((s) => ({ action: s.action ?? INITIAL_ACTION, state: stateToPlainJson(s.state!) }));
  return {
    ...(model !== undefined ? { model } : {}),
    outcome: result.outcome,
    violated: result.violated,
    steps,
    loopStart: loopStartOf(result.lasso),
  };
}

/** The same from the JSON of `mmu-notifier tlc --json` (`trace: [{action, state}]`, `lasso`). */
export function counterexampleFromTlcJson(json: unknown, model?: string): Counterexample | null {
  if (!isRecord(json) || !Array.isArray(json.trace) || json.trace.length === 0) return null;
  const steps: TraceStep[] = [];
  for (const s of json.trace as unknown[]) {
    if (!isRecord(s) || !isRecord(s.state)) return null;
    steps.push({ action: typeof s.action === 'string' ? s.action : INITIAL_ACTION, state: s.state });
  }
  const lasso = isRecord(json.lasso) ? (json.lasso as TlcLasso) : null;
  return {
    ...(model !== undefined ? { model } : {}),
    outcome: (json.outcome as Counterexample['outcome']) ?? 'error',
    violated: typeof json.violated === 'string' ? json.violated : null,
    steps,
    loopStart: loopStartOf(lasso),
  };
}

/** "Back to state N" (1-based) becomes loop start N-1; stuttering stays "stutter". */
function loopStartOf(lasso: TlcLasso | null): Counterexample['loopStart'] {
  if (lasso === null) return null;
  return lasso.kind === 'backToState' ? lasso.toState - 1 : 'stutter';
}
