import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeFailure, replayTrace, type ReplayReport } from '../../codegen/replay.ts';
import { reproduces } from '../../codegen/reproduction.ts';
import { expandTrace, parseTraceFile, type ExpandedTrace, type TraceFile } from '../../codegen/trace-format.ts';
import { VARIANT_NAMES, type VariantName } from '../../protocol/variants.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';

const HELP = `usage: mmu-notifier replay <trace.json> [--trace ID] [--variant NAME] [--json]

Replays the traces of a trace file (written by \`mmu-notifier gen\`, format
mmu-notifier-traces/1) on the implementation: each step must be possible and
leave the whole state equal to the spec's. A counterexample must also show its
violation at the same step.
  --trace ID      only the trace with this id (default: all)
  --variant NAME  run the implementation with this variant and follow only the
                  schedule (no state comparison; e.g. mainline on a bug trace)
  --json          print {file, model, traces, steps, ok, failures:[{trace, step,
                  action, kind, message}]}
exit status: 0 every trace conforms, 1 a divergence, 2 bad usage or trace file`;

interface Outcome {
  readonly trace: ExpandedTrace;
  readonly report: ReplayReport;
  readonly problem: string | null;
}

async function replayOne(trace: ExpandedTrace, variant: VariantName | undefined): Promise<Outcome> {
  if (variant !== undefined) {
    const report = await replayTrace(trace, { variant, compareStates: false, checkViolations: true });
    const v = report.firstViolation;
    const problem = report.failure ? describeFailure(report) : v ? `${v.properties.join(', ')} violated at step ${v.step}` : null;
    return { trace, report, problem };
  }
  const report = await replayTrace(trace);
  if (report.failure) return { trace, report, problem: describeFailure(report) };
  if (trace.expectViolation) {
    const verdict = reproduces(report, trace.expectViolation, trace.steps.length);
    if (!verdict.ok) return { trace, report, problem: `${trace.id}: ${trace.expectViolation.property} not reproduced at step ${trace.expectViolation.atStep}: ${verdict.why}` };
  }
  return { trace, report, problem: null };
}

function load(path: string): TraceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}. Generate trace files with \`mmu-notifier gen\` (they go to out/traces/).`, { cause: err });
  }
  return parseTraceFile(text, path);
}

async function run(argv: string[]): Promise<number> {
  let file: TraceFile;
  let path: string;
  let values: { json?: boolean; trace?: string; variant?: string; help?: boolean };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        trace: { type: 'string' },
        variant: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    values = parsed.values;
    if (values.help) {
      console.log(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) throw new Error('give exactly one trace file');
    if (values.variant !== undefined && !(VARIANT_NAMES as string[]).includes(values.variant)) {
      throw new Error(`unknown variant ${values.variant}; known: ${VARIANT_NAMES.join(', ')}`);
    }
    path = parsed.positionals[0]!;
    file = load(path);
  } catch (err) {
    console.error(`mmu-notifier replay: ${(err as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const entries = values.trace === undefined ? file.traces : file.traces.filter((t) => t.id === values.trace);
  if (entries.length === 0) {
    console.error(`mmu-notifier replay: no trace ${values.trace} in ${path}; ids look like ${file.traces[0]?.id ?? '(file is empty)'}`);
    return EXIT_USAGE;
  }
  const t0 = performance.now();
  const outcomes: Outcome[] = [];
  for (const entry of entries) outcomes.push(await replayOne(expandTrace(file, entry), values.variant as VariantName | undefined));
  const ms = performance.now() - t0;
  const failures = outcomes.filter((o) => o.problem !== null);
  const steps = outcomes.reduce((a, o) => a + o.report.stepsReplayed, 0);
  if (values.json) {
    console.log(
      JSON.stringify({
        file: path,
        model: file.model,
        traces: outcomes.length,
        steps,
        ms: Math.round(ms),
        ok: failures.length === 0,
        failures: failures.map((o) => ({
          trace: o.trace.id,
          step: o.report.failure?.step ?? null,
          action: o.report.failure?.action ?? null,
          kind: o.report.failure?.kind ?? 'not-reproduced',
          message: o.problem,
        })),
      }),
    );
  } else {
    for (const o of failures.slice(0, 10)) console.log(`${o.problem}\n`);
    console.log(`${file.model}: ${outcomes.length} trace(s), ${steps} steps replayed in ${(ms / 1000).toFixed(1)} s, ${failures.length} failing`);
  }
  return failures.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

/** `mmu-notifier replay`: replay a trace file on the implementation. */
export const replayCommand: Command = { name: 'replay', summary: 'replay a conformance trace file on the implementation (--json)', run };
