/** A subcommand of `mmu-notifier` (one module per command under src/cli/commands/). */
export interface Command {
  /** The word after `mmu-notifier`. */
  readonly name: string;
  /** One line for the usage text. */
  readonly summary: string;
  /** Runs the command with the arguments after its name; resolves to the exit status. */
  run(argv: string[]): Promise<number>;
}
