/** The closing summary of `run` and the rule for drawing unexpected counterexamples. */
import { describe, expect, it } from 'vitest';
import { RESULTS_FORMAT, type CheckResults, type ModelVerdict } from '../../src/report/results.ts';
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

  describe('fits the terminal', () => {
    // Names and properties as long as the manifest's longest (42 and 30 characters).
    const long: ModelVerdict[] = [
      { ...base, name: 'MCBug_M13_DriverLockHeldInCriticalSections', expectedViolated: 'DeferredAppliedWhenEpochCloses', violated: 'DeferredAppliedWhenEpochCloses', distinctStates: 1_234_567, durationMs: 123_456 },
      { ...base, name: 'MCHolePunchAmdkfdKeepNotifierMmapRead', expected: 'success', expectedViolated: null, actual: 'liveness failure', violated: 'FaultCompletes', ok: false },
      { ...base, name: 'MCSafety', expected: 'success', expectedViolated: null, actual: 'success', violated: null },
    ];
    const check: CheckResults = { format: RESULTS_FORMAT, writtenAt: new Date().toISOString(), ok: false, models: long };
    const tableLines = (text: string) => text.split('\n').slice(0, 2 + long.length);

    it.each([80, 100, 120, 150])('at %i columns: no line wider, every model named with its mark and verdict', (width) => {
      const lines = tableLines(summaryTable(check, { stages: [] }, width));
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      for (const [i, m] of long.entries()) {
        const row = lines[2 + i]!;
        expect(row).toMatch(new RegExp(`^${m.ok ? 'ok' : '(BAD|MISMATCH)'} +${m.name} +${m.actual.split(' ')[0]}`));
      }
    });

    it('100 columns by default (output that is not a terminal)', () => {
      for (const line of tableLines(summaryTable(check, { stages: [] }))) expect([...line].length).toBeLessThanOrEqual(100);
    });

    it('all the detail where there is room', () => {
      const lines = tableLines(summaryTable(check, { stages: [] }, 200));
      expect(lines[3]).toMatch(/^MISMATCH +MCHolePunchAmdkfdKeepNotifierMmapRead +success +liveness failure \(FaultCompletes\) +10 +1\.5 s$/);
    });
  });
});

