import { join, resolve } from 'node:path';
import { runPipeline, type PipelineResult } from '../../pipeline/run-pipeline.ts';
import { MANIFEST_FILE } from '../../manifest/manifest.ts';
import { createProgressView, DEFAULT_RESULTS_DIR, renderSwimlanesText, summaryTable, writeReport, DEFAULT_TABLE_WIDTH } from '../../report/index.ts';
import type { Command } from '../command.ts';
import { DEFAULT_REPORT_DIR, outputDirs, parseCommandArgs } from '../command-args.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { PROJECT_ROOT, TLC_RECORD_FILE } from '../project.ts';

const HELP = `usage: mmu-notifier run [--results DIR] [--out DIR] [--manifest FILE] [--no-conformance]   (also: npm start)

The main job: model-checks every CI model of spec/manifest.json and compares
each verdict with its expectation, generates and replays the conformance
traces, writes the results (${DEFAULT_RESULTS_DIR}) and the HTML report
(${DEFAULT_REPORT_DIR}/index.html), then prints a summary table.
A stage whose code is not part of this checkout is reported "not available".
--manifest FILE checks the models of another manifest (paths relative to it).
--no-conformance skips trace generation and replay (reported as skipped).
Progress is live on a terminal; plain lines when stdout is not a TTY or CI is set.
A model whose module or cfg file is missing is reported (one line naming it
and the path) and not run; the other models are still checked and written.
exit status: 0 every verdict as expected and every replay passed; 1 otherwise;
2 bad usage, or a model's file missing`;

/** The closing line: what the exit status means. */
export function closingLine(result: PipelineResult): string {
  if (result.check === null) return 'FAILED: no model was checked (see the check stage above).';
  const bad = result.check.models.filter((m) => !m.ok).length;
  const notRun = notRunModels(result).length;
  const missing = notRun === 0 ? '' : `; ${notRun} not run (a file of the manifest entry is missing, see above)`;
  // Generation that broke leaves no coverage; replays that ran and failed leave their outcomes.
  const replay = !result.conformanceFailed ? '' : result.coverage === null ? '; trace generation failed (see the gen stage above)' : '; some conformance replays failed';
  return result.ok ? `OK: all ${result.check.models.length} models behave as expected.` : `FAILED: ${bad} of ${result.check.models.length} models mismatched${missing}${replay}.`;
}

/** Models the check stage could not run because a file of theirs is missing. */
function notRunModels(result: PipelineResult): string[] {
  return (result.check?.models ?? []).flatMap((m) => (m.inputFault === undefined ? [] : [m.name]));
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
  const view = createProgressView(process.stdout);
  let result: PipelineResult;
  try {
    result = await runPipeline({
      projectRoot: PROJECT_ROOT,
      manifestPath: values.manifest === undefined ? MANIFEST_FILE : resolve(values.manifest),
      resultsDir,
      jarRecordFile: TLC_RECORD_FILE,
      conformance: values['no-conformance'] !== true,
      view,
      // An unexpected counterexample is the news of the run: draw it right here (the report has it too).
      onUnexpected: (name, cx) => view.line(`\n${renderSwimlanesText(cx, { width: process.stdout.columns ?? 100, title: `${name}: unexpected counterexample` })}\n`),
      writeReport: (dir) => writeReport(dir, outDir, join(PROJECT_ROOT, 'spec')).path,
    });
  } finally {
    view.close();
  }
  // Fitted to the terminal (100 columns when stdout is not one).
  console.log(`\n${summaryTable(result.check, result, process.stdout.columns ?? DEFAULT_TABLE_WIDTH)}\n\n${closingLine(result)}`);
  // A missing model file is bad input, as in `check`.
  return notRunModels(result).length > 0 ? EXIT_USAGE : result.ok ? EXIT_OK : EXIT_VIOLATION;
}

/** `mmu-notifier run` (`npm start`): check, generate, replay, report (src/pipeline). */
export const runCommand: Command = { name: 'run', summary: 'the main job: check every model, generate + replay traces, write the report', run: runJob };
