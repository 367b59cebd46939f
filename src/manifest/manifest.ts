/**
 * spec/manifest.json: every TLC model of the spec with its expected verdict
 * and the state counts recorded when it last passed (in the spirit of the
 * tlaplus/Examples manifest). `mmu-notifier check` compares TLC's results
 * with it; `check --record` rewrites the recorded figures; src/codegen takes its
 * export models and counterexamples from it. The one schema of the file.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The default manifest: spec/manifest.json of this repository. */
export const MANIFEST_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'spec', 'manifest.json');

/** Expected verdicts, spelled as in tlaplus/Examples. */
export const EXPECTED_RESULTS = ['success', 'safety failure', 'liveness failure', 'deadlock failure'] as const;
/** One expected verdict. */
export type ExpectedResult = (typeof EXPECTED_RESULTS)[number];

/** What a model is for. */
export const MODEL_KINDS = ['safety', 'liveness', 'export', 'simulation'] as const;

const Count = z.int().nonnegative().nullable();

/** One model: a module, a config, and what TLC must say about them. */
export const ManifestModel = z.looseObject({
  /** Unique name; by convention the cfg's base name. */
  name: z.string().min(1),
  /** What the model checks, in one sentence. */
  description: z.string().optional(),
  /** The .tla file TLC runs, relative to the manifest's folder. */
  module: z.string().regex(/\.tla$/),
  /** The .cfg file, relative to the manifest's folder. */
  cfg: z.string().regex(/\.cfg$/),
  kind: z.enum(MODEL_KINDS),
  /** The CONSTANT Variant of the cfg (a name of src/protocol/variants.ts). */
  variant: z.string().min(1),
  expected: z.enum(EXPECTED_RESULTS),
  /** The property TLC must name as violated (null: success or deadlock). */
  violated: z.string().nullable(),
  /** Whether `mmu-notifier check` (and so `npm test`) runs it. */
  ci: z.boolean(),
  /** Recorded with -workers 1 by `check --record`; null = not recorded yet. */
  distinctStates: Count,
  totalStates: Count,
  depth: Count,
  runtimeSeconds: z.number().nonnegative().nullable(),
  /** For a failing model: the passing model with the fix (its broken/fixed pair). */
  counterpart: z.string().min(1).nullable().optional(),
  /** false: no implementation world replays this model's counterexample yet (src/codegen skips it; the TLC verdict is still checked). */
  replay: z.boolean().optional(),
});
/** One model entry. */
export type ManifestModel = z.infer<typeof ManifestModel>;

/** The whole file. */
export const Manifest = z.looseObject({
  models: z.array(ManifestModel).min(1),
});
/** The whole manifest. */
export type Manifest = z.infer<typeof Manifest>;

/** The manifest cannot be used; the message says what to fix. */
export class ManifestError extends Error {}

/** Read and validate a manifest; model names must be unique. */
export function loadManifest(path = MANIFEST_FILE): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ManifestError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem';
    throw new ManifestError(`${path} is not a valid model manifest (${where}); see spec/README.md for its fields`);
  }
  const seen = new Set<string>();
  for (const m of parsed.data.models) {
    if (seen.has(m.name)) throw new ManifestError(`${path}: model name ${m.name} appears twice`);
    seen.add(m.name);
  }
  return parsed.data;
}

/** Write a manifest back (two-space JSON, trailing newline). */
export function saveManifest(manifest: Manifest, path = MANIFEST_FILE): void {
  writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Absolute paths of a model's module and config. */
export function modelFiles(model: ManifestModel, manifestPath = MANIFEST_FILE): { spec: string; config: string } {
  const dir = dirname(manifestPath);
  return { spec: join(dir, model.module), config: join(dir, model.cfg) };
}
