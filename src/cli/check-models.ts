/**
 * Model-check manifest entries with the real TLC and compare each result with
 * what the manifest expects: the verdict, the violated property and the
 * recorded state counts (a regression check on the spec itself).
 */
import { runTlc, type TlcOutcome, type TlcResult } from '../tla2tools-runner/index.ts';
import { modelFiles, type ManifestModel } from '../manifest/manifest.ts';
import { TLC_RECORD_FILE } from './project.ts';

/** The manifest's spelling of a TLC outcome ("safety" → "safety failure"). */
export function verdictOfOutcome(outcome: TlcOutcome): string {
  return outcome === 'success' || outcome === 'error' ? outcome : `${outcome} failure`;
}

/** The comparison of one model's TLC run with its manifest entry. */
export interface ModelCheck {
  name: string;
  expected: string;
  /** The verdict TLC gave, in the manifest's spelling. */
  actual: string;
  /** The property TLC reported as violated, if any. */
  violated: string | null;
  distinctStates: number | null;
  totalStates: number | null;
  depth: number | null;
  durationMs: number;
  /** Every difference from the manifest; empty when ok. */
  mismatches: string[];
  ok: boolean;
  /** TLC's own error lines, when it could not check the model. */
  errors: string[];
}

/**
 * Whether TLC's state counts for this model are the same on every run.
 * Not for a failing temporal property: TLC 2.18 also checks liveness on the
 * partial graph at each progress report, so when it finds the violation (and
 * how many states it has by then) depends on the machine's speed.
 */
export function countsAreReproducible(model: ManifestModel): boolean {
  return !(model.kind === 'liveness' && model.expected === 'liveness failure');
}

/** Compare one TLC result with the manifest entry it ran. */
export function compareWithManifest(model: ManifestModel, result: TlcResult): ModelCheck {
  const actual = verdictOfOutcome(result.outcome);
  const mismatches: string[] = [];
  if (actual !== model.expected) mismatches.push(`verdict ${actual}, expected ${model.expected}`);
  if (model.violated !== null && result.violated !== model.violated) {
    mismatches.push(`violated ${result.violated ?? 'nothing'}, expected ${model.violated}`);
  }
  if (countsAreReproducible(model) && model.distinctStates !== null && result.distinctStates !== model.distinctStates) {
    mismatches.push(`${result.distinctStates ?? '?'} distinct states, recorded ${model.distinctStates}`);
  }
  if (countsAreReproducible(model) && model.totalStates !== null && result.generatedStates !== model.totalStates) {
    mismatches.push(`${result.generatedStates ?? '?'} states generated, recorded ${model.totalStates}`);
  }
  if (result.distinctStates === 0) mismatches.push('TLC explored no state (empty Init?)');
  return {
    name: model.name,
    expected: model.expected,
    actual,
    violated: result.violated,
    distinctStates: result.distinctStates,
    totalStates: result.generatedStates,
    depth: result.depth,
    durationMs: Math.round(result.durationMs),
    mismatches,
    ok: mismatches.length === 0,
    errors: result.errors,
  };
}

/** Options of a check run. */
export interface CheckOptions {
  /** The manifest file the entries came from (paths are relative to it). */
  manifestPath?: string;
  /** Kill a TLC run after this long (it then counts as a mismatch). */
  timeoutMs?: number;
  /** Called before and after each model (for progress output). */
  onStart?: (model: ManifestModel, index: number, count: number) => void;
  onDone?: (check: ModelCheck) => void;
  /** Called with TLC's whole result (trace included) before it is compared. */
  onResult?: (model: ManifestModel, result: TlcResult) => void;
}

/** Run TLC (-workers 1) on one manifest entry and compare. */
export async function checkModel(model: ManifestModel, options: CheckOptions = {}): Promise<ModelCheck> {
  const files = modelFiles(model, options.manifestPath);
  const handle = runTlc({
    spec: files.spec,
    config: files.config,
    workers: 1,
    jarRecordFile: TLC_RECORD_FILE,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const result = await handle.result;
  options.onResult?.(model, result);
  return compareWithManifest(model, result);
}

/**
 * Check models with at most `jobs` TLC processes at a time (each with
 * -workers 1, so counts stay deterministic); results keep the models' order.
 */
export async function checkModels(models: readonly ManifestModel[], options: CheckOptions & { jobs?: number } = {}): Promise<ModelCheck[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, models.length));
  const checks: ModelCheck[] = new Array<ModelCheck>(models.length);
  let next = 0;
  // Each lane takes the next unchecked model when its previous TLC run ends.
  const lane = async (): Promise<void> => {
    while (next < models.length) {
      const index = next++;
      const model = models[index]!;
      options.onStart?.(model, index, models.length);
      const check = await checkModel(model, options);
      options.onDone?.(check);
      checks[index] = check;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return checks;
}
