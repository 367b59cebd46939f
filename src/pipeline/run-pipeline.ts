/**
 * The main job as a function: check every CI model, generate the
 * conformance traces, judge every trace on the implementation, write the
 * results folder (src/report/results.ts) and, through `writeReport`, the
 * report. `mmu-notifier run` (`npm start`) calls it and prints the summary;
 * a program can call it too and read the typed result.
 */
import { withStagedDir } from '../files/staged-dir.ts';
import type { Counterexample } from '../report/counterexample.ts';
import type { ProgressView } from '../report/progress-view.ts';
import { writeResultsFile } from '../report/results-io.ts';
import { RESULT_FILES, type CheckResults, type ModelCoverage, type ReplayOutcome } from '../report/results.ts';
import { checkStage } from './check-stage.ts';
import { genStage, replayStage } from './conformance-stage.ts';
import { runStage, skippedStage, type StageRecord } from './stage-runner.ts';

/** What to run and where. */
export interface PipelineOptions {
  /** The project checkout (its spec/, out/traces/ cache, .tlc/). */
  readonly projectRoot: string;
  /** The manifest whose CI models are checked. */
  readonly manifestPath: string;
  /** Where the results files go (replaced as a whole when the run ends; untouched if it fails). */
  readonly resultsDir: string;
  /** The TLC install record (`.tlc/tlc.json`). */
  readonly jarRecordFile: string;
  /** False: skip trace generation and replay (recorded as skipped). */
  readonly conformance?: boolean;
  /** Live progress. */
  readonly view: ProgressView;
  /** Called after the check stage with each model whose verdict itself was unexpected (e.g. to draw it). */
  readonly onUnexpected?: (model: string, counterexample: Counterexample) => void;
  /** Renders the report from the results folder; returns the page's path (the report stage). */
  readonly writeReport?: (resultsDir: string) => string;
}

/** What a run produced (the same data as the results files). */
export interface PipelineResult {
  readonly startedAt: string;
  readonly stages: StageRecord[];
  /** check.json; null when no model was checked. */
  readonly check: CheckResults | null;
  /** gen.json's models; null when gen did not run or broke. */
  readonly coverage: ModelCoverage[] | null;
  /** replay.json's traces; null when replay did not run. */
  readonly replay: ReplayOutcome[] | null;
  /** Conformance failed: a trace did not conform, or generation broke. */
  readonly conformanceFailed: boolean;
  /** Every verdict as expected and every trace conforms. */
  readonly ok: boolean;
}

/** Runs check, gen, replay (and report, when `writeReport` is given), writing run.json after the stages. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  // The stages write into a fresh staging folder that replaces the results folder only at the end:
  // an earlier run's files never pass for this run's, and an interrupted or concurrent run deletes none of them.
  return withStagedDir(options.resultsDir, (staging) => runStages(options, staging));
}

async function runStages(options: PipelineOptions, resultsDir: string): Promise<PipelineResult> {
  const { view } = options;
  const startedAt = new Date().toISOString();
  const stages: StageRecord[] = [];
  const tlc = { jarRecordFile: options.jarRecordFile };

  const checked = await runStage(stages, view, 'check', () => checkStage(options.manifestPath, resultsDir, view, tlc));
  for (const { verdict, counterexample } of checked.unexpected) options.onUnexpected?.(verdict.name, counterexample!);

  let coverage: ModelCoverage[] | null = null;
  let replay: ReplayOutcome[] | null = null;
  let conformanceFailed = false;
  if (options.conformance === false) {
    await runStage(stages, view, 'gen', () => skippedStage('--no-conformance'));
    await runStage(stages, view, 'replay', () => skippedStage('--no-conformance'));
  } else {
    const gen = await runStage(stages, view, 'gen', () => genStage(options.projectRoot, view));
    if (gen.generated !== null) {
      coverage = gen.coverage;
      writeResultsFile(resultsDir, RESULT_FILES.gen, { models: coverage });
    } else conformanceFailed = true; // a generation error is reported and the run goes on to the report; the result says failure
    const replayed = await runStage(stages, view, 'replay', () => replayStage(gen.generated, view));
    if (replayed.traces !== null) {
      replay = replayed.traces;
      const ok = replay.every((t) => t.ok);
      writeResultsFile(resultsDir, RESULT_FILES.replay, { ok, traces: replay });
      if (!ok) conformanceFailed = true;
    }
  }
  writeResultsFile(resultsDir, RESULT_FILES.run, { startedAt, stages });
  const writeReport = options.writeReport;
  if (writeReport) {
    const path = writeReport(resultsDir);
    stages.push({ stage: 'report', status: 'ok', detail: path, durationMs: 0 });
    writeResultsFile(resultsDir, RESULT_FILES.run, { startedAt, stages });
  }
  const check = checked.check;
  return { startedAt, stages, check, coverage, replay, conformanceFailed, ok: check !== null && check.ok && !conformanceFailed };
}
