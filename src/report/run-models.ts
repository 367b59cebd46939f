/**
 * Model-check a list of models one after the other with the TLC runner,
 * report live progress, and turn each result into a `ModelVerdict` plus its
 * counterexample — the content of out/results/check.json and traces/.
 *
 * Used by `mmu-notifier run` when no check library offers the same; the
 * verdict rule is the one of `mmu-notifier check`: the outcome must equal
 * the expected one and, when the manifest names a property, so must the
 * violated property.
 */
import { runTlc, type TlcResult, type TlcRunOptions } from '../tla2tools-runner/index.ts';
import type { Counterexample } from './counterexample.ts';
import { counterexampleFromTlc } from './from-tlc.ts';
import type { ProgressView } from './progress-view.ts';
import type { ModelVerdict } from './results.ts';

/** One model to check. */
export interface ModelToCheck {
  name: string;
  /** The .tla file and its .cfg. */
  spec: string;
  config: string;
  /** Expected outcome: a runner outcome ("success", "safety", …) or the manifest's "safety failure" form. */
  expected: string;
  /** The property that must be violated, when the manifest names one. */
  expectedViolated?: string | null;
  /** The verdict rule of the model list's owner (default: `verdictOf`). */
  judge?: (result: TlcResult) => ModelVerdict;
}

/** What checking one model produced. */
export interface CheckedModel {
  verdict: ModelVerdict;
  counterexample: Counterexample | null;
}

/** "safety failure" → "safety"; runner outcomes pass through. */
export function normaliseExpected(expected: string): string {
  return expected.trim().toLowerCase().replace(/\s+failure$/, '');
}

/** The verdict of one model from its TLC result. */
export function verdictOf(model: ModelToCheck, result: TlcResult): ModelVerdict {
  const expected = normaliseExpected(model.expected);
  const violatedOk = model.expectedViolated == null || model.expectedViolated === result.violated;
  return {
    name: model.name,
    expected,
    expectedViolated: model.expectedViolated ?? null,
    actual: result.outcome,
    violated: result.violated,
    distinctStates: result.distinctStates,
    generatedStates: result.generatedStates,
    depth: result.depth,
    durationMs: Math.round(result.durationMs),
    ok: result.outcome === expected && violatedOk,
    ...(result.errors.length > 0 ? { errors: result.errors } : {}),
  };
}

/**
 * Whether TLC's verdict itself differs from the expectation (outcome or
 * violated property), as opposed to other mismatches such as state counts.
 */
export function verdictDiffers(v: ModelVerdict): boolean {
  const expectedViolated = v.expectedViolated ?? null;
  return normaliseExpected(v.actual) !== normaliseExpected(v.expected) || (expectedViolated !== null && v.violated !== expectedViolated);
}

/** A one-line result for the progress view. */
export function verdictLine(v: ModelVerdict): string {
  const actual = v.violated ? `${v.actual} (${v.violated})` : v.actual;
  const states = v.distinctStates === null ? '' : `, ${v.distinctStates.toLocaleString('en-US')} states`;
  const why = v.mismatches && v.mismatches.length > 0 ? v.mismatches.join('; ') : `expected ${v.expected}${v.expectedViolated ? ` (${v.expectedViolated})` : ''}`;
  const expectation = v.ok ? '' : ` — ${why}`;
  return `${actual}${states}, ${(v.durationMs / 1000).toFixed(1)} s${expectation}`;
}

/**
 * Check `models` sequentially (TLC with -workers 1: the machine's cores are
 * shared), showing each run's progress events on `view` as they arrive.
 * `options` are passed to every TLC run (jar record file, timeout, …).
 */
export async function runModels(
  models: readonly ModelToCheck[],
  view: ProgressView,
  options: Partial<TlcRunOptions> = {},
): Promise<CheckedModel[]> {
  const checked: CheckedModel[] = [];
  for (const [index, model] of models.entries()) {
    view.modelStarted(model.name, index, models.length);
    const handle = runTlc({ workers: 1, ...options, spec: model.spec, config: model.config });
    // onEvent runs synchronously for each parsed message, while TLC is still running.
    handle.onEvent = (e) => {
      if (e.type === 'progress') view.tlcProgress(model.name, e);
    };
    const result = await handle.result;
    const verdict = model.judge ? model.judge(result) : verdictOf(model, result);
    view.modelFinished(model.name, verdictLine(verdict), verdict.ok);
    checked.push({ verdict, counterexample: counterexampleFromTlc(result, model.name) });
  }
  return checked;
}
