import { join, resolve } from 'node:path';
import { createProgressView, type ProgressView } from '../../report/progress-view.ts';
import { renderSwimlanesText } from '../../report/swimlanes-text.ts';
import { recordCheckResults, writeResultsFile } from '../../report/results-io.ts';
import { DEFAULT_RESULTS_DIR, RESULT_FILES, type CheckResults, type RunRecord, type Stage, type StageStatus } from '../../report/results.ts';
import { summaryTable } from '../../report/summary-table.ts';
import { writeReport } from '../../report/write-report.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_VIOLATION } from '../exit-codes.ts';
import { PROJECT_ROOT, TLC_RECORD_FILE } from '../project.ts';
import { existsSync, rmSync } from 'node:fs';
import type { GeneratedModel } from '../../codegen/generate.ts';
import { generateAll, replayAll } from '../../report/conformance-stage.ts';
import { runModels, verdictDiffers, type ModelToCheck } from '../../report/run-models.ts';
import { compareWithManifest } from '../check-models.ts';
import { loadManifest, ManifestError, MANIFEST_FILE, modelFiles } from '../../manifest/manifest.ts';
import { DEFAULT_REPORT_DIR, outputDirs, parseCommandArgs } from '../command-args.ts';

const HELP = `usage: mmu-notifier run [--results DIR] [--out DIR] [--manifest FILE] [--no-conformance]   (also: npm start)

The main job: model-checks every CI model of spec/manifest.json and compares
each verdict with its expectation, generates and replays the conformance
traces, writes the results (${DEFAULT_RESULTS_DIR}) and the HTML report
(${DEFAULT_REPORT_DIR}/index.html), then prints a summary table.
A stage whose code is not part of this checkout is reported "not available".
--manifest FILE checks the models of another manifest (paths relative to it).
--no-conformance skips trace generation and replay (reported as skipped).
Progress is live on a terminal; plain lines when stdout is not a TTY or CI is set.
exit status: 0 every verdict as expected and every replay passed; 1 otherwise;
2 bad usage`;

type StageEntry = RunRecord['stages'][number];

/** Results of one run, as the stages fill them in. */
interface RunState {
  resultsDir: string;
  manifest: string | undefined;
  view: ProgressView;
  stages: StageEntry[];
  check: CheckResults | null;
  /** Trace files made by the gen stage (null: not made). */
  generated: GeneratedModel[] | null;
  /** A replay failed (or generation broke): the run fails even when every verdict matched. */
  replayFailed: boolean;
}

async function timed(state: RunState, stage: Stage, body: () => Promise<{ status: StageStatus; detail: string }>): Promise<void> {
  const t0 = performance.now();
  const { status, detail } = await body();
  state.stages.push({ stage, status, detail, durationMs: Math.round(performance.now() - t0) });
  if (status !== 'ok') state.view.line(`${stage}: ${status === 'unavailable' ? 'not available' : status} — ${detail}`);
}

/**
 * The CI models of the manifest, judged by `check`'s rule (verdict, violated
 * property, recorded state counts) but run here so that TLC's progress and
 * the counterexample reach the view and the results.
 */
export function checkList(manifestPath: string): ModelToCheck[] {
  return loadManifest(manifestPath)
    .models.filter((m) => m.ci)
    .map((m) => ({
      name: m.name,
      ...modelFiles(m, manifestPath),
      expected: m.expected,
      expectedViolated: m.violated,
      judge: (r) => ({ ...compareWithManifest(m, r), expectedViolated: m.violated, generatedStates: r.generatedStates }),
    }));
}

/** check: every CI model of the manifest, with live TLC progress; check.json + traces/. */
async function checkStage(state: RunState): Promise<{ status: StageStatus; detail: string }> {
  const manifestPath = state.manifest ?? MANIFEST_FILE;
  if (!existsSync(manifestPath)) return { status: 'unavailable', detail: `${manifestPath} not found` };
  let list: ModelToCheck[];
  try {
    list = checkList(manifestPath);
  } catch (err) {
    if (err instanceof ManifestError) return { status: 'error', detail: err.message };
    throw err;
  }
  state.view.stage('check', `${list.length} CI models of ${manifestPath}`);
  const checked = await runModels(list, state.view, { jarRecordFile: TLC_RECORD_FILE });
  const models = recordCheckResults(state.resultsDir, checked);
  // An unexpected counterexample is the news of the run: draw it right here (the report has it too).
  for (const { verdict, counterexample } of checked) {
    if (verdictDiffers(verdict) && counterexample) state.view.line(`\n${renderSwimlanesText(counterexample, { width: process.stdout.columns ?? 100, title: `${verdict.name}: unexpected counterexample` })}\n`);
  }
  state.check = { format: 'mmu-notifier-results/1', writtenAt: new Date().toISOString(), ok: models.every((m) => m.ok), models };
  const bad = models.filter((m) => !m.ok);
  return bad.length === 0
    ? { status: 'ok', detail: `${models.length} models as expected` }
    : { status: 'failed', detail: `${bad.length} of ${models.length} models mismatched: ${bad.map((m) => m.name).join(', ')}` };
}

