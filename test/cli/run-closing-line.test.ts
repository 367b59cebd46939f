/** The closing line of `mmu-notifier run` says what failed: models, generation, or replays. */
import { describe, expect, it } from 'vitest';
import { closingLine } from '../../src/cli/commands/run.ts';
import type { PipelineResult } from '../../src/pipeline/run-pipeline.ts';
import { RESULTS_FORMAT, type CheckResults, type ModelVerdict } from '../../src/report/results.ts';

const model: ModelVerdict = { name: 'M', expected: 'success', actual: 'success', violated: null, distinctStates: 1, durationMs: 1, ok: true };
const coverage = [{ name: 'M', kind: 'export', states: 1, statesCovered: 1, edges: 0, edgesCovered: 0, traces: 1 }];

function result(over: Partial<PipelineResult>): PipelineResult {
  const check: CheckResults = { format: RESULTS_FORMAT, writtenAt: '2026-01-01T00:00:00.000Z', ok: true, models: [model] };
  return { startedAt: '', stages: [], check, coverage, replay: [], conformanceFailed: false, ok: true, ...over };
}

describe('run: closing line', () => {
  it('all well', () => {
    expect(closingLine(result({}))).toBe('OK: all 1 models behave as expected.');
  });

  it('generation failed: says so, not that replays failed', () => {
    const line = closingLine(result({ coverage: null, replay: null, conformanceFailed: true, ok: false }));
    expect(line).toBe('FAILED: 0 of 1 models mismatched; trace generation failed (see the gen stage above).');
  });

  it('replays failed after a generation that worked', () => {
    const line = closingLine(result({ replay: [{ trace: 't', model: 'M', ok: false, steps: 1 }], conformanceFailed: true, ok: false }));
    expect(line).toBe('FAILED: 0 of 1 models mismatched; some conformance replays failed.');
  });

  it('no model checked', () => {
    expect(closingLine(result({ check: null, ok: false }))).toBe('FAILED: no model was checked (see the check stage above).');
  });
});
