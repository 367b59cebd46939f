/**
 * Writing and reading the results folder. Reading never throws on a missing
 * or bad file: it returns what it could read plus a list of problems, each
 * naming the command that makes the file, so `report` renders what exists
 * and says what is missing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { Counterexample } from './counterexample.ts';
import { CheckResults, GenResults, RESULT_FILES, RESULTS_FORMAT, ReplayResults, RunRecord, traceFileName } from './results.ts';

/** Something wrong with the results, and what to run to fix it. */
export interface ResultsProblem {
  file: string;
  kind: 'missing' | 'invalid' | 'stale';
  message: string;
}

/** Everything `report` can show. */
export interface LoadedResults {
  dir: string;
  run: RunRecord | null;
  check: CheckResults | null;
  gen: GenResults | null;
  replay: ReplayResults | null;
  /** Counterexamples by model name. */
  traces: Map<string, Counterexample>;
  problems: ResultsProblem[];
}

/** The command that (re)creates every results file. */
export const RUN_COMMAND = '`npm start` (= `mmu-notifier run`)';

/** Write one results file atomically (tmp + rename), adding the format tag and time. */
export function writeResultsFile(dir: string, file: string, body: object, now = new Date()): string {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify({ format: RESULTS_FORMAT, writtenAt: now.toISOString(), ...body }, null, 2) + '\n');
  return path;
}

/** Write a model's counterexample; returns its path relative to `dir`. */
export function writeCounterexample(dir: string, cx: Counterexample & { model: string }): string {
  const rel = traceFileName(cx.model);
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify(cx) + '\n');
  return rel;
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>, makeWith: string, problems: ResultsProblem[]): T | null {
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push({ file, kind: 'missing', message: `${file} is missing: run ${makeWith}.` });
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push({ file, kind: 'invalid', message: `${file} is not JSON (${(err as Error).message}): run ${makeWith} again.` });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown';
    problems.push({ file, kind: 'invalid', message: `${file} has an unknown or old format (${where}): run ${makeWith} again.` });
    return null;
  }
  return parsed.data;
}

/**
 * Read every results file of `dir`. `specDir`, when given, is used to flag
 * results older than the newest file of the spec (`.tla`, `.cfg`,
 * `manifest.json`) as stale.
 */
export function loadResults(dir: string, specDir?: string): LoadedResults {
  const problems: ResultsProblem[] = [];
  const run = readJson(dir, RESULT_FILES.run, RunRecord, RUN_COMMAND, problems);
  const check = readJson(dir, RESULT_FILES.check, CheckResults, `${RUN_COMMAND} or \`mmu-notifier check\``, problems);
  const gen = readJson(dir, RESULT_FILES.gen, GenResults, `${RUN_COMMAND} or \`mmu-notifier gen\``, problems);
  const replay = readJson(dir, RESULT_FILES.replay, ReplayResults, RUN_COMMAND, problems);
  const traces = new Map<string, Counterexample>();
  for (const model of check?.models ?? []) {
    if (model.actual === 'success' || model.actual === 'error') continue;
    const file = model.trace ?? traceFileName(model.name);
    const cx = readJson(dir, file, Counterexample, RUN_COMMAND, problems);
    if (cx) traces.set(model.name, cx);
  }
  if (specDir !== undefined && check !== null) {
    const newest = newestSpecFile(specDir);
    if (newest && newest.mtimeMs > Date.parse(check.writtenAt)) {
      problems.push({
        file: RESULT_FILES.check,
        kind: 'stale',
        message: `${RESULT_FILES.check} (${check.writtenAt}) is older than ${newest.name} (changed ${new Date(newest.mtimeMs).toISOString()}): run ${RUN_COMMAND} to refresh.`,
      });
    }
  }
  return { dir, run, check, gen, replay, traces, problems };
}

function newestSpecFile(specDir: string): { name: string; mtimeMs: number } | null {
  if (!existsSync(specDir)) return null;
  let newest: { name: string; mtimeMs: number } | null = null;
  // Recursive: the model configs live in spec/models/<family>/.
  for (const name of readdirSync(specDir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(tla|cfg)$|^manifest\.json$/.test(name)) continue;
    const mtimeMs = statSync(join(specDir, name)).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { name: `spec/${name}`, mtimeMs };
  }
  return newest;
}

/**
 * Write check.json and one counterexample file per violated model; each
 * verdict gets the relative path of its counterexample in `trace`.
 */
export function recordCheckResults(dir: string, checked: ReadonlyArray<{ verdict: CheckResults['models'][number]; counterexample: Counterexample | null }>): CheckResults['models'] {
  const models = checked.map(({ verdict, counterexample }) =>
    counterexample ? { ...verdict, trace: writeCounterexample(dir, { ...counterexample, model: verdict.name }) } : verdict,
  );
  writeResultsFile(dir, RESULT_FILES.check, { ok: models.every((m) => m.ok), models });
  return models;
}
