import { z } from 'zod';
import { classifyRun, type TlcOutcome } from './classify.ts';
import { locationSchema, type TlcEvent, type TlcLocation, type ViolationKind } from './events.ts';
import type { TlcState } from './value.ts';
import { MessageCode } from './message-codes.ts';
import { tlcStateSchema } from './value-schema.ts';

/** One state of an error trace. `action` is null for the initial state. */
export interface TlcTraceStep {
  number: number;
  action: string | null;
  location?: TlcLocation;
  /** The parsed state, or null when its text could not be parsed (see `stateText`). */
  state: TlcState | null;
  stateText: string;
}

/** How a liveness counterexample closes: back to an earlier state, or stuttering forever. */
export type TlcLasso = { kind: 'backToState'; toState: number; action: string | null } | { kind: 'stuttering'; atState: number };

/** The result of one TLC run. */
export interface TlcResult {
  outcome: TlcOutcome;
  /** TLC's exit status, or null when it was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  /** The violated property when TLC names it (invariants; a sole temporal PROPERTY). */
  violated: string | null;
  distinctStates: number | null;
  generatedStates: number | null;
  depth: number | null;
  durationMs: number;
  trace: TlcTraceStep[];
  lasso: TlcLasso | null;
  /** Error texts: TLC's error messages, the classifier's notes, captured output of a crash. */
  errors: string[];
  /** e.g. `2.18`. */
  version: string | null;
  /**
   * What the spec printed (`Print`/`PrintT`) and other unframed stdout lines,
   * in order; at most the last {@link KEPT_PRINTED_LINES} (older ones are
   * counted in `printedOmitted`). Absent in results stored by older versions.
   */
  printed?: string[];
  /** How many earlier printed lines were dropped to keep `printed` bounded. */
  printedOmitted?: number;
}

/** zod schema of {@link TlcResult}, for results stored as JSON. */
export const tlcResultSchema = z.object({
  outcome: z.enum(['success', 'safety', 'liveness', 'deadlock', 'assumption', 'assert', 'error']),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  violated: z.string().nullable(),
  distinctStates: z.number().int().nullable(),
  generatedStates: z.number().int().nullable(),
  depth: z.number().int().nullable(),
  durationMs: z.number(),
  trace: z.array(
    z.object({
      number: z.number().int(),
      action: z.string().nullable(),
      location: locationSchema.optional(),
      state: tlcStateSchema.nullable(),
      stateText: z.string(),
    }),
  ),
  lasso: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('backToState'), toState: z.number().int(), action: z.string().nullable() }),
      z.object({ kind: z.literal('stuttering'), atState: z.number().int() }),
    ])
    .nullable(),
  errors: z.array(z.string()),
  version: z.string().nullable(),
  printed: z.array(z.string()).optional(),
  printedOmitted: z.number().int().optional(),
});

/** How the process ended, as the runner saw it. */
export interface RunEnd {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  stoppedBy: string | null;
  simulation: boolean;
  /** Temporal properties named in the config; a single one names a liveness violation. */
  temporalProperties?: readonly string[];
  /** The config names no INIT/NEXT/SPECIFICATION (see `RunFacts.assumptionsOnly`). */
  assumptionsOnly?: boolean;
}

/** How many unframed output lines are kept to explain a crash. */
const KEPT_OUTPUT_LINES = 200;
/** How many lines of the spec's own output (Print/PrintT) a result keeps: the last ones. */
export const KEPT_PRINTED_LINES = 2000;

/**
 * Folds the event stream of one run into a {@link TlcResult}. Feed every
 * event with `add()` as it arrives, then call `finish()` once the process
 * has exited.
 */
export class TlcResultCollector {
  private version: string | null = null;
  private distinct: number | null = null;
  private generated: number | null = null;
  private initialDistinct: number | null = null;
  /** The last progress report's figures (-1 placeholders of simulation excluded). */
  private lastProgress: { distinct: number | null; generated: number | null; depth: number | null } | null = null;
  private depth: number | null = null;
  private readonly printed = new LastLines(KEPT_PRINTED_LINES);
  private outOfMemory = false;
  private readonly violations: ViolationKind[] = [];
  private violated: string | null = null;
  private readonly trace: TlcTraceStep[] = [];
  private lasso: TlcLasso | null = null;
  private readonly errors: string[] = [];
  private readonly output: string[] = [];

