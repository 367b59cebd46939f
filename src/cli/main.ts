import { pathToFileURL } from 'node:url';
import type { Command } from './command.ts';
import { checkCommand } from './commands/check.ts';
import { genCommand } from './commands/gen.ts';
import { replayCommand } from './commands/replay.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { tlcCommand } from './commands/tlc.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT_USAGE } from './exit-codes.ts';
import { describeFault } from './fault-message.ts';
import { exitWhenLauncherGone } from './launcher-watch.ts';

/**
 * The subcommands of `mmu-notifier`. Each lives in src/cli/commands/<name>.ts
 * and exports a {@link Command}; add `check`, `gen`, `replay`, `report`, `run`
 * (and any other) by importing it and adding one line here.
 */
const COMMANDS: readonly Command[] = [checkCommand, tlcCommand, reportCommand, runCommand, genCommand, replayCommand, validateCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: mmu-notifier <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `mmu-notifier <command> --help` for the options of a command.',
  ].join('\n');
}

/** Entry point of the `mmu-notifier` command: dispatches to a subcommand, returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`mmu-notifier: unknown command '${name}'\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    // Whatever a command did not handle itself still gets one line, never a stack trace.
    const fault = describeFault(err);
    console.error(`mmu-notifier ${name}: ${fault.message}`);
    return fault.status;
  }
}

// Run directly (`tsx src/cli/main.ts …`, as the npm scripts do).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exitWhenLauncherGone();
  process.exitCode = await main(process.argv.slice(2));
}
