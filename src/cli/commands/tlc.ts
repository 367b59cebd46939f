import { parseArgs } from 'node:util';
import {
  runTlc,
  stateToPlainJson,
  TlcSetupError,
  type TlcResult,
  type TlcRunOptions,
} from '../../tla2tools-runner/index.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_TOOL_ERROR, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { ProgressPrinter } from '../progress-line.ts';
import { TLC_RECORD_FILE } from '../project.ts';
import { formatTrace } from '../tlc-trace-text.ts';
import { terminalSwimlanes } from '../../report/terminal-swimlanes.ts';

const HELP = `usage: mmu-notifier tlc <spec.tla> [--config <cfg>] [--workers N] [--timeout S] [--json]

Runs TLC once on a spec and reports the verdict.
  --config <cfg>   config file (default: <spec>.cfg)
  --workers N      TLC worker threads (default 1)
  --timeout S      stop TLC after S seconds (verdict: error)
  --json           print one JSON object: {outcome, exitCode, violated, distinctStates,
                   generatedStates, depth, durationMs, trace: [{action, state}]}
exit status: 0 success, 1 property violated, 2 bad usage/input, 3 TLC error`;

/** The JSON printed by `tlc --json` (the contract in docs/architecture.md §3). */
export function resultToJson(r: TlcResult): Record<string, unknown> {
  return {
    outcome: r.outcome,
    exitCode: r.exitCode,
    violated: r.violated,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    durationMs: Math.round(r.durationMs),
    trace: r.trace.map((s) => ({ action: s.action, state: s.state ? stateToPlainJson(s.state) : null })),
    ...(r.lasso ? { lasso: r.lasso } : {}),
    ...(r.errors.length > 0 ? { errors: r.errors } : {}),
  };
}

/** Exit status of the command for a run's outcome. */
export function exitStatusOf(r: TlcResult): number {
  if (r.outcome === 'success') return EXIT_OK;
  if (r.outcome === 'error') return EXIT_TOOL_ERROR;
  return EXIT_VIOLATION;
}

function summary(r: TlcResult): string {
  const lines = [
    `TLC ${r.version ?? '?'}: ${r.outcome}${r.violated ? ` (${r.violated})` : ''} after ${(r.durationMs / 1000).toFixed(1)} s`,
    `  ${r.distinctStates ?? '?'} distinct states, ${r.generatedStates ?? '?'} generated, depth ${r.depth ?? '?'}`,
  ];
  if (r.trace.length > 0) lines.push('', 'Counterexample:', terminalSwimlanes(r) ?? formatTrace(r.trace));
  if (r.lasso?.kind === 'backToState') lines.push(`   then back to state ${r.lasso.toState} (${r.lasso.action ?? '?'})`);
  if (r.lasso?.kind === 'stuttering') lines.push(`   then stuttering forever at state ${r.lasso.atState}`);
  if (r.errors.length > 0) lines.push('', ...r.errors);
  return lines.join('\n');
}

function positiveInt(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new TlcSetupError(`${what} must be a positive number, got '${text}'.`);
  return n;
}

function parse(argv: string[]): { options: TlcRunOptions; json: boolean } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      workers: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new TlcSetupError('give exactly one spec (.tla file).');
  const timeout = positiveInt(values.timeout, '--timeout');
  const workers = positiveInt(values.workers, '--workers');
  return {
    json: values.json === true,
    options: {
      spec: positionals[0]!,
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...(workers !== undefined ? { workers: Math.floor(workers) } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
      jarRecordFile: TLC_RECORD_FILE,
    },
  };
}

async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let handle: ReturnType<typeof runTlc>;
  try {
    parsed = parse(argv);
    if (parsed === 'help') {
      console.log(HELP);
      return EXIT_OK;
    }
    handle = runTlc(parsed.options);
  } catch (err) {
    if (err instanceof TlcSetupError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`mmu-notifier tlc: ${(err as Error).message}\n\n${HELP}`);
      return EXIT_USAGE;
    }
    throw err;
  }
  const { json } = parsed;
  if (!json) {
    const progress = new ProgressPrinter();
    handle.onEvent = (e) => {
      if (e.type === 'progress') progress.show(e);
      if (e.type === 'finished') progress.done();
    };
    const result = await handle.result;
    progress.done();
    console.log(summary(result));
    return exitStatusOf(result);
  }
  const result = await handle.result;
  console.log(JSON.stringify(resultToJson(result)));
  return exitStatusOf(result);
}

/** `mmu-notifier tlc`: run TLC once and report the verdict. */
export const tlcCommand: Command = { name: 'tlc', summary: 'run TLC on one spec and report its verdict (--json for machines)', run };
