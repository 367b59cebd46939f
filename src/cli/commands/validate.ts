import { join } from 'node:path';
import { formatDiff } from '../../codegen/state-diff.ts';
import { HOLE_PUNCH_STRATEGIES, VARIANT_NAMES, type HolePunchStrategy, type VariantName } from '../../protocol/variants.ts';
import { DEFAULT_SHAPE, type RunShape } from '../../validation/run-shape.ts';
import { validateRuns, type ValidationReport } from '../../validation/validate.ts';
import { parseCommandArgs } from '../command-args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_TOOL_ERROR, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { describeFault } from '../fault-message.ts';
import { PROJECT_ROOT, TLC_RECORD_FILE } from '../project.ts';

const D = DEFAULT_SHAPE;
const HELP = `usage: mmu-notifier validate [--runs N] [--subs K] [--pages P] [--invalidators I]
         [--faulters F] [--seed S] [--variant V] [--family mainline|holepunch] [--json]

Trace validation: runs the implementation N times under random schedules at
the given size, records every step, and has TLC decide whether each run is a
behaviour of the spec (spec/MMUNotifier.tla, or spec/HolePunch.tla with
--family holepunch). A rejected run is reported with its first step that is
not a spec step and the fields in which the recorded state differs from the
nearest state the spec offers. Every recorded state is also checked against
the spec's safety invariants (TypeOK, INV-*, SAFE-*): a run the spec can take
into a state that breaks one is invalid, with the invariant named.
  --runs N            runs to record and validate (default 10)
  --subs K            subscriptions (default ${D.subs}); intervals overlap, nest and share starts
  --pages P           pages (default ${D.pages})
  --invalidators I    invalidator threads (default ${D.invalidators})
  --faulters F        faulter threads (default ${D.faulters})
  --invalidations N   invalidations per invalidator (default ${D.invalidations})
  --faults N          faults per faulter (default ${D.faults})
  --max-steps N       step bound per run (default 1500)
  --seed S            seed of the intervals and of every schedule (default 1)
  --variant V         the implementation's variant (the spec stays mainline; default mainline)
  --spec-variant V    the spec's Variant constant (default mainline)
  --family F          mainline (World) or holepunch (HolePunchWorld; --strategy, default inside_callback)
  --batch N           runs per TLC process (default: all runs in one)
  --pct D             PCT scheduling with D priority change points (default: uniform)
  --json              print {runs, steps, validRuns, invalidRuns, firstDivergence:
                      null | {run, step, action, thread, diff, violated}, tlcMs, recordMs}
                      (violated: the spec invariant the state after that step
                      breaks, the step being a spec step; null: not a spec step)
exit status: 0 every run valid, 1 a run is not a behaviour of the spec,
             2 bad usage or setup (no java or TLC jar, a path that cannot be
             written), 3 TLC could not judge (a TLC error)`;

const OPTIONS = {
  runs: { type: 'string' },
  subs: { type: 'string' },
  pages: { type: 'string' },
  invalidators: { type: 'string' },
  faulters: { type: 'string' },
  invalidations: { type: 'string' },
  faults: { type: 'string' },
  'max-steps': { type: 'string' },
  seed: { type: 'string' },
  variant: { type: 'string' },
  'spec-variant': { type: 'string' },
  family: { type: 'string' },
  strategy: { type: 'string' },
  batch: { type: 'string' },
  pct: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function int(name: string, text: string | undefined, fallback: number, min = 0): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`--${name} must be an integer >= ${min} (got ${text})`);
  return n;
}

function variant(name: string, text: string | undefined): VariantName | undefined {
  if (text === undefined) return undefined;
  if (!(VARIANT_NAMES as string[]).includes(text)) throw new RangeError(`--${name}: unknown variant ${text}; known: ${VARIANT_NAMES.join(', ')}`);
  return text as VariantName;
}

/** The documented JSON of `validate --json`. */
export function reportToJson(r: ValidationReport): Record<string, unknown> {
  const d = r.firstDivergence;
  return {
    runs: r.runs,
    steps: r.steps,
    validRuns: r.validRuns,
    invalidRuns: r.invalidRuns,
    firstDivergence: d === null ? null : { run: d.run, step: d.step, action: d.action, thread: d.thread, diff: d.diff, violated: d.violated },
    tlcMs: r.tlcMs,
    recordMs: r.recordMs,
  };
}

