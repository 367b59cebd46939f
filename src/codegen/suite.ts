/**
 * What the conformance tests and the CLI share: the project's models, their
 * generated (or cached) trace files, and replaying all traces of a file.
 */
import { join } from 'node:path';
import { describeFailure, replayTrace, type ReplayOptions, type ReplayReport } from './replay.ts';
import { generateModel, type GeneratedModel } from './generate.ts';
import { discoverModels } from './models.ts';
import type { ModelRef } from './model-ref.ts';
import { expandTrace, type TraceFile } from './trace-format.ts';

/** Paths of a project checkout. */
export interface ProjectPaths {
  readonly root: string;
  readonly specDir: string;
  readonly jarRecordFile: string;
  /** Where trace files are cached. */
  readonly traceDir: string;
}

/** The standard paths under a project root. */
export function projectPaths(root: string): ProjectPaths {
  return { root, specDir: join(root, 'spec'), jarRecordFile: join(root, '.tlc', 'tlc.json'), traceDir: join(root, 'out', 'traces') };
}

/** The project's models of one kind (or all). */
export function projectModels(paths: ProjectPaths, kind?: ModelRef['kind']): ModelRef[] {
  return discoverModels(paths.specDir).filter((m) => kind === undefined || m.kind === kind);
}

/** Per process: a model's file is generated or loaded once (tests ask for it several times). */
const loaded = new Map<string, Promise<GeneratedModel>>();

/** Generates or reuses the trace file of `model` (memoised per process unless `force`). */
export function tracesOf(paths: ProjectPaths, model: ModelRef, force = false): Promise<GeneratedModel> {
  const key = `${paths.traceDir}\0${model.config}`;
  const known = loaded.get(key);
  if (known && !force) return known;
  const made = generateModel(model, { projectRoot: paths.root, jarRecordFile: paths.jarRecordFile, outDir: paths.traceDir, force });
  loaded.set(key, made);
  made.catch(() => loaded.delete(key)); // a failed generation is retried by the next caller (the error still reaches this one)
  return made;
}

/** Result of replaying every trace of a file. */
export interface FileReplay {
  readonly reports: ReplayReport[];
  readonly failures: ReplayReport[];
  readonly steps: number;
  readonly ms: number;
}

/** Replays every trace of `file` (sequentially: each replay owns one world). */
export async function replayFile(file: TraceFile, options: ReplayOptions = {}): Promise<FileReplay> {
  const t0 = performance.now();
  const reports: ReplayReport[] = [];
  for (const entry of file.traces) reports.push(await replayTrace(expandTrace(file, entry), options));
  const failures = reports.filter((r) => r.failure !== undefined);
  return { reports, failures, steps: reports.reduce((a, r) => a + r.stepsReplayed, 0), ms: performance.now() - t0 };
}

/** The first `max` failures as text, with a count of the rest. */
export function describeFailures(failures: readonly ReplayReport[], max = 5): string {
  const shown = failures.slice(0, max).map(describeFailure);
  if (failures.length > max) shown.push(`… and ${failures.length - max} more failing trace(s)`);
  return shown.join('\n\n');
}
