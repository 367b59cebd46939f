/**
 * Trace validation, end to end: record N runs of the implementation at a
 * chosen size, let TLC judge them in batches (one JVM per batch), and for
 * the first rejected run find the divergent step and its diff.
 */
import { performance } from 'node:perf_hooks';
import { type ModelConstants } from '../codegen/model-constants.ts';
import { type HolePunchStrategy, type VariantName } from '../protocol/variants.ts';
import { breachOf, type Divergence, divergenceOf } from './divergence.ts';
import { familyOf } from './family.ts';
import { DEFAULT_SHAPE, holePunchConstants, mainlineConstants, type RunShape } from './run-shape.ts';
import { judgeBatch, type RunVerdict, type TlcSetup } from './tlc-judge.ts';
import { recordRun, type Policy, type RecordedRun } from './world-recorder.ts';

/** What to validate. */
export interface ValidateOptions {
  readonly runs: number;
  readonly shape?: Partial<RunShape>;
  readonly seed?: number;
  /** The implementation's variant (the spec is always checked as `specVariant`). */
  readonly variant?: VariantName;
  /** The spec's Variant constant (default mainline: is the implementation a mainline behaviour?). */
  readonly specVariant?: VariantName;
  readonly family?: 'mainline' | 'holepunch';
  readonly strategy?: HolePunchStrategy;
  readonly policy?: Policy;
  /** Step bound per run (default 1500). */
  readonly maxSteps?: number;
  /** Runs per TLC process (default: all in one). */
  readonly batch?: number;
  /** Stop after the first batch with an invalid run (default false). */
  readonly stopAtFirstInvalid?: boolean;
  /** Constants to use instead of drawing them from the shape. */
  readonly constants?: ModelConstants;
  /** Called as the work advances (for a progress line). */
  readonly onProgress?: (what: string) => void;
}

/** One run's outcome. */
export interface RunReport extends RunVerdict {
  readonly seed: number;
  readonly steps: number;
  /** Violations the implementation's own checks saw, a deadlock, or a thread failure. */
  readonly implViolations: string[];
  readonly deadlock: boolean;
  readonly failure: string | null;
}

/** The outcome of `validate` (the CLI's --json is a part of it). */
export interface ValidationReport {
  readonly runs: number;
  readonly steps: number;
  readonly validRuns: number;
  readonly invalidRuns: number;
  /** The first rejected run (lowest index): its divergent step and diff, or the step after which the spec's invariant `violated` breaks. */
  readonly firstDivergence: (Divergence & { run: number }) | null;
  /** TLC wall time, JVM starts included (judging + the divergence probe). */
  readonly tlcMs: number;
  /** Time spent running and recording the implementation. */
  readonly recordMs: number;
  readonly constants: ModelConstants;
  readonly perRun: RunReport[];
}

/** The seed of run j of a validation with seed `seed` (distinct per run, stable per seed). */
export function runSeed(seed: number, j: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + j * 0x85ebca6b) >>> 0;
}

/** The constants of a validation (drawn from the shape and seed unless given). */
export function constantsOf(o: Pick<ValidateOptions, 'shape' | 'seed' | 'specVariant' | 'family' | 'strategy' | 'constants'>): ModelConstants {
  if (o.constants !== undefined) return o.constants;
  const shape = { ...DEFAULT_SHAPE, ...o.shape };
  const seed = o.seed ?? 1;
  return o.family === 'holepunch' ? holePunchConstants(shape, seed, o.strategy, o.specVariant) : mainlineConstants(shape, seed, o.specVariant);
}

/** Records and validates `options.runs` runs. */
export async function validateRuns(setup: TlcSetup, options: ValidateOptions): Promise<ValidationReport> {
  if (!Number.isSafeInteger(options.runs) || options.runs < 1) throw new RangeError(`runs must be a positive integer (got ${String(options.runs)})`);
  const constants = constantsOf(options);
  const family = familyOf(constants);
  const batch = options.batch ?? options.runs;
  const seed = options.seed ?? 1;
  const progress = options.onProgress ?? (() => undefined);
  const perRun: RunReport[] = [];
  const recorded: RecordedRun[] = [];
  let recordMs = 0;
  let tlcMs = 0;
  for (let first = 0; first < options.runs; first += batch) {
    const seeds = Array.from({ length: Math.min(batch, options.runs - first) }, (_, j) => runSeed(seed, first + j));
    const runs: RecordedRun[] = [];
    for (const s of seeds) {
      progress(`recording run ${first + runs.length + 1}/${options.runs}`);
      const t0 = performance.now();
      runs.push(await recordRun(constants, { seed: s, variant: options.variant, maxSteps: options.maxSteps ?? 1500, policy: options.policy }));
      recordMs += performance.now() - t0;
    }
    progress(`TLC judges runs ${first + 1}..${first + runs.length} (${runs.reduce((a, r) => a + r.steps, 0)} steps)`);
    const verdict = await judgeBatch(setup, family, constants, runs.map((r) => r.states));
    tlcMs += verdict.tlcMs;
    runs.forEach((r, j) => {
      const v = verdict.verdicts[j] as RunVerdict;
      perRun.push({ ...v, seed: seeds[j] as number, steps: r.steps, implViolations: r.violations, deadlock: r.deadlock, failure: r.failure });
      recorded.push(r);
    });
    if (options.stopAtFirstInvalid === true && verdict.verdicts.some((v) => !v.valid)) break;
  }
  const bad = perRun.findIndex((r) => !r.valid);
  let firstDivergence: ValidationReport['firstDivergence'] = null;
  if (bad >= 0) {
    const { states } = recorded[bad] as RecordedRun;
    const { matched, violated } = perRun[bad] as RunReport;
    if (violated !== null) firstDivergence = { run: bad + 1, ...breachOf(states, matched, violated) };
    else {
      progress(`finding the divergent step of run ${bad + 1}`);
      const t0 = performance.now();
      firstDivergence = { run: bad + 1, ...(await divergenceOf(setup, family, constants, states, matched)) };
      tlcMs += performance.now() - t0;
    }
  }
  const validRuns = perRun.filter((r) => r.valid).length;
  return {
    runs: perRun.length,
    steps: perRun.reduce((a, r) => a + r.steps, 0),
    validRuns,
    invalidRuns: perRun.length - validRuns,
    firstDivergence,
    tlcMs: Math.round(tlcMs),
    recordMs: Math.round(recordMs),
    constants,
    perRun,
  };
}
