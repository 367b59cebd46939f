/**
 * TLC 2.18 message codes the parser gives meaning to (tlc2/output/EC.java).
 * Codes not listed here still come out, as generic `message` events.
 */
export const MessageCode = {
  VERSION: 2262,
  PROGRESS: 2200,
  SIMULATION_PROGRESS: 2209,
  INITIAL_STATES: 2190,
  FINAL_COUNTS: 2199,
  DEPTH: 2194,
  NO_ERROR: 2193,
  FINISHED: 2186,
  SANY_START: 2220,
  SANY_END: 2219,
  INVARIANT_VIOLATED: 2110,
  INVARIANT_VIOLATED_INITIAL: 2107,
  ACTION_PROPERTY_VIOLATED: 2112,
  DEADLOCK: 2114,
  TEMPORAL_VIOLATED: 2116,
  ASSERT_FAILED: 2132,
  ASSUMPTION_FALSE: 2104,
  ASSUMPTION_EVAL_ERROR: 2105,
  TRACE_STATE: 2217,
  STUTTERING: 2218,
  BACK_TO_STATE: 2122,
  PARSE_FAILED: 3002,
  PARSE_ERROR: 2171,
  GENERAL: 1000,
  /** "Java ran out of memory" (after a 1000 naming the OutOfMemoryError). */
  OUT_OF_MEMORY: 1001,
  /** TLCServer: "TLC server at <host> is ready" — workers may register now. */
  DISTRIBUTED_SERVER_READY: 7000,
  /** TLCServer: a worker registered / deregistered; statistics of one worker at the end. */
  DISTRIBUTED_WORKER_REGISTERED: 7001,
  DISTRIBUTED_WORKER_DEREGISTERED: 7002,
  DISTRIBUTED_WORKER_STATS: 7003,
} as const;

/** Trace headers and similar: severity 1 (error class) but not errors themselves. */
export const TRACE_HEADER_CODES: ReadonlySet<number> = new Set([2121, 2120, 2264]);

/** Coverage report codes (start, end, per-action, per-expression). */
export const COVERAGE_CODES: ReadonlySet<number> = new Set([2201, 2202, 2221, 2772, 2773, 2774, 2775, 2776, 2777, 2778]);

/** Spec evaluation failures (exit 75–77). 2103 is the nested-expression location list. */
export const EVALUATION_ERROR_CODES: ReadonlySet<number> = new Set([2103, 2109, 2111, 2115, 2146, 2147, 2253]);

/** Config file errors (exit 151). */
export function isConfigErrorCode(code: number): boolean {
  return (code >= 2222 && code <= 2245) || code === 2280 || code === 2281;
}
