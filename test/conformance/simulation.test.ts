/**
 * Random behaviours of the larger simulation models (TLC -simulate, fixed
 * seed), replayed on the implementation with whole-state comparison.
 */
import { describe, expect, it } from 'vitest';
import { describeProblems, judgeTraceFile } from '../../src/codegen/conformance-judge.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { PATHS } from './project.ts';

const models = projectModels(PATHS, 'simulation');

describe('simulation models (random behaviours)', () => {
  it('exist', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  for (const model of models) {
    it(`${model.name}: every trace replays with no divergence`, async () => {
      const { file, figures } = await tracesOf(PATHS, model);
      expect(figures.traces).toBeGreaterThan(0);
      const run = await judgeTraceFile(file);
      expect(run.failures.length, describeProblems(run.failures)).toBe(0);
      expect(run.steps).toBe(figures.steps);
    });
  }
});
