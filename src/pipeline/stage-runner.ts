/**
 * The stage runner of the pipeline: runs one stage, times it, records how it
 * ended, and says so on the view when it did not end ok.
 */
import type { ProgressView } from '../report/progress-view.ts';
import type { RunRecord, Stage, StageStatus } from '../report/results.ts';

/** How a stage ended, in one line. `unavailable`: its code or input is not part of this checkout; never faked. */
export interface StageOutcome {
  readonly status: StageStatus;
  readonly detail: string;
}

/** One stage's record in run.json. */
export type StageRecord = RunRecord['stages'][number];

/** Runs `body` as stage `stage`, appends its record to `stages`, and returns what the body returned. */
export async function runStage<T extends { outcome: StageOutcome }>(stages: StageRecord[], view: ProgressView, stage: Stage, body: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const done = await body();
  const { status, detail } = done.outcome;
  stages.push({ stage, status, detail, durationMs: Math.round(performance.now() - t0) });
  if (status !== 'ok') view.line(`${stage}: ${status === 'unavailable' ? 'not available' : status} — ${detail}`);
  return done;
}

/** A stage that did not run, and why. */
export function skippedStage(detail: string): Promise<{ outcome: StageOutcome }> {
  return Promise.resolve({ outcome: { status: 'skipped', detail } });
}
