/**
 * Judging the replay of a bug model's counterexample.
 *
 * With the bug switched on, the implementation must follow the trace state
 * for state and show the same violation at the same step:
 * - invariant: its own safety check names the property first in the state
 *   after step `atStep` (other properties, unchecked by the bug model, may
 *   fail earlier);
 * - deadlock: after the last step nothing can move and it is not quiescent;
 * - liveness (a stuttering lasso): after the last step no thread can move —
 *   the spec's fair behaviour stutters there forever, so does the
 *   implementation;
 * - action property: the violating step itself is reproduced (the states
 *   before and after it are equal to the spec's).
 *
 * With the bug off (mainline), the same schedule — threads, actions and
 * arguments, not states — is either impossible (some step cannot be taken)
 * or runs to its end without showing the violation.
 */
import type { ReplayReport } from './replay.ts';
import type { ExpectedViolation } from './trace-format.ts';

/** Whether the bug-on replay reproduced `expect`; the reason if not. */
export function reproduces(r: ReplayReport, expect: ExpectedViolation, totalSteps: number): { ok: boolean; why: string } {
  if (r.failure) return { ok: false, why: `replay failed at step ${r.failure.step} (${r.failure.kind})` };
  switch (expect.kind) {
    case 'invariant': {
      // Other properties may fail earlier: the bug model checks only this one.
      const at = r.violatedAt[expect.property];
      const seen = Object.entries(r.violatedAt).map(([p, s]) => `${p}@${s}`).join(', ') || 'none';
      return { ok: at === expect.atStep, why: `implementation reports (property@first step): ${seen}` };
    }
    case 'deadlock':
      return { ok: r.deadlockedAtEnd, why: r.deadlockedAtEnd ? 'deadlocked at the end' : `not deadlocked; enabled: ${r.enabledAtEnd.join(', ')}` };
    case 'liveness':
      return { ok: r.enabledAtEnd.length === 0, why: `enabled at the end: ${r.enabledAtEnd.join(', ') || 'none'}` };
    case 'action':
      return { ok: r.stepsReplayed === totalSteps && r.stepsReplayed >= expect.atStep, why: `${r.stepsReplayed} of ${totalSteps} steps replayed` };
  }
}

/** What the mainline replay of a bug schedule showed. */
export type MainlineOutcome =
  | { kind: 'impossible'; step: number; message: string }
  | { kind: 'harmless' }
  | { kind: 'violates'; why: string };

/** Classifies a mainline replay (run with compareStates off) of a counterexample schedule. */
export function mainlineOutcome(r: ReplayReport, expect: ExpectedViolation): MainlineOutcome {
  if (r.failure) {
    if (r.failure.kind === 'divergence') return { kind: 'impossible', step: r.failure.step, message: r.failure.message };
    return { kind: 'violates', why: 'state comparison was expected to be off' };
  }
  if (r.firstViolation) return { kind: 'violates', why: `${r.firstViolation.properties.join(', ')} at step ${r.firstViolation.step}` };
  if (expect.kind === 'deadlock' && r.deadlockedAtEnd) return { kind: 'violates', why: 'deadlocked at the end' };
  if (expect.kind === 'liveness' && r.enabledAtEnd.length === 0 && r.deadlockedAtEnd) return { kind: 'violates', why: 'stuck at the end' };
  return { kind: 'harmless' };
}
