/**
 * The result cache of `mmu-notifier check`: a model's TLC result is reused
 * when nothing TLC's answer depends on has changed since it was stored —
 * every module in the spec's folder (the wrapper and all it EXTENDS), the
 * model's cfg, the TLC jar (its sha256), the runner's sources and the TLC
 * options that change what TLC explores. Keyed like the trace cache
 * (src/codegen/cache-key.ts, the same content hash). The verdict is judged
 * afresh from the manifest every time: a changed expectation needs no re-run.
 *
 * One file per model, `<dir>/<model>.json` = `{ key, result }`, written
 * atomically. An entry that does not parse as a result (an older format, a
 * hand edit) is a miss: the model is checked again and the entry replaced.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tlcResultSchema, type TlcResult, type TlcRunOptions } from 'tla2tools-runner';
import { contentHash, resolvedJarSha256, runnerSourceParts, specModuleParts, type HashPart } from '../codegen/cache-key.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';

/** Run options that say how TLC runs, not what it explores: left out of the key. */
const NOT_IN_KEY: ReadonlySet<string> = new Set(['jar', 'jarRecordFile', 'env', 'signal', 'tmpRoot', 'timeoutMs', 'exitGraceMs', 'heap', 'javaOptions']);

/** Where a check's results are kept and whether to ignore them (`--force`). */
export interface CheckCache {
  readonly dir: string;
  /** Re-run every model; the fresh results still replace the stored ones. */
  readonly force: boolean;
}

/** The model files the key covers. */
export interface CachedModelFiles {
  readonly name: string;
  readonly spec: string;
  readonly config: string;
}

/** The options that change TLC's answer, in a fixed order. */
function optionsInKey(options: Partial<TlcRunOptions>): string {
  const kept = Object.entries(options)
    .filter(([k, v]) => !NOT_IN_KEY.has(k) && v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(kept);
}

/** The cache key of one model run with `options` (TLC's options as passed to runTlc). */
export function checkCacheKey(model: CachedModelFiles, options: Partial<TlcRunOptions>): string {
  const specDir = dirname(model.spec);
  const parts: HashPart[] = [
    ...specModuleParts(specDir),
    // A change to how TLC is run or read re-runs every model.
    ...runnerSourceParts(),
    ['module', relative(specDir, model.spec)],
    ['config', readFileSync(model.config)],
    ['jar', resolvedJarSha256(options)],
    ['options', optionsInKey(options)],
  ];
  return contentHash(parts);
}

function entryPath(cache: CheckCache, model: CachedModelFiles): string {
  return join(cache.dir, `${model.name}.json`);
}

/** The stored result of `model` if its key matches (and `--force` is off), else null. */
export function cachedResult(cache: CheckCache, model: CachedModelFiles, key: string): TlcResult | null {
  const path = entryPath(cache, model);
  if (cache.force || !existsSync(path)) return null;
  let entry: { key?: unknown; result?: unknown };
  try {
    entry = JSON.parse(readFileSync(path, 'utf8')) as typeof entry;
  } catch (err) {
    if (err instanceof SyntaxError) return null; // not JSON (a hand edit): a miss, replaced after the run
    throw err;
  }
  if (entry === null || typeof entry !== 'object' || entry.key !== key) return null;
  const parsed = tlcResultSchema.safeParse(entry.result);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a result may be reused: only a verdict TLC reached on its own. An
 * `error` (a timeout, a kill, an out-of-memory JVM, a missing module) may
 * depend on the machine or the options left out of the key, so it re-runs.
 */
export function cacheable(result: TlcResult): boolean {
  return result.outcome !== 'error';
}

/** Stores a model's result under its key (atomically; the folder is created). */
export function storeResult(cache: CheckCache, model: CachedModelFiles, key: string, result: TlcResult): void {
  mkdirSync(cache.dir, { recursive: true });
  writeFileAtomic(entryPath(cache, model), `${JSON.stringify({ key, result })}\n`);
}
