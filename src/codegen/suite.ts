/**
 * What the conformance tests, the CLI and the pipeline share: the project's
 * models and their generated (or cached) trace files. Whether a file's traces
 * conform is conformance-judge.ts's question.
 */
import { join } from 'node:path';
import { generateModel, type GeneratedModel } from './generate.ts';
import { discoverModels } from './models.ts';
import type { ModelRef } from './model-ref.ts';

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
