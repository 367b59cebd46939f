/**
 * The conformance trace file format, `mmu-notifier-trace/1`.
 *
 * One file holds one behaviour of one spec model: its initial state and, per
 * step, the action taken (name, thread, arguments) and the whole state after
 * it. States are stored in the protocol's JSON shape (src/protocol/state.ts),
 * the same shape the implementation's `snapshot()` returns, so a replay
 * compares with plain deep equality and needs no value codec.
 *
 * Why not ITF (Apalache ADR-015)? ITF encodes TLA+ values generically
 * (`#set`, `#map`, `#tup`); a replay would then have to convert every state a
 * second time before comparing. The conversion from TLC's values to the
 * protocol shape happens once, at generation time, against one zod schema.
 * The envelope borrows ITF's habits: a free-form `meta`, an explicit `vars`
 * list and states in order.
 */
import { z } from 'zod';
import { ProtocolState, LastAction } from '../protocol/state.ts';
import { VARIANT_NAMES, type VariantName } from '../protocol/variants.ts';

/** Format tag written into every trace file. */
export const TRACE_FORMAT = 'mmu-notifier-trace/1';

/** Where a trace came from. */
export const TRACE_SOURCES = ['edge-cover', 'simulation', 'counterexample'] as const;
export type TraceSource = (typeof TRACE_SOURCES)[number];

/** One step: the action (the spec's `lastAction` of the state it leads to) and that state. */
export const TraceStep = z.strictObject({
  action: LastAction,
  state: ProtocolState,
});
export type TraceStep = z.infer<typeof TraceStep>;

/** What replaying a counterexample must show: the property is violated right after step `atStep` (1-based; 0 = the initial state). */
export const ExpectedViolation = z.strictObject({
  property: z.string().min(1),
  atStep: z.int().min(0),
});
export type ExpectedViolation = z.infer<typeof ExpectedViolation>;

/** A whole trace file. */
export const TraceFile = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  /** Stable name, unique among the generated traces (also the file's base name). */
  id: z.string().min(1),
  /** The spec model (manifest name) the trace was generated from. */
  model: z.string().min(1),
  /** The variant switched on in that model, and to be switched on for the replay. */
  variant: z.enum(VARIANT_NAMES as [VariantName, ...VariantName[]]),
  source: z.enum(TRACE_SOURCES),
  /** Set for counterexamples: the violation the replay must reproduce. */
  expectViolation: ExpectedViolation.optional(),
  /** Variable names of every state, sorted. */
  vars: z.array(z.string()),
  /** Free-form provenance (spec hash, TLC version, seed, ...). */
  meta: z.record(z.string(), z.unknown()),
  init: ProtocolState,
  steps: z.array(TraceStep),
});
export type TraceFile = z.infer<typeof TraceFile>;

/**
 * Parse and validate a trace file's JSON text. Throws an Error that names the
 * file and the first offending fields, and says how to regenerate.
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
  return z.toJSONSchema(TraceFile, { unrepresentable: 'any' });
}
