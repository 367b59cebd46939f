import { z } from 'zod';
import { classifyRun, type TlcOutcome } from './classify.ts';
import { locationSchema, type TlcEvent, type TlcLocation, type ViolationKind } from './events.ts';
import type { TlcState } from './value.ts';
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
}

/** How many unframed output lines are kept to explain a crash. */
const KEPT_OUTPUT_LINES = 200;

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
  private lastProgressGenerated: number | null = null;
  private depth: number | null = null;
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
        this.lastProgressGenerated = e.generated;
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
        break;
      case 'malformed':
        this.errors.push(`unparsed TLC output (${e.reason}): ${e.text}`);
        break;
      case 'output':
        this.output.push(e.text);
        if (this.output.length > KEPT_OUTPUT_LINES) this.output.shift();
        break;
      default:
        break;
    }
  }

  /** Builds the result once the process has ended. */
  finish(end: RunEnd): TlcResult {
    // 2199 is missing when TLC stops early (e.g. an initial state violates an invariant): fall back to 2190.
    const distinctStates = this.distinct ?? this.initialDistinct;
    const generatedStates = this.generated ?? this.lastProgressGenerated;
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
    });
    const errors = [...this.errors, ...notes];
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
      depth: this.depth,
      durationMs: end.durationMs,
      trace: this.trace,
      lasso: this.lasso,
      errors,
      version: this.version,
    };
  }
}
