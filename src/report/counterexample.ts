/**
 * A counterexample as the report draws it: the states of one TLC error trace
 * with the action that led to each, plus what went wrong and where.
 *
 * This is the shape of `out/results/traces/<model>.json`. It is deliberately
 * close to the `trace` of `mmu-notifier tlc --json` (`{action, state}` per
 * step) so a TLC result converts with `counterexampleFromTlc` and nothing else.
 */
import { z } from 'zod';

/** One state of the trace and the name of the action that produced it. */
export const TraceStep = z.object({
  /** Operator name TLC printed for the step ("Initial predicate" for state 1). */
  action: z.string(),
  /** The state as parsed JSON (variable name → value). */
  state: z.record(z.string(), z.unknown()),
});
export type TraceStep = z.infer<typeof TraceStep>;

/** How a run ended, as classified by the TLC runner. */
export const TLC_OUTCOMES = ['success', 'safety', 'liveness', 'deadlock', 'assumption', 'assert', 'error'] as const;
/** Schema of a runner outcome. */
export const TlcOutcome = z.enum(TLC_OUTCOMES);
/** A runner outcome. */
export type TlcOutcome = z.infer<typeof TlcOutcome>;

/** A violated model's error trace. */
export const Counterexample = z.object({
  /** Model name from spec/manifest.json (absent for ad-hoc `tlc` runs). */
  model: z.string().optional(),
  outcome: TlcOutcome,
  /** The violated invariant or property, when TLC named one. */
  violated: z.string().nullable(),
  steps: z.array(TraceStep),
  /**
   * Liveness lassos only: 0-based index of the step the behaviour returns to
   * after the last step ("Back to state"), or "stutter" when the last state
   * repeats forever. Null for finite (safety, deadlock, assert) traces.
   */
  loopStart: z.union([z.int().nonnegative(), z.literal('stutter')]).nullable(),
});
export type Counterexample = z.infer<typeof Counterexample>;

/** True when the trace is a lasso whose tail repeats forever. */
export function isLasso(cx: Counterexample): boolean {
  return cx.outcome === 'liveness' && cx.loopStart !== null;
}
