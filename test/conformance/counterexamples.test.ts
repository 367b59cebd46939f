/**
 * Every bug model's counterexample (TLC's error trace), replayed on the
 * implementation: with the same bug switched on it follows the trace state
 * for state and shows the violation at the same step; on mainline the same
 * schedule is impossible or harmless (see src/codegen/reproduction.ts).
 */
import { describe, expect, it } from 'vitest';
import { mainlineOutcome, reproduces } from '../../src/codegen/reproduction.ts';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { expandTrace } from '../../src/codegen/trace-format.ts';
import { PATHS } from './project.ts';

const models = projectModels(PATHS, 'counterexample');

describe('bug models: counterexamples', () => {
  it('exist', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  for (const model of models) {
    describe(model.name, () => {
      it('reproduces the violation at the same step with the bug on', async () => {
        const { file } = await tracesOf(PATHS, model);
        const trace = expandTrace(file, file.traces[0]!);
        expect(trace.constants.variant).not.toBe('mainline');
        const r = await replayTrace(trace);
        expect(r.failure, describeFailure(r)).toBeUndefined();
        const verdict = reproduces(r, trace.expectViolation!, trace.steps.length);
        expect(verdict.ok, `${trace.expectViolation!.kind} ${trace.expectViolation!.property} at step ${trace.expectViolation!.atStep}: ${verdict.why}`).toBe(true);
      });

      it('is impossible or harmless on mainline', async () => {
        const { file } = await tracesOf(PATHS, model);
        const trace = expandTrace(file, file.traces[0]!);
        const r = await replayTrace(trace, { variant: 'mainline', compareStates: false, checkViolations: true });
        const outcome = mainlineOutcome(r, trace.expectViolation!);
        expect(outcome.kind, JSON.stringify(outcome)).not.toBe('violates');
      });
    });
  }
});
