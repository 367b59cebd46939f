import { join } from 'node:path';
import { DEFAULT_RESULTS_DIR } from '../../report/results.ts';
import { NoResultsError, writeReport } from '../../report/write-report.ts';
import type { Command } from '../command.ts';
import { outputDirs, parseCommandArgs } from '../command-args.ts';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import { PROJECT_ROOT } from '../project.ts';

const HELP = `usage: mmu-notifier report [--out DIR] [--results DIR]

Writes one self-contained HTML page (no network) from the results of the last
\`mmu-notifier run\`: the models (expected vs. actual verdict), every
counterexample as swimlanes (one lane per thread), the conformance coverage.
  --out DIR       where to write index.html (default out/report)
  --results DIR   the results folder to read (default ${DEFAULT_RESULTS_DIR})
Missing or stale results are named on stderr and on the page; with no results
at all the command fails and says to run \`npm start\` first.
exit status: 0 written, 2 bad usage or no results`;

function runReport(argv: string[]): number {
  const parsed = parseCommandArgs('report', HELP, argv, { out: { type: 'string' }, results: { type: 'string' } });
  if ('exit' in parsed) return parsed.exit;
  const { resultsDir, outDir } = outputDirs(parsed.values);
  try {
    const written = writeReport(resultsDir, outDir, join(PROJECT_ROOT, 'spec'));
    for (const p of written.problems) console.error(`mmu-notifier report: ${p.message}`);
    console.log(`report: ${written.path}`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof NoResultsError) {
      console.error(`mmu-notifier report: ${err.message}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

/** `mmu-notifier report`: the HTML report of the last run. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'write the HTML report (models, counterexample swimlanes, coverage)',
  run: (argv) => Promise.resolve(runReport(argv)),
};
