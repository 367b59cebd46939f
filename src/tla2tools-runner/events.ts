import { z } from 'zod';
import { tlcStateSchema } from './value-schema.ts';

/** Which kind of property a violation message reports. */
export const violationKindSchema = z.enum(['safety', 'liveness', 'deadlock', 'assumption', 'assert', 'actionProperty']);
/** See {@link violationKindSchema}. */
export type ViolationKind = z.infer<typeof violationKindSchema>;

/** Which kind of failure an error message reports. */
export const errorCategorySchema = z.enum(['parse', 'config', 'evaluation', 'general']);
/** See {@link errorCategorySchema}. */
export type ErrorCategory = z.infer<typeof errorCategorySchema>;

/** Source range TLC prints for an action (`line L1, col C1 to line L2, col C2 of module M`). */
export const locationSchema = z.object({
  module: z.string(),
  beginLine: z.number().int(),
  beginColumn: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
});
/** See {@link locationSchema}. */
export type TlcLocation = z.infer<typeof locationSchema>;

const base = { code: z.number().int() };

/** 2262: the TLC version line. */
export const versionEventSchema = z.object({ type: z.literal('version'), ...base, version: z.string(), text: z.string() });
/** 2200 / 2209: progress report (numbers are -1 where simulation has none; rates absent in some reports). */
export const progressEventSchema = z.object({
  type: z.literal('progress'),
  ...base,
  depth: z.number().int(),
  generated: z.number().int(),
  distinct: z.number().int(),
  queue: z.number().int(),
  generatedPerMinute: z.number().optional(),
  distinctPerMinute: z.number().optional(),
});
/** 2190: initial states computed. */
export const initialStatesEventSchema = z.object({ type: z.literal('initialStates'), ...base, distinct: z.number().int() });
/** 2199: the final counts. */
export const finalCountsEventSchema = z.object({
  type: z.literal('finalCounts'),
  ...base,
  generated: z.number().int(),
  distinct: z.number().int(),
  queue: z.number().int(),
});
/** 2194: depth of the complete state graph search. */
export const depthEventSchema = z.object({ type: z.literal('depth'), ...base, depth: z.number().int() });
/** 2193: "Model checking completed. No error has been found." */
export const noErrorEventSchema = z.object({ type: z.literal('noError'), ...base, text: z.string() });
/** A property violation (2110, 2107, 2112, 2114, 2116, 2132, 2104). `property` is named when TLC names it. */
export const violationEventSchema = z.object({
  type: z.literal('violation'),
  ...base,
  kind: violationKindSchema,
  property: z.string().optional(),
  text: z.string(),
  /** 2107 prints the violating initial state inline instead of as a trace. */
  state: tlcStateSchema.optional(),
});
/** 2217: one state of an error trace. `action` is absent for the initial state. */
export const traceStateEventSchema = z.object({
  type: z.literal('traceState'),
  ...base,
  number: z.number().int(),
  action: z.string().optional(),
  location: locationSchema.optional(),
  stateText: z.string(),
  state: tlcStateSchema.optional(),
  /** Set when the state text could not be parsed (the text is kept). */
  parseError: z.string().optional(),
});
/** 2122: lasso loop-back ("N: Back to state: <Action …>"). */
export const backToStateEventSchema = z.object({
  type: z.literal('backToState'),
  ...base,
  number: z.number().int(),
  action: z.string().optional(),
  location: locationSchema.optional(),
});
/** 2218: the trace ends by stuttering. */
export const stutteringEventSchema = z.object({ type: z.literal('stuttering'), ...base, number: z.number().int() });
/** Coverage (2201, 2202, 2772–2777, 2221): per action `DISTINCT:GENERATED`, per expression a count. */
export const coverageEventSchema = z.object({
  type: z.literal('coverage'),
  ...base,
  text: z.string(),
  name: z.string().optional(),
  location: locationSchema.optional(),
  distinct: z.number().int().optional(),
  generated: z.number().int().optional(),
  count: z.number().int().optional(),
});
/** An error that stops the run: parse, config, evaluation or general (text as TLC printed it). */
export const errorEventSchema = z.object({
  type: z.literal('error'),
  ...base,
  category: errorCategorySchema,
  text: z.string(),
});
/** 2186: "Finished in …" — the last message of a run. */
export const finishedEventSchema = z.object({ type: z.literal('finished'), ...base, text: z.string() });
/** Any other framed message (kept, never dropped). */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  ...base,
  severity: z.number().int(),
  text: z.string(),
});
/** An unframed output line: SANY chatter (`sany`), Print/PrintT output and anything else (`output`), or stderr. */
export const outputEventSchema = z.object({
  type: z.literal('output'),
  stream: z.enum(['stdout', 'stderr']),
  source: z.enum(['sany', 'print']),
  text: z.string(),
});
/** Output the parser could not make sense of (reported, never swallowed). */
export const malformedEventSchema = z.object({ type: z.literal('malformed'), reason: z.string(), text: z.string() });

/** Every event the runner emits. */
export const tlcEventSchema = z.discriminatedUnion('type', [
  versionEventSchema,
  progressEventSchema,
  initialStatesEventSchema,
  finalCountsEventSchema,
  depthEventSchema,
  noErrorEventSchema,
  violationEventSchema,
  traceStateEventSchema,
  backToStateEventSchema,
  stutteringEventSchema,
  coverageEventSchema,
  errorEventSchema,
  finishedEventSchema,
  messageEventSchema,
  outputEventSchema,
  malformedEventSchema,
]);

/** One parsed piece of TLC output. */
export type TlcEvent = z.infer<typeof tlcEventSchema>;
/** A progress event. */
export type TlcProgressEvent = z.infer<typeof progressEventSchema>;
/** A trace-state event. */
export type TlcTraceStateEvent = z.infer<typeof traceStateEventSchema>;
