/**
 * The conformance trace file format, `mmu-notifier-traces/1`.
 *
 * One file holds traces (behaviours) of one spec model. A trace is an initial
 * state and, per step, the action taken (name, thread, arguments) and the
 * whole state after it. Traces of one model share most states, so the file
 * stores every distinct state and every distinct action once, in tables, and
 * a trace is a list of indices into them: the edge-cover traces of a model of
 * 24,000 states take 13,000 traces and 177,000 steps, which as self-contained
 * JSON would be ~100 MB instead of ~20.
 *
 * States are stored in the protocol's JSON shape (src/protocol/state.ts), the
 * shape the implementation's `snapshot()` returns, so a replay compares with
 * plain deep equality and needs no value codec.
 *
 * Why not ITF (Apalache ADR-015)? ITF encodes TLA+ values generically
 * (`#set`, `#map`, `#tup`); a replay would have to convert every state a
 * second time before comparing, and ITF has no place for a shared state
 * table. The conversion from TLC's values to the protocol shape happens once,
 * at generation time, against one zod schema. The file borrows ITF's habits:
 * free-form `meta`, states in order, the constants ("params") alongside.
 */
import { z } from 'zod';
import { LastAction, ProtocolState } from '../protocol/state.ts';
import { HolePunchState } from '../protocol/hole-punch-state.ts';
import { HlistState } from '../protocol/hlist-state.ts';
import { ExitState } from '../protocol/exit-state.ts';
import { OwnerSkipState } from '../protocol/owner-skip-state.ts';
import { TraceState } from './protocol-state.ts';
import { isExit, isHlist, isHolePunch, isOwnerSkip, ModelConstants } from './model-constants.ts';

/** Format tag written into every trace file. */
export const TRACE_FORMAT = 'mmu-notifier-traces/1';

/** Where a trace came from. */
export const TRACE_SOURCES = ['edge-cover', 'simulation', 'counterexample'] as const;
export type TraceSource = (typeof TRACE_SOURCES)[number];

/** What replaying a counterexample must show: `property` is first violated in the state after step `atStep` (0 = the initial state). */
export const ExpectedViolation = z.strictObject({
  property: z.string().min(1),
  /** `invariant`: a state predicate; `deadlock`: no thread can move; `action`: a property of the last step; `liveness`: a lasso. */
  kind: z.enum(['invariant', 'deadlock', 'action', 'liveness']),
  atStep: z.int().min(0),
});
export type ExpectedViolation = z.infer<typeof ExpectedViolation>;

/** One trace: indices into the file's tables. `actions.length === states.length - 1`. */
export const TraceEntry = z.strictObject({
  /** Unique within the file. */
  id: z.string().min(1),
  source: z.enum(TRACE_SOURCES),
  /** Indices into `states`: the initial state, then the state after each step. */
  states: z.array(z.int().min(0)).min(1),
  /** Indices into `actions`, one per step. */
  actions: z.array(z.int().min(0)),
  /** Set for counterexamples: the violation the replay must reproduce. */
  expectViolation: ExpectedViolation.optional(),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

/** A whole trace file. */
export const TraceFile = z
  .strictObject({
    format: z.literal(TRACE_FORMAT),
    /** The spec model the traces come from (an MC*.cfg name). */
    model: z.string().min(1),
    /** The model's constants, the variant among them: the replay builds the same world. */
    constants: ModelConstants,
    /** Free-form provenance (spec hash, TLC jar sha256, seeds, figures). */
    meta: z.record(z.string(), z.unknown()),
    /** Mainline files: src/protocol/state.ts states; hole-punch files: src/protocol/hole-punch-state.ts (checked below). */
    states: z.array(TraceState),
    actions: z.array(LastAction),
    traces: z.array(TraceEntry),
  })
  .superRefine((file, ctx) => {
    const c = file.constants;
    const schema = isHolePunch(c) ? HolePunchState : isHlist(c) ? HlistState : isExit(c) ? ExitState : isOwnerSkip(c) ? OwnerSkipState : ProtocolState;
    file.states.forEach((s, i) => {
      const r = schema.safeParse(s);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['states', i], message: `not a state of the model's family: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}` });
    });
    file.traces.forEach((t, i) => {
      if (t.actions.length !== t.states.length - 1) {
        ctx.addIssue({ code: 'custom', path: ['traces', i], message: `trace ${t.id}: ${t.states.length} states but ${t.actions.length} actions` });
      }
      if (t.states.some((s) => s >= file.states.length) || t.actions.some((a) => a >= file.actions.length)) {
        ctx.addIssue({ code: 'custom', path: ['traces', i], message: `trace ${t.id} refers past the end of a table` });
      }
    });
  });
export type TraceFile = z.infer<typeof TraceFile>;

/** An action record: what the spec's `lastAction` holds (name, thread, arguments). */
export type TraceAction = z.infer<typeof LastAction>;

/** One step of an expanded trace. */
export interface TraceStep {
  readonly action: TraceAction;
  readonly state: TraceState;
}

/** A trace with its states and actions looked up: what a replay walks through. */
export interface ExpandedTrace {
  readonly id: string;
  readonly model: string;
  readonly source: TraceSource;
  readonly constants: ModelConstants;
  readonly init: TraceState;
  readonly steps: readonly TraceStep[];
  readonly expectViolation?: ExpectedViolation;
}

/** Looks up the states and actions of trace `entry` of `file`. */
export function expandTrace(file: TraceFile, entry: TraceEntry): ExpandedTrace {
  const steps = entry.actions.map((a, i) => ({ action: file.actions[a]!, state: file.states[entry.states[i + 1]!]! }));
  return {
    id: entry.id,
    model: file.model,
    source: entry.source,
    constants: file.constants,
    init: file.states[entry.states[0]!]!,
    steps,
    ...(entry.expectViolation ? { expectViolation: entry.expectViolation } : {}),
  };
}

/**
 * Parses and validates a trace file's JSON text. Throws an Error that names
 * the file and the first offending fields, and says how to regenerate.
 */
export function parseTraceFile(text: string, where: string): TraceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where}: not JSON (${(err as Error).message}); regenerate it with \`mmu-notifier gen\``, { cause: err });
  }
  const parsed = TraceFile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new Error(`${where}: not a ${TRACE_FORMAT} trace file:\n${issues}\nRegenerate it with \`mmu-notifier gen\`.`);
  }
  return parsed.data;
}

/** The JSON Schema of the trace format (for documentation and external tools). */
export function traceJsonSchema(): unknown {
  return z.toJSONSchema(TraceFile, { unrepresentable: 'any', io: 'input' });
}