  /** Takes one event into account. */
  add(e: TlcEvent): void {
    switch (e.type) {
      case 'version':
        this.version = e.version;
        break;
      case 'initialStates':
        this.initialDistinct = e.distinct;
        break;
      case 'progress':
        this.lastProgress = { distinct: counted(e.distinct), generated: counted(e.generated), depth: counted(e.depth) };
        break;
      case 'finalCounts':
        this.distinct = e.distinct;
        this.generated = e.generated;
        break;
      case 'depth':
        this.depth = e.depth;
        break;
      case 'violation':
        this.violations.push(e.kind);
        this.violated ??= e.property ?? null;
        if (e.kind === 'assert' || e.kind === 'assumption') this.errors.push(e.text);
        if (e.state && this.trace.length === 0) {
          this.trace.push({ number: 1, action: null, state: e.state, stateText: e.text.slice(e.text.indexOf('\n') + 1) });
        }
        break;
      case 'traceState':
        // Keep the first trace only (with -continue TLC prints several).
        if (e.number === 1 && this.trace.length > 0) break;
        if (this.trace.length > 0 && e.number !== this.trace[this.trace.length - 1]!.number + 1) break;
        this.trace.push({
          number: e.number,
          action: e.action ?? null,
          ...(e.location ? { location: e.location } : {}),
          state: e.state ?? null,
          stateText: e.stateText,
        });
        break;
      case 'backToState':
        this.lasso ??= { kind: 'backToState', toState: e.number, action: e.action ?? null };
        break;
      case 'stuttering':
        this.lasso ??= { kind: 'stuttering', atState: e.number };
        break;
      case 'error':
        this.errors.push(e.text);
        if (e.code === MessageCode.OUT_OF_MEMORY || /java\.lang\.OutOfMemoryError/.test(e.text)) this.outOfMemory = true;
        break;
      case 'malformed':
        this.errors.push(`unparsed TLC output (${e.reason}): ${e.text}`);
        break;
      case 'output':
        this.output.push(e.text);
        if (this.output.length > KEPT_OUTPUT_LINES) this.output.shift();
        if (e.source === 'print' && e.stream === 'stdout') this.printed.push(e.text);
        if (e.stream === 'stderr' && /java\.lang\.OutOfMemoryError/.test(e.text)) this.outOfMemory = true;
        break;
      default:
        break;
    }
  }

  /** Builds the result once the process has ended. */
  finish(end: RunEnd): TlcResult {
    // 2199 is missing when TLC stops early (a timeout, an abort, a crash, an
    // initial state violating an invariant): the last progress report is the
    // latest figure, else the initial states (2190).
    const distinctStates = this.distinct ?? this.lastProgress?.distinct ?? this.initialDistinct;
    const generatedStates = this.generated ?? this.lastProgress?.generated ?? null;
    const depth = this.depth ?? this.lastProgress?.depth ?? null;
    const errorCount = this.errors.length - this.violations.filter((k) => k === 'assert' || k === 'assumption').length;
    const { outcome, notes } = classifyRun({
      exitCode: end.exitCode,
      signal: end.signal,
      stoppedBy: end.stoppedBy,
      violations: this.violations,
      errorCount,
      distinctStates,
      generatedStates,
      simulation: end.simulation,
      assumptionsOnly: end.assumptionsOnly ?? false,
      unnamedCounterexample: this.trace.length > 0 && this.violations.length === 0,
    });
    const errors = [...this.errors, ...notes];
    if (this.outOfMemory) errors.push(OUT_OF_MEMORY_ADVICE);
    // A crash (exit 1/255, a signal) explains itself only in unframed output: keep it.
    if (outcome === 'error' && this.errors.length === 0 && end.exitCode !== 0 && this.output.length > 0) {
      errors.push(this.output.join('\n').trim());
    }
    let violated = this.violated;
    if (violated === null && outcome === 'liveness' && end.temporalProperties?.length === 1) {
      violated = end.temporalProperties[0]!;
    }
    return {
      outcome,
      exitCode: end.exitCode,
      signal: end.signal,
      violated: outcome === 'success' || outcome === 'error' ? null : violated,
      distinctStates,
      generatedStates,
      depth,
      durationMs: end.durationMs,
      trace: this.trace,
      lasso: this.lasso,
      errors,
      version: this.version,
      printed: this.printed.lines(),
      printedOmitted: this.printed.omitted,
    };
  }
}

/** What to do when TLC runs out of memory (its own message 1001 says only that a larger heap may help). */
export const OUT_OF_MEMORY_ADVICE =
  'Java ran out of memory: give TLC a larger heap (runner option `heap`, e.g. heap: "4g" for -Xmx4g; ' +
  'check JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS for a small -Xmx), or make the model smaller.';

/** A count from a progress report, or null for simulation's -1 placeholder. */
function counted(n: number): number | null {
  return n < 0 ? null : n;
}

/** Keeps the last `max` lines pushed and counts the ones it dropped. */
class LastLines {
  private readonly ring: string[] = [];
  private head = 0;
  omitted = 0;
  constructor(private readonly max: number) {}

  push(line: string): void {
    if (this.ring.length < this.max) this.ring.push(line);
    else {
      this.ring[this.head] = line;
      this.head = (this.head + 1) % this.max;
      this.omitted++;
    }
  }

  lines(): string[] {
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }
}
