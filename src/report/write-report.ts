/** Load the results folder and write the report page; shared by `report` and `run`. */
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { join, resolve } from 'node:path';
import { renderReportHtml } from './html/page.ts';
import { loadResults, RUN_COMMAND, type LoadedResults, type ResultsProblem } from './results-io.ts';

/** Name of the page inside the output folder. */
export const REPORT_FILE = 'index.html';

/** Thrown when there is nothing to report at all. */
export class NoResultsError extends Error {}

/** What was written. */
export interface WrittenReport {
  path: string;
  results: LoadedResults;
  problems: ResultsProblem[];
}

/**
 * Write `<outDir>/index.html` from `resultsDir`. Renders whatever exists;
 * throws NoResultsError (naming the command to run) only when there are no
 * results at all.
 */
export function writeReport(resultsDir: string, outDir: string, specDir?: string): WrittenReport {
  const results = loadResults(resultsDir, specDir);
  if (results.check === null && results.gen === null && results.replay === null && results.run === null) {
    const invalid = results.problems.filter((p) => p.kind === 'invalid');
    throw new NoResultsError(
      invalid.length > 0
        ? `the results in ${resultsDir} are unreadable:\n  ${invalid.map((p) => p.message).join('\n  ')}`
        : `no results in ${resultsDir}: run ${RUN_COMMAND} first (it checks every model, generates and replays the conformance traces, and writes the report).`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  const path = resolve(join(outDir, REPORT_FILE));
  writeFileAtomic(path, renderReportHtml(results));
  return { path, results, problems: results.problems };
}
