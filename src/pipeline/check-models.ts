/**
 * Model-check models with the real TLC (-workers 1) and judge each result by
 * the manifest's rule (src/manifest/verdict.ts): the verdict, the violated
 * property and the recorded state counts (a regression check on the spec).
 * `mmu-notifier check` runs it with two TLC processes at a time; the check
 * stage of `mmu-notifier run` with one, showing TLC's progress as it comes.
 */
import { existsSync, statSync } from 'node:fs';
import { runTlc, TlcResultCollector, type TlcProgressEvent, type TlcResult, type TlcRunHandle, type TlcRunOptions } from 'tla2tools-runner';
import { loadManifest, modelFiles, MANIFEST_FILE, type ManifestModel, type SimulationSettings } from '../manifest/manifest.ts';
import { expectationOf, inManifestSpelling, judgeTlcResult, type Expectation } from '../manifest/verdict.ts';
import { cacheable, cachedResult, checkCacheKey, storeResult, type CheckCache } from './check-cache.ts';

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
  /** TLC options of this model (a simulate model's -simulate, -depth, -seed and budget); they win over the run's. */
  readonly tlc?: Partial<TlcRunOptions>;
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
  /**
   * Set when the model could not be run at all because a file of its
   * manifest entry is missing (one line: the model, the path, what to do).
   * The other models are still checked; the command exits 2 (bad input).
   */
  inputFault?: string;
}

/** What checking one model produced: the judgement and TLC's whole result (its trace included). */
export interface CheckedModel {
  readonly model: ModelToCheck;
  readonly check: ModelCheck;
  readonly result: TlcResult;
  /** True when the result was reused from the check cache (inputs unchanged), not run now. */
  readonly cached: boolean;
}

/**
 * The TLC options of a simulate model: random behaviours of at most `depth`
 * steps from a fixed seed (with -workers 1 the same behaviours every run),
 * stopped after the budget; finding the violation ends the run earlier.
 * With `tracePrefix`, TLC also writes every completed behaviour to a file
 * `<prefix>_<worker>_<index>` (how scripts/simulation-table.ts counts them).
 */
export function simulationRunOptions(settings: SimulationSettings, tracePrefix?: string): Partial<TlcRunOptions> {
  const simulate = tracePrefix === undefined ? { extraArgs: ['-simulate'] } : { simulate: { file: tracePrefix } };
  return { ...simulate, depth: settings.depth, seed: settings.seed, timeoutMs: settings.budgetSeconds * 1000 };
}

/** A manifest entry as a model to check (paths resolved against the manifest's folder). */
export function modelToCheck(model: ManifestModel, manifestPath = MANIFEST_FILE): ModelToCheck {
  const { violated, ...expectation } = expectationOf(model);
  const tlc = model.simulate ? { tlc: simulationRunOptions(model.simulate) } : {};
  return { name: model.name, ...modelFiles(model, manifestPath), ...expectation, expectedViolated: violated, words: manifestWords(model), ...tlc };
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
  /** Reuse results whose inputs are unchanged (check-cache.ts); absent: always run TLC. */
  cache?: CheckCache;
  /** Called before each model (`cached`: its stored result is reused), at each TLC progress report, and after it. */
  onStart?: (model: ModelToCheck, index: number, count: number, cached: boolean) => void;
  onProgress?: (model: ModelToCheck, progress: TlcProgressEvent) => void;
  onDone?: (checked: CheckedModel) => void;
  /** Called once TLC has started for a model (a distributed run's port and join command are on the handle). */
  onRun?: (model: ModelToCheck, handle: TlcRunHandle) => void;
}

/** The module or config file of a model that does not exist, as one line naming the model; null when both exist. */
export function missingModelFile(model: ModelToCheck): string | null {
  for (const [what, path] of [['module', model.spec], ['cfg', model.config]] as const) {
    if (!existsSync(path) || !statSync(path).isFile()) {
      return `model ${model.name}: ${what} file ${path} not found: fix the model's "${what}" in the manifest or add the file`;
    }
  }
  return null;
}

/** The result of a model TLC never ran: an `error` with the reason as its only mismatch, no states. */
function notRun(model: ModelToCheck, fault: string): CheckedModel {
  const result = { ...new TlcResultCollector().finish({ exitCode: null, signal: null, durationMs: 0, stoppedBy: fault, simulation: false }), errors: [] };
  const check: ModelCheck = {
    name: model.name,
    expected: model.expected,
    actual: 'error',
    violated: null,
    distinctStates: null,
    totalStates: null,
    depth: null,
    durationMs: 0,
    mismatches: [fault],
    ok: false,
    errors: [],
    inputFault: fault,
  };
  return { model, check, result, cached: false };
}

/** The TLC options of one model's check: one worker (reproducible counts), then the run's, then the model's own (simulate). */
function tlcOptionsOf(options: CheckOptions, model: ModelToCheck): Partial<TlcRunOptions> {
  return { workers: 1, ...options.tlc, ...model.tlc };
}

/**
 * Run TLC on one model and judge the result (storing it in the cache, if one
 * is given). A model whose files are missing is not run: its check says so
 * (`inputFault`), so that one bad manifest entry costs no other model its result.
 */
export async function checkModel(model: ModelToCheck, options: CheckOptions = {}, key?: string): Promise<CheckedModel> {
  const fault = missingModelFile(model);
  if (fault !== null) return notRun(model, fault);
  const tlc = tlcOptionsOf(options, model);
  const handle = runTlc({ ...tlc, spec: model.spec, config: model.config });
  options.onRun?.(model, handle);
  // onEvent runs synchronously for each parsed message, while TLC is still running.
  handle.onEvent = (e) => {
    if (e.type === 'progress') options.onProgress?.(model, e);
  };
  const result = await handle.result;
  if (options.cache && cacheable(result)) storeResult(options.cache, model, key ?? checkCacheKey(model, tlc), result);
  return { model, check: compareResult(model, result, searchEngine(tlc)), result, cached: false };
}

/** The model's stored result, judged against its current expectation; null: TLC must run. */
function reusedCheck(model: ModelToCheck, cache: CheckCache, key: string, tlc: Partial<TlcRunOptions>): CheckedModel | null {
  const result = cachedResult(cache, model, key);
  return result === null ? null : { model, check: compareResult(model, result, searchEngine(tlc)), result, cached: true };
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
      // The key is taken before TLC starts: an edit made while it runs re-runs the model next time.
      // A model with a missing file has no key (checkModel reports the file).
      const key = options.cache && missingModelFile(model) === null ? checkCacheKey(model, tlcOptionsOf(options, model)) : undefined;
      const reused = options.cache && key !== undefined ? reusedCheck(model, options.cache, key, tlcOptionsOf(options, model)) : null;
      options.onStart?.(model, index, models.length, reused !== null);
      const one = reused ?? (await checkModel(model, options, key));
      options.onDone?.(one);
      checked[index] = one;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return checked;
}