function summary(r: ValidationReport): string {
  const lines = [`${r.runs} run(s), ${r.steps} steps: ${r.validRuns} valid, ${r.invalidRuns} not a behaviour of the spec (TLC ${(r.tlcMs / 1000).toFixed(1)} s, recording ${(r.recordMs / 1000).toFixed(1)} s)`];
  const d = r.firstDivergence;
  if (d !== null && d.violated !== null) {
    lines.push(`run ${d.run}: step ${d.step} (${d.action} by ${d.thread}) is a step of the spec, and the state after it violates the spec's invariant ${d.violated}`);
  } else if (d !== null) {
    lines.push(`run ${d.run}: step ${d.step} (${d.action} by ${d.thread}) is not a step of the spec (${d.specOptions} spec option(s) there); recorded state vs nearest spec state:`);
    lines.push(formatDiff(d.diff));
  }
  return lines.join('\n');
}

/** A progress line on a terminal (rewritten in place), nothing otherwise. */
function progressLine(): { show(what: string): void; done(): void } {
  const tty = process.stderr.isTTY === true && !process.env.CI;
  let live = false;
  return {
    show(what) {
      if (!tty) return;
      process.stderr.write(`\r\x1b[2K${what}`);
      live = true;
    },
    done() {
      if (live) process.stderr.write('\r\x1b[2K');
    },
  };
}

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('validate', HELP, argv, OPTIONS);
  if ('exit' in parsed) return parsed.exit;
  const v = parsed.values;
  let options: Parameters<typeof validateRuns>[1];
  try {
    const family = v.family ?? 'mainline';
    if (family !== 'mainline' && family !== 'holepunch') throw new RangeError(`--family must be mainline or holepunch (got ${family})`);
    if (v.strategy !== undefined && !(v.strategy in HOLE_PUNCH_STRATEGIES)) throw new RangeError(`--strategy: unknown strategy ${v.strategy}; known: ${Object.keys(HOLE_PUNCH_STRATEGIES).join(', ')}`);
    const shape: Partial<RunShape> = {
      subs: int('subs', v.subs, D.subs, 1),
      pages: int('pages', v.pages, D.pages, 1),
      invalidators: int('invalidators', v.invalidators, D.invalidators),
      faulters: int('faulters', v.faulters, D.faulters),
      invalidations: int('invalidations', v.invalidations, D.invalidations),
      faults: int('faults', v.faults, D.faults),
    };
    const pct = v.pct === undefined ? undefined : int('pct', v.pct, 3, 1);
    const maxSteps = int('max-steps', v['max-steps'], 1500, 1);
    options = {
      runs: int('runs', v.runs, 10, 1),
      shape,
      seed: int('seed', v.seed, 1),
      variant: variant('variant', v.variant),
      specVariant: variant('spec-variant', v['spec-variant']),
      family,
      strategy: v.strategy as HolePunchStrategy | undefined,
      maxSteps,
      policy: pct === undefined ? undefined : { kind: 'pct', depth: pct, expectedSteps: maxSteps },
      ...(v.batch !== undefined ? { batch: int('batch', v.batch, 1, 1) } : {}),
    };
  } catch (err) {
    console.error(`mmu-notifier validate: ${(err as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const progress = progressLine();
  let report: ValidationReport;
  try {
    report = await validateRuns(
      { specDir: join(PROJECT_ROOT, 'spec'), jarRecordFile: TLC_RECORD_FILE, workRoot: join(PROJECT_ROOT, 'out') },
      { ...options, onProgress: (what) => progress.show(what) },
    );
  } catch (err) {
    progress.done();
    if (err instanceof RangeError) {
      console.error(`mmu-notifier validate: ${err.message}`);
      return EXIT_USAGE;
    }
    // No java or jar, a path that cannot be written: a setup fault (2), as in every command.
    const fault = describeFault(err);
    if (fault.status === EXIT_USAGE) {
      console.error(`mmu-notifier validate: ${fault.message}`);
      return EXIT_USAGE;
    }
    console.error(`mmu-notifier validate: ${(err as Error).message.split('\n')[0]} (\`mmu-notifier tlc\` shows TLC errors in full)`);
    return EXIT_TOOL_ERROR;
  }
  progress.done();
  console.log(v.json === true ? JSON.stringify(reportToJson(report)) : summary(report));
  return report.invalidRuns === 0 ? EXIT_OK : EXIT_VIOLATION;
}

/** `mmu-notifier validate`: TLC judges recorded implementation runs (trace validation). */
export const validateCommand: Command = { name: 'validate', summary: 'record implementation runs and let TLC judge each (--json)', run };
