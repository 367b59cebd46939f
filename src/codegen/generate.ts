/**
 * The generator: for each model, reuse its cached trace file if the inputs
 * are unchanged (see cache-key.ts), else run TLC and write a new one.
 * Output: `<outDir>/<model>.json` (a trace file, see trace-format.ts) and
 * `<outDir>/<model>.figures.json` (the figures of the generation that made it).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { ownedTempDir, sweepOrphanTempDirs } from '../files/owned-temp-dir.ts';
import { join } from 'node:path';
import { ACTION_NAMES } from '../protocol/actions.ts';
import { cacheKey, jarSha256 } from './cache-key.ts';
import { withFileLock } from './file-lock.ts';
import { counterexampleTraces } from './counterexample-traces.ts';
import { exportModelTraces } from './export-traces.ts';
import type { ModelFigures, ModelRef, ModelTraces } from './model-ref.ts';
import { SIMULATION_PLAN } from './models.ts';
import { simulationModelTraces } from './simulation-traces.ts';
import { parseTraceFile, type TraceFile } from './trace-format.ts';

/** Temporary folders of trace generation: `<tmpdir>/mmu-gen-<pid>-<random>`. */
const GEN_TMP_PREFIX = 'mmu-gen-';

/** Where things are. */
export interface GenerateOptions {
  readonly projectRoot: string;
  /** The TLC install record (`.tlc/tlc.json`). */
  readonly jarRecordFile: string;
  readonly outDir: string;
  /** Regenerate even if the cache is fresh. */
  readonly force?: boolean;
  /** Called when a model starts and ends (for progress output). */
  readonly onProgress?: (model: ModelRef, phase: 'start' | 'cached' | 'generated') => void;
  /** Called once if another live process holds the model's lock (default: one line on stderr). */
  readonly onLockWait?: (model: ModelRef, holderPid: number, lock: string) => void;
}

/** One model's result: the file and its coverage figures. */
export interface GeneratedModel {
  readonly model: ModelRef;
  readonly path: string;
  readonly cached: boolean;
  readonly file: TraceFile;
  readonly figures: ModelFigures & { readonly traces: number; readonly steps: number; readonly actionsCovered: string[] };
}

/** Generates (or reuses) the trace file of one model. */
export async function generateModel(model: ModelRef, options: GenerateOptions): Promise<GeneratedModel> {
  const path = join(options.outDir, `${model.name}.json`);
  const figuresPath = join(options.outDir, `${model.name}.figures.json`);
  const jar = jarSha256(options.jarRecordFile);
  const plan = { kind: model.kind, ...(model.kind === 'simulation' ? SIMULATION_PLAN : {}) };
  const key = cacheKey({ projectRoot: options.projectRoot, config: model.config, jarSha256: jar, plan });
  options.onProgress?.(model, 'start');
  mkdirSync(options.outDir, { recursive: true });
  // One process generates a model at a time; the others then find it in the cache.
  const lock = join(options.outDir, `${model.name}.lock`);
  const onWait = options.onLockWait ?? waitingLine;
  return withFileLock(lock, () => generateLocked(model, options, { path, figuresPath, jar, key }), (pid) => onWait(model, pid, lock));
}

function waitingLine(model: ModelRef, holderPid: number, lock: string): void {
  process.stderr.write(`mmu-notifier: waiting for process ${holderPid}, which is generating the traces of ${model.name} (lock ${lock})\n`);
}

async function generateLocked(
  model: ModelRef,
  options: GenerateOptions,
  where: { path: string; figuresPath: string; jar: string; key: string },
): Promise<GeneratedModel> {
  const { path, figuresPath, jar, key } = where;
  if (!options.force && existsSync(path) && existsSync(figuresPath)) {
    const file = parseTraceFile(readFileSync(path, 'utf8'), path);
    if (file.meta.cacheKey === key) {
      options.onProgress?.(model, 'cached');
      return { model, path, cached: true, file, figures: JSON.parse(readFileSync(figuresPath, 'utf8')) as GeneratedModel['figures'] };
    }
  }
  // A generation killed outright (SIGKILL) leaves its folder: the next one removes it.
  sweepOrphanTempDirs(GEN_TMP_PREFIX);
  const workDir = ownedTempDir(GEN_TMP_PREFIX);
  try {
    const common = { jarRecordFile: options.jarRecordFile, meta: { cacheKey: key, tlcJarSha256: jar, generatedAt: new Date().toISOString() } };
    const made = await produce(model, workDir, common);
    const figures = { ...made.figures, ...traceFigures(made.file) };
    writeFileAtomic(path, JSON.stringify(made.file));
    writeFileAtomic(figuresPath, JSON.stringify(figures, null, 2));
    options.onProgress?.(model, 'generated');
    return { model, path, cached: false, file: made.file, figures };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function produce(model: ModelRef, workDir: string, common: { jarRecordFile: string; meta: Record<string, unknown> }): Promise<ModelTraces> {
  switch (model.kind) {
    case 'export':
      return exportModelTraces(model, workDir, common);
    case 'simulation':
      return simulationModelTraces(model, SIMULATION_PLAN, workDir, common);
    case 'counterexample':
      return counterexampleTraces(model, common);
  }
}

/** Traces, steps and the protocol actions they take. */
export function traceFigures(file: TraceFile): { traces: number; steps: number; actionsCovered: string[] } {
  const used = new Set<number>();
  let steps = 0;
  for (const t of file.traces) {
    steps += t.actions.length;
    for (const a of t.actions) used.add(a);
  }
  const names = new Set([...used].map((a) => file.actions[a]!.name));
  return { traces: file.traces.length, steps, actionsCovered: ACTION_NAMES.filter((n) => names.has(n)) };
}

