/**
 * The CI models of spec/manifest.json as a list `runModels` can check.
 *
 * The manifest belongs to the spec; this reader takes the fields it needs
 * and tolerates the spellings of tlaplus/Examples manifests ("result":
 * "safety failure") as well as this project's ("expected": "safety").
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import type { ModelToCheck } from './run-models.ts';

const Entry = z.looseObject({
  name: z.string().min(1),
  spec: z.string().optional(),
  module: z.string().optional(),
  config: z.string().optional(),
  cfg: z.string().optional(),
  expected: z.string().optional(),
  result: z.string().optional(),
  violated: z.string().nullable().optional(),
  property: z.string().nullable().optional(),
  ci: z.boolean().optional(),
});
const Manifest = z.union([z.array(Entry), z.looseObject({ models: z.array(Entry) })]);

/** The list, or why there is none. */
export type CheckList = { kind: 'ok'; models: ModelToCheck[] } | { kind: 'unavailable'; reason: string };

/** A path of the manifest: relative to the manifest's folder, else to the project root. */
function resolveIn(root: string, manifestDir: string, file: string): string {
  if (isAbsolute(file)) return file;
  const besideManifest = join(manifestDir, file);
  return existsSync(besideManifest) ? besideManifest : join(root, file);
}

/**
 * Read the CI models (entries without `ci: false`) of the manifest
 * (default `<root>/spec/manifest.json`).
 */
export function loadCheckList(root: string, path = join(root, 'spec', 'manifest.json')): CheckList {
  if (!existsSync(path)) return { kind: 'unavailable', reason: `${relative(root, path)} not found (the spec has no model list yet)` };
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'unavailable', reason: `${relative(root, path)}: unexpected shape (${issue ? `${issue.path.join('.')}: ${issue.message}` : '?'})` };
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.models;
  const models: ModelToCheck[] = [];
  for (const e of entries.filter((x) => x.ci !== false)) {
    const config = e.config ?? e.cfg ?? `${e.name}.cfg`;
    const spec = e.spec ?? e.module ?? `${e.name}.tla`;
    const expected = e.expected ?? e.result;
    if (expected === undefined) return { kind: 'unavailable', reason: `${relative(root, path)}: model ${e.name} has no expected result` };
    models.push({
      name: e.name,
      spec: resolveIn(root, dirname(path), spec.endsWith('.tla') ? spec : `${spec}.tla`),
      config: resolveIn(root, dirname(path), config.endsWith('.cfg') ? config : `${config}.cfg`),
      expected,
      expectedViolated: e.violated ?? e.property ?? null,
    });
  }
  return { kind: 'ok', models };
}
