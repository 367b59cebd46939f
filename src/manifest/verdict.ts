/**
 * The one verdict rule of the project: what TLC said about a model against
 * what the manifest expects of it. `mmu-notifier check`, the check stage of
 * `mmu-notifier run` and the tests all judge with `judgeTlcResult`, and every
 * verdict is spelled as in the manifest ("safety failure", not "safety").
 */
import type { TlcOutcome } from 'tla2tools-runner';
import type { ExpectedResult, ManifestModel } from './manifest.ts';

/** A verdict in the manifest's spelling; TLC outcomes the manifest never expects keep TLC's name ("error", "assert", …). */
export type Verdict = ExpectedResult | 'error' | 'assumption failure' | 'assert failure';

/** The manifest's spelling of a TLC outcome ("safety" → "safety failure"). */
export function verdictOfOutcome(outcome: TlcOutcome): Verdict {
  return outcome === 'success' || outcome === 'error' ? outcome : `${outcome} failure`;
}

/**
 * Any spelling of a verdict in the manifest's: a results file written before
 * the spellings were unified may still say "safety".
 */
export function inManifestSpelling(verdict: string): string {
  const v = verdict.trim().toLowerCase();
  return v === 'success' || v === 'error' || v.endsWith(' failure') ? v : `${v} failure`;
}

/** What a model must show: its expected verdict, the violated property, and the recorded state counts. */
export interface Expectation {
  readonly expected: string;
  /** The property TLC must name as violated (null: any, or none). */
  readonly violated: string | null;
  /** Recorded counts (null or absent: not compared). */
  readonly distinctStates?: number | null;
  readonly totalStates?: number | null;
  /** False when TLC's counts depend on the machine's speed (see `countsAreReproducible`). */
  readonly countsReproducible?: boolean;
}

/** The figures of a TLC run the rule looks at. */
export interface TlcFigures {
  readonly outcome: TlcOutcome;
  readonly violated: string | null;
  readonly distinctStates: number | null;
  readonly generatedStates: number | null;
}

/** The judgement: TLC's verdict in the manifest's spelling and every difference from the expectation. */
export interface Judgement {
  readonly actual: Verdict;
  /** Empty when ok. */
  readonly mismatches: string[];
  readonly ok: boolean;
}

/**
 * Whether TLC's state counts for this model are the same on every run.
 * Not for a failing temporal property: TLC 2.18 also checks liveness on the
 * partial graph at each progress report, so when it finds the violation (and
 * how many states it has by then) depends on the machine's speed. Nor for a
 * simulation model: its counts are those of random behaviours until the
 * violation.
 */
export function countsAreReproducible(model: Pick<ManifestModel, 'kind' | 'expected'>): boolean {
  return !(model.kind === 'liveness' && model.expected === 'liveness failure') && model.kind !== 'simulation';
}

/** The expectation of a manifest entry. */
export function expectationOf(model: ManifestModel): Expectation {
  return { expected: model.expected, violated: model.violated, distinctStates: model.distinctStates, totalStates: model.totalStates, countsReproducible: countsAreReproducible(model) };
}

/** The rule: same verdict, same violated property (when named), same recorded counts (when reproducible), and some state explored. */
export function judgeTlcResult(expect: Expectation, result: TlcFigures): Judgement {
  const actual = verdictOfOutcome(result.outcome);
  const expected = inManifestSpelling(expect.expected);
  const counts = expect.countsReproducible ?? true;
  const mismatches: string[] = [];
  if (actual !== expected) mismatches.push(`verdict ${actual}, expected ${expected}`);
  if (expect.violated !== null && result.violated !== expect.violated) {
    mismatches.push(`violated ${result.violated ?? 'nothing'}, expected ${expect.violated}`);
  }
  if (counts && expect.distinctStates != null && result.distinctStates !== expect.distinctStates) {
    mismatches.push(`${result.distinctStates ?? '?'} distinct states, recorded ${expect.distinctStates}`);
  }
  if (counts && expect.totalStates != null && result.generatedStates !== expect.totalStates) {
    mismatches.push(`${result.generatedStates ?? '?'} states generated, recorded ${expect.totalStates}`);
  }
  if (result.distinctStates === 0) mismatches.push('TLC explored no state (empty Init?)');
  return { actual, mismatches, ok: mismatches.length === 0 };
}

/**
 * Whether TLC's verdict itself differs from the expectation (verdict or
 * violated property), as opposed to other mismatches such as state counts.
 */
export function verdictDiffers<V extends { expected: string; actual: string; violated: string | null; expectedViolated?: string | null | undefined }>(v: V): boolean {
  const expectedViolated = v.expectedViolated ?? null;
  return inManifestSpelling(v.actual) !== inManifestSpelling(v.expected) || (expectedViolated !== null && v.violated !== expectedViolated);
}