/** gen: trace files of every model src/codegen knows (cached by input hash); gen.json. */
async function genStage(state: RunState): Promise<{ status: StageStatus; detail: string }> {
  state.view.stage('gen', 'conformance traces (TLC state graphs, simulations, counterexamples)');
  try {
    const { generated, coverage } = await generateAll(PROJECT_ROOT, state.view);
    state.generated = generated;
    writeResultsFile(state.resultsDir, RESULT_FILES.gen, { models: coverage });
    const traces = coverage.reduce((n, m) => n + m.traces, 0);
    return { status: 'ok', detail: `${traces} traces from ${coverage.length} models` };
  } catch (err) {
    // A generation error is reported and the run goes on to the report; the exit status says failure.
    state.replayFailed = true;
    return { status: 'error', detail: (err as Error).message.split('\n').slice(0, 3).join(' ') };
  }
}

/** replay: every generated trace on the implementation, with a bar; replay.json. */
async function replayStage(state: RunState): Promise<{ status: StageStatus; detail: string }> {
  if (state.generated === null) return { status: 'skipped', detail: 'no generated traces (the gen stage did not finish)' };
  state.view.stage('replay', 'every trace on src/impl, state by state');
  const outcomes = await replayAll(state.generated, state.view);
  const failed = outcomes.filter((o) => !o.ok);
  writeResultsFile(state.resultsDir, RESULT_FILES.replay, { ok: failed.length === 0, traces: outcomes });
  if (failed.length === 0) return { status: 'ok', detail: `${outcomes.length} traces replayed, all conform` };
  state.replayFailed = true;
  for (const f of failed.slice(0, 3)) state.view.line(`replay ${f.trace}: ${f.message ?? 'failed'}`);
  return { status: 'failed', detail: `${failed.length} of ${outcomes.length} traces failed` };
}

/** The closing line: what the exit status means. */
function verdictLine(state: RunState): string {
  if (state.check === null) return 'FAILED: no model was checked (see the check stage above).';
  const bad = state.check.models.filter((m) => !m.ok).length;
  const replay = state.replayFailed ? '; some conformance replays failed' : '';
  return bad === 0 && !state.replayFailed
    ? `OK: all ${state.check.models.length} models behave as expected.`
    : `FAILED: ${bad} of ${state.check.models.length} models mismatched${replay}.`;
}

async function runJob(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('run', HELP, argv, {
    results: { type: 'string' },
    out: { type: 'string' },
    manifest: { type: 'string' },
    'no-conformance': { type: 'boolean' },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const { resultsDir, outDir } = outputDirs(values);
  // Results of an earlier run must not pass for this run's (a stage that is unavailable now leaves no file).
  for (const file of Object.values(RESULT_FILES)) rmSync(join(resultsDir, file), { recursive: true, force: true });
  const startedAt = new Date().toISOString();
  const manifest = values.manifest === undefined ? undefined : resolve(values.manifest);
  const state: RunState = { resultsDir, manifest, view: createProgressView(process.stdout), stages: [], check: null, generated: null, replayFailed: false };
  try {
    await timed(state, 'check', () => checkStage(state));
    if (values['no-conformance']) {
      const skipped = () => Promise.resolve({ status: 'skipped' as const, detail: '--no-conformance' });
      await timed(state, 'gen', skipped);
      await timed(state, 'replay', skipped);
    } else {
      await timed(state, 'gen', () => genStage(state));
      await timed(state, 'replay', () => replayStage(state));
    }
    writeResultsFile(resultsDir, RESULT_FILES.run, { startedAt, stages: state.stages });
    const report = writeReport(resultsDir, outDir, join(PROJECT_ROOT, 'spec'));
    state.stages.push({ stage: 'report', status: 'ok', detail: report.path, durationMs: 0 });
    writeResultsFile(resultsDir, RESULT_FILES.run, { startedAt, stages: state.stages });
  } finally {
    state.view.close();
  }
  console.log(`\n${summaryTable(state.check, state)}\n\n${verdictLine(state)}`);
  const mismatch = state.check === null || !state.check.ok;
  return mismatch || state.replayFailed ? EXIT_VIOLATION : EXIT_OK;
}

/** `mmu-notifier run` (`npm start`): check, generate, replay, report. */
export const runCommand: Command = { name: 'run', summary: 'the main job: check every model, generate + replay traces, write the report', run: runJob };
