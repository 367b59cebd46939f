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

/**
 * Profiles of models outside CI that `check --profile NAME` runs: `deep`
 * (exhaustive at bounds beyond CI, minutes to hours each) and `simulate`
 * (TLC -simulate at large bounds, judged by whether the violation is found).
 */
export const PROFILES = ['deep', 'simulate'] as const;
/** One profile name. */
export type Profile = (typeof PROFILES)[number];

/** How a `simulate` model runs: `-depth`, `-seed`, and how long simulation may search. */
export const SimulationSettings = z.strictObject({
  depth: z.int().min(1),
  seed: z.int(),
  budgetSeconds: z.number().positive(),
});
/** The simulation settings of a model. */
export type SimulationSettings = z.infer<typeof SimulationSettings>;

/**
 * What a run that was stopped before the end measured (a deep model too big
 * for this machine): figures from TLC's last progress line, rates from the
 * progress lines of the last minutes.
 */
export const PartialRun = z.strictObject({
  /** Wall minutes until the run was stopped. */
  minutes: z.number().positive(),
  workers: z.int().min(1),
  /** `cat /proc/loadavg` (1-minute figure) when the run was stopped. */
  loadAverage: z.number().nonnegative(),
  distinctStates: z.int().nonnegative(),
  totalStates: z.int().nonnegative(),
  statesOnQueue: z.int().nonnegative(),
  /** The BFS level reached. */
  depth: z.int().nonnegative(),
  distinctStatesPerMinute: z.int().nonnegative(),
  /** Change of the queue per minute (positive: still growing). */
  queueGrowthPerMinute: z.int(),
  /** What would finish the model, in words (machine size, workers, time). */
  estimate: z.string().min(1),
});
/** A stopped run's figures. */
export type PartialRun = z.infer<typeof PartialRun>;

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
  /** The profile that runs the model (`check --profile`); absent for CI models and the other non-CI ones. */
  profile: z.enum(PROFILES).optional(),
  /** `-simulate` settings; required for, and only for, profile `simulate`. */
  simulate: SimulationSettings.optional(),
  /** Figures of a run stopped before the end (the counts above are then null). */
  partial: PartialRun.optional(),
  /** For a reduced model (symmetry, VIEW): the unreduced model it was checked against. */
  reducedFrom: z.string().min(1).optional(),
}).superRefine((m, ctx) => {
  if (m.profile !== undefined && m.ci) ctx.addIssue({ code: 'custom', path: ['ci'], message: `a ${m.profile}-profile model is never a CI model (set "ci": false)` });
  if ((m.profile === 'simulate') !== (m.simulate !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['simulate'], message: 'profile "simulate" and the simulate settings go together' });
  }
  if (m.profile === 'simulate' && m.expected === 'success') {
    ctx.addIssue({ code: 'custom', path: ['expected'], message: 'a simulate model must expect a violation (simulation cannot show success)' });
  }
});
/** One model entry. */
export type ManifestModel = z.infer<typeof ManifestModel>;

/**
 * Whether src/codegen turns this failing model's counterexample into a
 * conformance trace: not for a model no implementation world runs yet
 * (`replay: false`), nor for a profile model (deep, simulate: bounds far
 * above what the worlds are configured for).
 */
export function replaysOnImplementation(model: ManifestModel): boolean {
  return model.replay !== false && model.profile === undefined;
}

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
  for (const m of parsed.data.models) {
    if (m.reducedFrom !== undefined && !seen.has(m.reducedFrom)) throw new ManifestError(`${path}: model ${m.name} is reducedFrom ${m.reducedFrom}, which is not in the manifest`);
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
