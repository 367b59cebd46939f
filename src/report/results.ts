/**
 * The results files: what `mmu-notifier run` (and the commands it runs)
 * leave in `out/results/` for `mmu-notifier report` to read.
 *
 * ```
 * out/results/run.json            RunRecord     stages of the last run and how each ended
 * out/results/check.json          CheckResults  the `check --json` object + writtenAt (+ depth, trace per model)
 * out/results/gen.json            GenResults    the `gen --json` object + writtenAt
 * out/results/replay.json         ReplayResults one entry per replayed conformance trace
 * out/results/traces/<model>.json Counterexample (counterexample.ts) of each violated model
 * ```
 *
 * Every file carries `format: "mmu-notifier-results/1"` and `writtenAt`
 * (ISO time). Objects are open (extra fields are kept and ignored), so the
 * commands that produce them can add fields without breaking the report.
 */
import { z } from 'zod';

/** The format tag of every results file. */
export const RESULTS_FORMAT = 'mmu-notifier-results/1';

/** Default folder of the results, relative to the project root. */
export const DEFAULT_RESULTS_DIR = 'out/results';

const header = {
  format: z.literal(RESULTS_FORMAT),
  writtenAt: z.iso.datetime(),
};

/** One model of `check`: expected vs. actual verdict (the `check --json` entry). */
export const ModelVerdict = z.looseObject({
  name: z.string().min(1),
  /** Expected result from spec/manifest.json (e.g. "success", "safety"). */
  expected: z.string(),
  /** What TLC reported (an outcome of the runner). */
  actual: z.string(),
  violated: z.string().nullable(),
  distinctStates: z.number().int().nullable(),
  durationMs: z.number(),
  /** actual (and violated property) match the expectation. */
  ok: z.boolean(),
  /** Expected violated property, when the manifest names one. */
  expectedViolated: z.string().nullable().optional(),
  depth: z.number().int().nullable().optional(),
  generatedStates: z.number().int().nullable().optional(),
  /** Every difference from the manifest (verdict, property, recorded state counts). */
  mismatches: z.array(z.string()).optional(),
  /** Path of the counterexample file, relative to the results folder. */
  trace: z.string().optional(),
  errors: z.array(z.string()).optional(),
  /** Set when the model was not run: a file of its manifest entry is missing (the line says which). */
  inputFault: z.string().optional(),
});
export type ModelVerdict = z.infer<typeof ModelVerdict>;

/** out/results/check.json */
export const CheckResults = z.looseObject({ ...header, ok: z.boolean(), models: z.array(ModelVerdict) });
export type CheckResults = z.infer<typeof CheckResults>;

/** Conformance coverage of one export model (the `gen --json` entry). */
export const ModelCoverage = z.looseObject({
  name: z.string().min(1),
  /** Graph figures; null for models without a state graph (simulation, counterexample traces). */
  states: z.number().int().nullable(),
  statesCovered: z.number().int().nullable(),
  edges: z.number().int().nullable(),
  edgesCovered: z.number().int().nullable(),
  traces: z.number().int(),
  /** How the traces were made: export (edge cover), simulation, counterexample. */
  kind: z.string().optional(),
});
export type ModelCoverage = z.infer<typeof ModelCoverage>;

/** out/results/gen.json */
export const GenResults = z.looseObject({ ...header, models: z.array(ModelCoverage) });
export type GenResults = z.infer<typeof GenResults>;

/** One replayed trace. */
export const ReplayOutcome = z.looseObject({
  /** Trace id (the file's base name). */
  trace: z.string(),
  model: z.string(),
  ok: z.boolean(),
  steps: z.number().int().optional(),
  /** On failure: what diverged, at which step. */
  message: z.string().optional(),
});
export type ReplayOutcome = z.infer<typeof ReplayOutcome>;

/** out/results/replay.json */
export const ReplayResults = z.looseObject({ ...header, ok: z.boolean(), traces: z.array(ReplayOutcome) });
export type ReplayResults = z.infer<typeof ReplayResults>;

/** The stages of `mmu-notifier run`. */
export const STAGES = ['check', 'gen', 'replay', 'report'] as const;
export type Stage = (typeof STAGES)[number];

/** How a stage ended: `unavailable` = its code is not part of this checkout; never faked. */
export const StageStatus = z.enum(['ok', 'failed', 'error', 'unavailable', 'skipped']);
export type StageStatus = z.infer<typeof StageStatus>;

/** out/results/run.json */
export const RunRecord = z.looseObject({
  ...header,
  startedAt: z.iso.datetime(),
  stages: z.array(z.object({ stage: z.enum(STAGES), status: StageStatus, detail: z.string(), durationMs: z.number() })),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** File names inside the results folder. */
export const RESULT_FILES = {
  run: 'run.json',
  check: 'check.json',
  gen: 'gen.json',
  replay: 'replay.json',
  traces: 'traces',
} as const;

/** The results file name of a model's counterexample (model names may contain any character). */
export function traceFileName(model: string): string {
  return `${RESULT_FILES.traces}/${model.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
}
