/**
 * Model-check models with the real TLC (-workers 1) and judge each result by
 * the manifest's rule (src/manifest/verdict.ts): the verdict, the violated
 * property and the recorded state counts (a regression check on the spec).
 * `mmu-notifier check` runs it with two TLC processes at a time; the check
 * stage of `mmu-notifier run` with one, showing TLC's progress as it comes.
 */
import { runTlc, type TlcProgressEvent, type TlcResult, type TlcRunHandle, type TlcRunOptions } from '../tla2tools-runner/index.ts';
import { loadManifest, modelFiles, MANIFEST_FILE, type ManifestModel } from '../manifest/manifest.ts';
import { expectationOf, inManifestSpelling, judgeTlcResult, type Expectation } from '../manifest/verdict.ts';

/** One model to check: a module, a config, and what TLC must say about them. */
export interface ModelToCheck extends Omit<Expectation, 'violated'> {
  readonly name: string;
  /** The .tla file and its .cfg (absolute). */
  readonly spec: string;
  readonly config: string;
  /** The property that must be violated, when named. */
  readonly expectedViolated?: string | null;
  /** What the report says of the model in words (from its manifest entry). */
  readonly words?: ModelWords;
}

/** A manifest entry's words: its question, answer sentence, variant and fixed counterpart. */
export interface ModelWords {
  readonly description?: string;
  readonly question?: string;
  readonly counterpart?: string;
  readonly variant?: string;
}

/** The words of a manifest entry that the report shows (absent fields left out). */
export function manifestWords(model: ManifestModel): ModelWords {
  const entry = model as ManifestModel & { question?: unknown };
  const words: Record<string, string> = {};
  for (const key of ['description', 'question', 'counterpart', 'variant'] as const) {
    const value = entry[key];
    if (typeof value === 'string') words[key] = value;
  }
  return words;
}

/** The comparison of one model's TLC run with its expectation: the `check --json` entry. */
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
  /** Every difference from the expectation; empty when ok. */
  mismatches: string[];
  ok: boolean;
  /** TLC's own error lines, when it could not check the model. */
  errors: string[];
}

/** What checking one model produced: the judgement and TLC's whole result (its trace included). */
export interface CheckedModel {
  readonly model: ModelToCheck;
  readonly check: ModelCheck;
  readonly result: TlcResult;
}

/** A manifest entry as a model to check (paths resolved against the manifest's folder). */
export function modelToCheck(model: ManifestModel, manifestPath = MANIFEST_FILE): ModelToCheck {
  const { violated, ...expectation } = expectationOf(model);
  return { name: model.name, ...modelFiles(model, manifestPath), ...expectation, expectedViolated: violated, words: manifestWords(model) };
}

/** The CI models of a manifest, as models to check. */
export function ciModelsToCheck(manifestPath = MANIFEST_FILE): ModelToCheck[] {
  return loadManifest(manifestPath)
    .models.filter((m) => m.ci)
    .map((m) => modelToCheck(m, manifestPath));
}

/**
 * How TLC explores, as far as the state counts care: one worker thread
 * (the manifest's counts), several threads of one JVM, or TLC's
 * distributed mode.
 */
export type SearchEngine = 'single' | 'threads' | 'distributed';

/** The engine a run's options ask for. */
export function searchEngine(tlc: Partial<TlcRunOptions> | undefined): SearchEngine {
  if (tlc?.distributed !== undefined) return 'distributed';
  return (tlc?.workers ?? 1) === 1 ? 'single' : 'threads';
}

/**
 * The recorded counts a run of `engine` must reproduce (measured with TLC
 * 2.18, see src/tla2tools-runner/README.md): one thread, all of them.
 * Several threads: a complete run expands every distinct state once, so
 * distinct and generated counts are the same; a violating run stops
 * wherever the threads are, so neither is. Distributed: a complete run has
 * the same distinct count, but the generated count (workers' fingerprint
 * caches) differs; a violating run is not named at all (classify.ts).
 */
export function comparableCounts(model: Pick<ModelToCheck, 'expected'>, engine: SearchEngine): { distinctStates?: null; totalStates?: null } {
  if (engine === 'single') return {};
  if (inManifestSpelling(model.expected) !== 'success') return { distinctStates: null, totalStates: null };
  return engine === 'threads' ? {} : { totalStates: null };
}

/** Judge one TLC result against the model's expectation, comparing the counts `engine` reproduces. */
export function compareResult(model: ModelToCheck, result: TlcResult, engine: SearchEngine = 'single'): ModelCheck {
  const comparable = comparableCounts(model, engine);
  const { actual, mismatches, ok } = judgeTlcResult({ ...model, ...comparable, violated: model.expectedViolated ?? null }, result);
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
    ok,
    errors: result.errors,
  };
}

/** Compare one TLC result with the manifest entry it ran. */
export function compareWithManifest(model: ManifestModel, result: TlcResult): ModelCheck {
  return compareResult(modelToCheck(model), result);
}

/** Options of a check run. */
export interface CheckOptions {
  /** TLC processes at a time (default 1); each runs with -workers 1, so counts do not depend on it. */
  jobs?: number;
  /** Passed to every TLC run (timeout, jar record file, …). */
  tlc?: Partial<TlcRunOptions>;
  /** Called before each model, at each TLC progress report, and after it (for progress output). */
  onStart?: (model: ModelToCheck, index: number, count: number) => void;
  onProgress?: (model: ModelToCheck, progress: TlcProgressEvent) => void;
  onDone?: (checked: CheckedModel) => void;
  /** Called once TLC has started for a model (a distributed run's port and join command are on the handle). */
  onRun?: (model: ModelToCheck, handle: TlcRunHandle) => void;
}

/** Run TLC (-workers 1 unless `options.tlc` says otherwise) on one model and judge the result. */
export async function checkModel(model: ModelToCheck, options: CheckOptions = {}): Promise<CheckedModel> {
  const handle = runTlc({ workers: 1, ...options.tlc, spec: model.spec, config: model.config });
  options.onRun?.(model, handle);
  // onEvent runs synchronously for each parsed message, while TLC is still running.
  handle.onEvent = (e) => {
    if (e.type === 'progress') options.onProgress?.(model, e);
  };
  const result = await handle.result;
  return { model, check: compareResult(model, result, searchEngine(options.tlc)), result };
}

/**
 * Check models with at most `jobs` TLC processes at a time; results keep the
 * models' order.
 */
export async function checkModels(models: readonly ModelToCheck[], options: CheckOptions = {}): Promise<CheckedModel[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, models.length));
  const checked: CheckedModel[] = new Array<CheckedModel>(models.length);
  let next = 0;
  // Each lane takes the next unchecked model when its previous TLC run ends.
  const lane = async (): Promise<void> => {
    while (next < models.length) {
      const index = next++;
      const model = models[index]!;
      options.onStart?.(model, index, models.length);
      const one = await checkModel(model, options);
      options.onDone?.(one);
      checked[index] = one;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return checked;
}
