/** The closing summary of `run` and the rule for drawing unexpected counterexamples. */
import { describe, expect, it } from 'vitest';
import { RESULTS_FORMAT, type ModelVerdict } from '../../src/report/results.ts';
import { verdictDiffers } from '../../src/manifest/verdict.ts';
import { summaryTable } from '../../src/report/summary-table.ts';

const base: ModelVerdict = { name: 'M', expected: 'safety failure', expectedViolated: 'Safe', actual: 'safety failure', violated: 'Safe', distinctStates: 10, durationMs: 1500, ok: true };

describe('summary and verdicts', () => {
  it('a mismatch of recorded state counts is not a different verdict', () => {
    expect(verdictDiffers({ ...base, ok: false, mismatches: ['10 distinct states, recorded 12'] })).toBe(false);
    expect(verdictDiffers({ ...base, ok: false, actual: 'success', violated: null })).toBe(true);
    expect(verdictDiffers({ ...base, ok: false, violated: 'Other' })).toBe(true);
    // The runner's spelling ("safety") and the manifest's ("safety failure") are the same verdict.
    expect(verdictDiffers({ ...base, actual: 'safety' })).toBe(false);
  });

  it('lists why each mismatched model mismatched, under the table', () => {
    const models = [base, { ...base, name: 'N', ok: false, mismatches: ['10 distinct states, recorded 12'] }];
    const text = summaryTable({ format: RESULTS_FORMAT, writtenAt: new Date().toISOString(), ok: false, models }, { stages: [] });
    expect(text).toMatch(/^ok +M +safety failure \(Safe\) +safety failure \(Safe\) +10 +1\.5 s$/m);
    expect(text).toMatch(/^MISMATCH +N /m);
    expect(text).toContain('2 models: 1 as expected, 1 mismatched\nN: 10 distinct states, recorded 12');
  });
});
