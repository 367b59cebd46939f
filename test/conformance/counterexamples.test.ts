/**
 * Every failing model's counterexample (TLC's error trace), replayed on the
 * implementation: with the same bug switched on it follows the trace state
 * for state and shows the violation at the same step; with the fixed setting
 * of its manifest counterpart (mainline, or the safe hole-punch strategy)
 * the same schedule is impossible or harmless (src/codegen/reproduction.ts).
 * Judged by the conformance judge that `npm start` and `mmu-notifier replay`
 * use (src/codegen/conformance-judge.ts).
 */
import { describe, expect, it } from 'vitest';
import { judgeTraceFile, type FileVerdict } from '../../src/codegen/conformance-judge.ts';
import type { ModelRef } from '../../src/codegen/model-ref.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { PATHS } from './project.ts';

const models = projectModels(PATHS, 'counterexample');

/** Per model: its trace file judged once (both tests read the one judgement). */
const judged = new Map<string, Promise<FileVerdict>>();
function judge(model: ModelRef): Promise<FileVerdict> {
  let verdict = judged.get(model.name);
  if (!verdict) {
    verdict = tracesOf(PATHS, model).then(({ file }) => judgeTraceFile(file, model.fixed ? { fixed: model.fixed } : {}));
    judged.set(model.name, verdict);
  }
  return verdict;
}

describe('failing models: counterexamples', () => {
  it('exist', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  for (const model of models) {
    describe(model.name, () => {
      it('reproduces the violation at the same step with the bug on', async () => {
        const { verdicts } = await judge(model);
        expect(verdicts.length).toBeGreaterThan(0);
        const v = verdicts[0]!;
        const expected = v.trace.expectViolation!;
        expect(v.replay.failure, v.problem?.message).toBeUndefined();
        expect(v.reproduction?.ok, `${expected.kind} ${expected.property} at step ${expected.atStep}: ${v.reproduction?.why}`).toBe(true);
      });

      const fixed = model.fixed;
      if (fixed) {
        it(`is impossible or harmless with ${fixed.model}'s setting`, async () => {
          const v = (await judge(model)).verdicts[0]!;
          expect(v.fixed?.model).toBe(fixed.model);
          expect(v.fixed?.outcome.kind, JSON.stringify(v.fixed?.outcome)).not.toBe('violates');
          expect(v.ok, v.problem?.message).toBe(true);
        });
      }
    });
  }
});
