/**
 * The check stage of the pipeline: every CI model of the manifest, checked
 * one after the other with TLC's progress on the view, judged by the
 * manifest's rule; writes check.json and one counterexample per violated
 * model (traces/).
 */
import { existsSync } from 'node:fs';
import { ManifestError } from '../manifest/manifest.ts';
import { verdictDiffers } from '../manifest/verdict.ts';
import type { Counterexample } from '../report/counterexample.ts';
import { counterexampleFromTlc } from '../report/from-tlc.ts';
import type { ProgressView } from '../report/progress-view.ts';
import { recordCheckResults } from '../report/results-io.ts';
import { RESULTS_FORMAT, type CheckResults, type ModelVerdict } from '../report/results.ts';
import type { TlcRunOptions } from 'tla2tools-runner';
import { checkModels, ciModelsToCheck, type CheckedModel, type ModelToCheck } from './check-models.ts';
import type { StageOutcome } from './stage-runner.ts';

/** A checked model as the results record it: its check.json entry and its counterexample. */
export interface ModelResult {
  readonly verdict: ModelVerdict;
  readonly counterexample: Counterexample | null;
}

/** The check.json entry of a checked model: the `check --json` entry plus the expectation's property and TLC's generated states. */
export function modelVerdict({ model, check, result }: CheckedModel): ModelVerdict {
  // The manifest's words travel with the verdict: the report groups and explains models by them.
  return { ...model.words, ...check, expectedViolated: model.expectedViolated ?? null, generatedStates: result.generatedStates };
}

/** A one-line result for the progress view. */
export function verdictLine(v: ModelVerdict): string {
  if (v.inputFault !== undefined) return `not run — ${v.inputFault}`;
  const actual = v.violated ? `${v.actual} (${v.violated})` : v.actual;
  const states = v.distinctStates === null ? '' : `, ${v.distinctStates.toLocaleString('en-US')} states`;
  const why = v.mismatches && v.mismatches.length > 0 ? v.mismatches.join('; ') : `expected ${v.expected}${v.expectedViolated ? ` (${v.expectedViolated})` : ''}`;
  const expectation = v.ok ? '' : ` — ${why}`;
  return `${actual}${states}, ${(v.durationMs / 1000).toFixed(1)} s${expectation}`;
}

/**
 * Check `models` sequentially (TLC with -workers 1: the machine's cores are
 * shared), showing each run's progress events on `view` as they arrive.
 * `tlc` is passed to every TLC run (jar record file, timeout, …).
 */
export async function runModels(models: readonly ModelToCheck[], view: ProgressView, tlc: Partial<TlcRunOptions> = {}): Promise<ModelResult[]> {
  const checked = await checkModels(models, {
    tlc,
    onStart: (m, index, count) => view.modelStarted(m.name, index, count),
    onProgress: (m, e) => view.tlcProgress(m.name, e),
    onDone: (c) => view.modelFinished(c.model.name, verdictLine(modelVerdict(c)), c.check.ok),
  });
  return checked.map((c) => ({ verdict: modelVerdict(c), counterexample: counterexampleFromTlc(c.result, c.model.name) }));
}

/** What the check stage leaves. */
export interface CheckStageResult {
  readonly outcome: StageOutcome;
  /** The content of check.json; null when no model was checked. */
  readonly check: CheckResults | null;
  /** Models whose verdict itself (not only a count) differs, with their counterexample. */
  readonly unexpected: readonly ModelResult[];
}

/** The check stage: the CI models of `manifestPath`; check.json + traces/ in `resultsDir`. */
export async function checkStage(manifestPath: string, resultsDir: string, view: ProgressView, tlc: Partial<TlcRunOptions>): Promise<CheckStageResult> {
  if (!existsSync(manifestPath)) return { outcome: { status: 'unavailable', detail: `${manifestPath} not found` }, check: null, unexpected: [] };
  let list: ModelToCheck[];
  try {
    list = ciModelsToCheck(manifestPath);
  } catch (err) {
    if (err instanceof ManifestError) return { outcome: { status: 'error', detail: err.message }, check: null, unexpected: [] };
    throw err;
  }
  view.stage('check', `${list.length} CI models of ${manifestPath}`);
  const checked = await runModels(list, view, tlc);
  const models = recordCheckResults(resultsDir, checked);
  const check: CheckResults = { format: RESULTS_FORMAT, writtenAt: new Date().toISOString(), ok: models.every((m) => m.ok), models };
  const unexpected = checked.filter(({ verdict, counterexample }) => verdictDiffers(verdict) && counterexample !== null);
  const bad = models.filter((m) => !m.ok);
  const outcome: StageOutcome =
    bad.length === 0
      ? { status: 'ok', detail: `${models.length} models as expected` }
      : { status: 'failed', detail: `${bad.length} of ${models.length} models mismatched: ${bad.map((m) => m.name).join(', ')}` };
  return { outcome, check, unexpected };
}
