/**
 * Trace validation against the real TLC jar: large implementation runs are
 * behaviours of the spec; runs of bug variants are not; hand-tampered runs
 * are rejected at the tampered step with the tampered field in the diff.
 */
import { describe, expect, it } from 'vitest';
import { type AmdkfdFix, type HolePunchStrategy, type InvalidatorContext, type VariantName } from '../../src/protocol/variants.ts';
import { divergenceOf } from '../../src/validation/divergence.ts';
import { MAINLINE } from '../../src/validation/family.ts';
import { DEFAULT_SHAPE, holePunchConstants, mainlineConstants } from '../../src/validation/run-shape.ts';
import { judgeBatch } from '../../src/validation/tlc-judge.ts';
import { runSeed, validateRuns } from '../../src/validation/validate.ts';
import { recordRun, type RecordedState } from '../../src/validation/world-recorder.ts';
import { SETUP, SLOW } from './tlc-setup.ts';

describe('trace validation (TLC judges recorded implementation runs)', () => {
  it(
    'accepts mainline runs far above the export models: 32 subscriptions, 64 pages, 4 invalidators, 2 faulters',
    async () => {
      const report = await validateRuns(SETUP, { runs: 3, shape: { subs: 32, pages: 64, invalidators: 4, faulters: 2 }, seed: 11 });
      expect(report.invalidRuns).toBe(0);
      expect(report.validRuns).toBe(3);
      expect(report.firstDivergence).toBeNull();
      for (const r of report.perRun) {
        expect(r.matched).toBe(r.length);
        expect(r.steps).toBe(r.length - 1);
        // not a trivial run
        expect(r.steps).toBeGreaterThan(150);
      }
      const c = report.constants;
      expect(c.subList).toHaveLength(32);
      expect(c.npages).toBe(64);
    },
    SLOW,
  );

  it(
    'accepts hole-punch runs (HolePunchWorld against spec/HolePunch.tla, inside_callback): 16 intervals, 32 pages',
    async () => {
      const report = await validateRuns(SETUP, { runs: 2, family: 'holepunch', shape: { subs: 16, pages: 32, invalidators: 2, faulters: 1 }, seed: 7 });
      expect(report.invalidRuns).toBe(0);
      expect(report.perRun.every((r) => r.matched === r.length && r.steps > 50)).toBe(true);
    },
    SLOW,
  );

  // The settings the spec's hole-punch models prove safe (spec/manifest.json), one per strategy and
  // context: amdkfd's worker plans (holes at an end, over a whole interval), both fault paths with
  // the coverage re-check, re-tried faults (MaxTries 3), the mmap_read and per-VMA invalidators.
  const SAFE_HOLE_PUNCH: ReadonlyArray<[HolePunchStrategy, AmdkfdFix, InvalidatorContext]> = [
    ['outside_insert_then_shrink', 'none', 'rmap'],
    ['outside_remove_then_insert', 'insert_first', 'rmap'],
    ['outside_remove_then_insert', 'unmap_first', 'mmap_read'],
    ['outside_remove_then_insert', 'keep_notifier', 'per_vma'],
  ];
  for (const [strategy, amdkfdFix, invalidatorContext] of SAFE_HOLE_PUNCH) {
    it(
      `accepts hole-punch runs of ${strategy} (fix ${amdkfdFix}, ${invalidatorContext} invalidator, coverage re-check): 12 intervals, 24 pages`,
      async () => {
        const shape = { ...DEFAULT_SHAPE, subs: 12, pages: 24, invalidators: 2, faulters: 1 };
        const constants = { ...holePunchConstants(shape, 9, strategy), amdkfdFix, invalidatorContext, faultRecheck: true };
        const report = await validateRuns(SETUP, { runs: 2, family: 'holepunch', constants, seed: 9 });
        expect(report.invalidRuns).toBe(0);
        expect(report.perRun.every((r) => r.matched === r.length && r.steps > 50 && r.implViolations.length === 0)).toBe(true);
      },
      SLOW,
    );
  }

  it(
    'rejects runs of implementation variants that change behaviour, within 6 runs each (one TLC process for all)',
    async () => {
      const constants = mainlineConstants({ ...DEFAULT_SHAPE, subs: 8, pages: 16 }, 7);
      const variants: VariantName[] = ['M3_insert_ignores_active', 'M6_no_wake_up', 'M8_every_end_bumps', 'M16_read_begin_global_seq', 'M9_active_only_on_hit'];
      const runs: RecordedState[][] = [];
      const owner: VariantName[] = [];
      for (const variant of variants) {
        for (let j = 0; j < 6; j++) {
          runs.push((await recordRun(constants, { seed: runSeed(7, j), variant, maxSteps: 1500 })).states);
          owner.push(variant);
        }
      }
      const { verdicts } = await judgeBatch(SETUP, MAINLINE, constants, runs);
      for (const variant of variants) {
        const invalid = verdicts.filter((v, i) => owner[i] === variant && !v.valid);
        expect(invalid.length, `${variant}: some run is not a mainline behaviour`).toBeGreaterThan(0);
      }
    },
    SLOW,
  );

  it(
    'rejects a tampered run at the tampered step, with the tampered field in the diff; a dropped step at the gap; a tampered initial state at step 0',
    async () => {
      const constants = mainlineConstants({ ...DEFAULT_SHAPE, subs: 6, pages: 12 }, 3);
      const run = (await recordRun(constants, { seed: 5, maxSteps: 60 })).states;
      expect(run.length).toBeGreaterThan(30);
      const k = 20;
      // A state field changed: the CPU PTE of page 3 in state k (and on; the run is otherwise the real one).
      const tampered = run.map((s, j) => (j < k ? s : { ...s, pte: (s.pte as number[]).map((v, p) => (p === 2 ? v + 7 : v)) }));
      // A step dropped: state k is left out, so step k leads from state k-1 to the real state k+1.
      const dropped = [...run.slice(0, k), ...run.slice(k + 1)];
      // The initial state changed: the spec's Init maps every page at version 1.
      const badInit = run.map((s) => ({ ...s, pte: (s.pte as number[]).map((v, p) => (p === 2 ? v + 7 : v)) }));
      const { verdicts } = await judgeBatch(SETUP, MAINLINE, constants, [run, tampered, dropped, badInit]);
      expect(verdicts.map((v) => v.valid)).toEqual([true, false, false, false]);
      expect(verdicts[1]!.matched).toBe(k);
      expect(verdicts[2]!.matched).toBe(k);
      expect(verdicts[3]!.matched).toBe(0);

      const changed = await divergenceOf(SETUP, MAINLINE, constants, tampered, k);
      expect(changed.step).toBe(k);
      expect(changed.action).toBe(run[k]!.lastAction.name);
      expect(changed.thread).toBe(run[k]!.lastAction.thread);
      expect(changed.diff).toEqual([{ path: '.pte[2]', expected: (run[k]!.pte as number[])[2], actual: (run[k]!.pte as number[])[2]! + 7 }]);

      const gap = await divergenceOf(SETUP, MAINLINE, constants, dropped, k);
      expect(gap.step).toBe(k);
      expect(gap.action).toBe(run[k + 1]!.lastAction.name);
      expect(gap.diff.length).toBeGreaterThan(0);
      expect(gap.specOptions).toBeGreaterThan(0);

      const init = await divergenceOf(SETUP, MAINLINE, constants, badInit, 0);
      expect(init.step).toBe(0);
      expect(init.action).toBe('Init');
      expect(init.diff).toEqual([{ path: '.pte[2]', expected: 1, actual: 8 }]);
      expect(init.specOptions).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'names the invariant a spec behaviour breaks: M4 runs against the spec\'s own M4 (MCBug_M4_InsertedSeqsOdd) are spec steps into a state breaking InsertedSeqsOdd',
    async () => {
      const variant: VariantName = 'M4_even_interval_seq';
      const report = await validateRuns(SETUP, { runs: 3, variant, specVariant: variant, shape: { subs: 8, pages: 16, invalidators: 2, faulters: 1 }, seed: 5 });
      expect(report.invalidRuns).toBeGreaterThan(0);
      const d = report.firstDivergence;
      expect(d).not.toBeNull();
      expect(d!.violated).toBe('InsertedSeqsOdd');
      expect(d!.diff).toEqual([]);
      expect(d!.action).toBe('mmu_interval_notifier_insert');
      const bad = report.perRun[d!.run - 1]!;
      // The spec took every step up to the breaking state: the run ends there (the implementation's own checks stop it too).
      expect(bad.violated).toBe('InsertedSeqsOdd');
      expect(bad.matched).toBe(bad.length);
      expect(d!.step).toBe(bad.steps);
      expect(bad.implViolations).toContain('InsertedSeqsOdd');
      // Runs judged after the breach are judged again, without the breaching run: each has a verdict of its own.
      expect(report.perRun).toHaveLength(3);
      for (const r of report.perRun) expect(r.valid ? r.matched === r.length : r.violated !== null || r.matched < r.length).toBe(true);
    },
    SLOW,
  );
});
