/**
 * Argument handling that several commands share: parsing options with
 * -h/--help and the usage text, and the folders of the results and the
 * HTML report.
 */
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_RESULTS_DIR } from '../report/results.ts';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.ts';
import { PROJECT_ROOT } from './project.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed values of a command whose options are `O` (without --help). */
export type CommandValues<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O }>>['values'];

/** Default folder of the HTML report, relative to the project root. */
export const DEFAULT_REPORT_DIR = 'out/report';

/**
 * Parses `argv` by `options` plus -h/--help. Returns the values, or the exit
 * status when the command is done already: on bad usage the error and `help`
 * went to stderr (EXIT_USAGE), on --help `help` went to stdout (EXIT_OK).
 */
export function parseCommandArgs<O extends Options>(command: string, help: string, argv: string[], options: O): { values: CommandValues<O> } | { exit: number } {
  let values: CommandValues<O> & { help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: typeof values });
  } catch (err) {
    console.error(`mmu-notifier ${command}: ${(err as Error).message}\n\n${help}`);
    return { exit: EXIT_USAGE };
  }
  if (values.help === true) {
    console.log(help);
    return { exit: EXIT_OK };
  }
  return { values };
}

/** The results folder (--results) and the report folder (--out), defaults under the project root. */
export function outputDirs(values: { results?: string | undefined; out?: string | undefined }): { resultsDir: string; outDir: string } {
  return {
    resultsDir: values.results ?? join(PROJECT_ROOT, DEFAULT_RESULTS_DIR),
    outDir: values.out ?? join(PROJECT_ROOT, DEFAULT_REPORT_DIR),
  };
}
