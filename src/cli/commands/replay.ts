import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { judgeTraceFile, type ConformanceProblem } from '../../codegen/conformance-judge.ts';
import type { FixedSetting } from '../../codegen/model-ref.ts';
import { describeFailure, replayTrace, type ReplayReport } from '../../codegen/replay.ts';
import { projectModels, projectPaths } from '../../codegen/suite.ts';
import { expandTrace, parseTraceFile, type ExpandedTrace, type TraceFile } from '../../codegen/trace-format.ts';
import { VARIANT_NAMES, type VariantName } from '../../protocol/variants.ts';
import { createProgressView } from '../../report/index.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { PROJECT_ROOT } from '../project.ts';

const HELP = `usage: mmu-notifier replay <trace.json> [--trace ID] [--variant NAME] [--json]

Replays the traces of a trace file (written by \`mmu-notifier gen\`, format
mmu-notifier-traces/1) on the implementation and judges them as \`npm test\`
and \`npm start\` do: each step must be possible and leave the whole state
equal to the spec's; in an export model's file the implementation must offer
exactly the spec's steps in every state; a counterexample must show its
violation at the same step, and the same schedule must be impossible or
harmless with the setting of the model's fixed counterpart in spec/manifest.json.
  --trace ID      only the trace with this id (default: all)
  --variant NAME  run the implementation with this variant and follow only the
                  schedule (no state comparison; e.g. mainline on a bug trace)
  --json          print {file, model, traces, steps, ok, failures:[{trace, step,
                  action, kind, message}]}
Progress goes to stderr: a status line on a terminal, else a line per quarter.
exit status: 0 every trace conforms, 1 a divergence, 2 bad usage or trace file`;

interface Outcome {
  readonly trace: ExpandedTrace;
  readonly report: ReplayReport;
  readonly problem: ConformanceProblem | null;
}

/** --variant: follow only the schedule with another variant and report what it violates (not a conformance judgement). */
async function replayWithVariant(trace: ExpandedTrace, variant: VariantName): Promise<Outcome> {
  const report = await replayTrace(trace, { variant, compareStates: false, checkViolations: true });
  const f = report.failure;
  const v = report.firstViolation;
  if (f) return { trace, report, problem: { kind: f.kind, step: f.step, action: f.action, message: describeFailure(report) } };
  // Reported as before the judge existed: kind not-reproduced, no step (the --json contract).
  return { trace, report, problem: v ? { kind: 'not-reproduced', step: null, action: null, message: `${v.properties.join(', ')} violated at step ${v.step}` } : null };
}

/** The fixed setting of the file's model, when the project's manifest names a fixed counterpart for it. */
function fixedSettingOf(file: TraceFile): FixedSetting | undefined {
  if (!file.traces.some((t) => t.expectViolation !== undefined)) return undefined;
  return projectModels(projectPaths(PROJECT_ROOT), 'counterexample').find((m) => m.name === file.model)?.fixed;
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

/** Replays `entries` (by the judge, or only following the schedule with `variant`), showing progress on stderr. */
async function replayWithProgress(file: TraceFile, entries: readonly TraceFile['traces'][number][], variant: VariantName | undefined): Promise<Outcome[]> {
  // stderr: --json's stdout stays one JSON object.
  const view = createProgressView(process.stderr);
  const outcomes: Outcome[] = [];
  let failed = 0;
  const advanced = (o: Outcome): void => {
    outcomes.push(o);
    if (o.problem !== null) failed++;
    view.replayProgress(outcomes.length, entries.length, failed);
  };
  try {
    view.replayProgress(0, entries.length, 0);
    if (variant !== undefined) {
      for (const entry of entries) advanced(await replayWithVariant(expandTrace(file, entry), variant));
    } else {
      const fixed = fixedSettingOf(file);
      await judgeTraceFile(file, {
        traceIds: entries.map((e) => e.id),
        ...(fixed ? { fixed } : {}),
        onTrace: (v) => advanced({ trace: v.trace, report: v.replay, problem: v.problem ?? null }),
      });
    }
  } finally {
    view.close();
  }
  return outcomes;
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
  if (file.traces.length === 0) {
    console.error(`mmu-notifier replay: ${path} holds no trace: regenerate it with \`mmu-notifier gen --force\``);
    return EXIT_USAGE;
  }
  if (entries.length === 0) {
    console.error(`mmu-notifier replay: no trace ${values.trace} in ${path}; ids look like ${file.traces[0]!.id}`);
    return EXIT_USAGE;
  }
  const t0 = performance.now();
  const variant = values.variant as VariantName | undefined;
  const outcomes = await replayWithProgress(file, entries, variant);
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
          step: o.problem!.step,
          action: o.problem!.action,
          kind: o.problem!.kind,
          message: o.problem!.message,
        })),
      }),
    );
  } else {
    for (const o of failures.slice(0, 10)) console.log(`${o.problem!.message}\n`);
    console.log(`${file.model}: ${outcomes.length} trace(s), ${steps} steps replayed in ${(ms / 1000).toFixed(1)} s, ${failures.length} failing`);
  }
  return failures.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

/** `mmu-notifier replay`: replay a trace file on the implementation. */
export const replayCommand: Command = { name: 'replay', summary: 'replay a conformance trace file on the implementation (--json)', run };
