/**
 * One TLC run for the generator, through the runner: collects the print
 * output (the constants line, PrintT) next to the result, and turns a run
 * that did not end as expected into an Error that says what TLC said.
 */
import { runTlc, type TlcResult, type TlcRunOptions } from 'tla2tools-runner';

/** A finished run with its print output lines. */
export interface TlcJob {
  readonly result: TlcResult;
  readonly printed: string[];
}

/** Runs TLC to the end; `accept` lists the outcomes that are not an error for this job. */
export async function runTlcJob(options: TlcRunOptions, accept: readonly TlcResult['outcome'][], what: string): Promise<TlcJob> {
  const handle = runTlc({ workers: 1, ...options });
  const printed: string[] = [];
  for await (const e of handle.events) if (e.type === 'output' && e.source === 'print') printed.push(e.text);
  const result = await handle.result;
  if (!accept.includes(result.outcome)) {
    const why = result.errors.length > 0 ? result.errors.join('\n') : `exit code ${String(result.exitCode)}`;
    throw new Error(`${what}: TLC ended with outcome ${result.outcome} (expected ${accept.join(' or ')}):\n${why}`);
  }
  return { result, printed };
}
