import { parseArgs } from 'node:util';
import {
  runTlc,
  KEPT_PRINTED_LINES,
  stateToPlainJson,
  TlcSetupError,
  type TlcEvent,
  type TlcProgressEvent,
  type TlcResult,
  type TlcRunOptions,
} from 'tla2tools-runner';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_TOOL_ERROR, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { formatProgress, ProgressPrinter } from '../progress-line.ts';
import { TLC_RECORD_FILE } from '../project.ts';
import { formatTrace } from '../tlc-trace-text.ts';
import { distributedBanner, ENGINE_HELP, ENGINE_OPTIONS, engineOptions } from '../tlc-engine-args.ts';
import { terminalSwimlanes } from '../../report/terminal-swimlanes.ts';

const HELP = `usage: mmu-notifier tlc <spec.tla> [--config <cfg>] [--workers N|auto] [--timeout S] [--heap SIZE] [--json]
                        [--fp N] [--fpbits N] [--fpmem F] [--distributed [--local-workers K] [--port P] [--host H]]

Runs TLC once on a spec and reports the verdict. What the spec prints
(Print/PrintT) is shown as it comes. With more than one worker thread a
complete run has the same distinct and generated counts, but the depth and
which counterexample is found may differ; with --distributed only the
distinct count is the same (see src/tla2tools-runner/README.md), and a run
that finds a violation ends in an error saying so (TLCServer 2.18 names none).
--distributed prints the server's port on stderr.
  --config <cfg>   config file (default: <spec>.cfg)
  --timeout S      stop TLC after S seconds (verdict: error)
${ENGINE_HELP}
  --json           print one JSON object: {outcome, exitCode, violated, distinctStates,
                   generatedStates, depth, durationMs, trace: [{action, state}],
                   errors?, printed? (the last ${KEPT_PRINTED_LINES} lines the spec printed), printedOmitted?}
exit status: 0 success; 1 a property was violated; 2 TLC did not start: bad usage
or input, or a setup fault (no java, no or a bad TLC jar); 3 TLC ran but could not
check the model (parse/config/evaluation error, crash, out of memory, timeout)`;

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
    ...(r.printed && r.printed.length > 0 ? { printed: r.printed } : {}),
    ...(r.printedOmitted ? { printedOmitted: r.printedOmitted } : {}),
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

function positiveNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new TlcSetupError(`${what} must be a positive number, got '${text}'.`);
  return n;
}

function parse(argv: string[]): { options: TlcRunOptions; json: boolean } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      timeout: { type: 'string' },
      ...ENGINE_OPTIONS,
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new TlcSetupError('give exactly one spec (.tla file).');
  const timeout = positiveNumber(values.timeout, '--timeout');
  const engine = engineOptions(values);
  return {
    json: values.json === true,
    options: {
      spec: positionals[0]!,
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...engine,
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
  const banner = distributedBanner(handle);
  if (banner) console.error(banner);
  if (!json) {
    const status = process.stderr.isTTY === true && !process.env.CI ? new LiveStatus(process.stderr) : new PlainStatus();
    handle.onEvent = (e) => status.event(e);
    const result = await handle.result;
    status.done();
    console.log(summary(result));
    return exitStatusOf(result);
  }
  const result = await handle.result;
  console.log(JSON.stringify(resultToJson(result)));
  return exitStatusOf(result);
}

/** What the spec printed (Print/PrintT): shown as TLC prints it. */
function isPrinted(e: TlcEvent): e is Extract<TlcEvent, { type: 'output' }> {
  return e.type === 'output' && e.source === 'print' && e.stream === 'stdout';
}

/** Not a terminal: one line per progress report, printed output as it comes. */
class PlainStatus {
  private readonly progress = new ProgressPrinter();
  event(e: TlcEvent): void {
    if (e.type === 'progress') this.progress.show(e);
    if (isPrinted(e)) console.log(e.text);
  }
  done(): void {
    this.progress.done();
  }
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * On a terminal: one status line rewritten every second with the elapsed
 * time and TLC's last progress report (TLC reports about once a minute), so
 * a long run never looks stuck. Printed output goes above it.
 */
class LiveStatus {
  private readonly started = Date.now();
  private last: TlcProgressEvent | undefined;
  private readonly ticker: NodeJS.Timeout;
  constructor(private readonly out: NodeJS.WriteStream) {
    this.ticker = setInterval(() => this.draw(), 1000);
    this.ticker.unref();
    this.draw();
  }
  event(e: TlcEvent): void {
    if (e.type === 'progress') this.last = e;
    if (isPrinted(e)) {
      this.out.write('\r\x1b[2K');
      console.log(e.text);
    }
    if (e.type === 'progress' || isPrinted(e)) this.draw();
  }
  private draw(): void {
    const what = this.last ? formatProgress(this.last) : 'TLC starting';
    const line = `${elapsed(Date.now() - this.started)} ${what}`;
    this.out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (this.out.columns || 80) - 1))}`);
  }
  done(): void {
    clearInterval(this.ticker);
    this.out.write('\r\x1b[2K');
  }
}

/** `mmu-notifier tlc`: run TLC once and report the verdict. */
export const tlcCommand: Command = { name: 'tlc', summary: 'run TLC on one spec and report its verdict (--json for machines)', run };
