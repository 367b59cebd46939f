/**
 * Every failing model's counterexample (TLC's error trace), replayed on the
 * implementation: with the same bug switched on it follows the trace state
 * for state and shows the violation at the same step; with the fixed setting
 * of its manifest counterpart (mainline, or the safe hole-punch strategy)
 * the same schedule is impossible or harmless (src/codegen/reproduction.ts).
 */
import { describe, expect, it } from 'vitest';
import { mainlineOutcome, reproduces } from '../../src/codegen/reproduction.ts';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { expandTrace } from '../../src/codegen/trace-format.ts';
import { PATHS } from './project.ts';

const models = projectModels(PATHS, 'counterexample');

describe('failing models: counterexamples', () => {
  it('exist', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  for (const model of models) {
    describe(model.name, () => {
      it('reproduces the violation at the same step with the bug on', async () => {
        const { file } = await tracesOf(PATHS, model);
        const trace = expandTrace(file, file.traces[0]!);
        const r = await replayTrace(trace);
        expect(r.failure, describeFailure(r)).toBeUndefined();
        const expected = trace.expectViolation!;
        const verdict = reproduces(r, expected, trace.steps.length);
        expect(verdict.ok, `${expected.kind} ${expected.property} at step ${expected.atStep}: ${verdict.why}`).toBe(true);
      });

      const fixed = model.fixed;
      if (fixed) {
        it(`is impossible or harmless with ${fixed.model}'s setting`, async () => {
          const { file } = await tracesOf(PATHS, model);
          const trace = expandTrace(file, file.traces[0]!);
          const r = await replayTrace(trace, { ...fixed, compareStates: false, checkViolations: true });
          const outcome = mainlineOutcome(r, trace.expectViolation!);
          expect(outcome.kind, JSON.stringify(outcome)).not.toBe('violates');
        });
      }
    });
  }
});
