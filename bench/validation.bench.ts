/**
 * Benchmarks of trace validation (src/validation), side by side in one run:
 * - throughput: implementation steps validated per second of TLC time at 8,
 *   32 and 64 subscriptions (all runs of a size in one TLC process), and the
 *   same after subtracting TLC's fixed cost (JVM, SANY, constants), measured
 *   by judging a run of its initial state only;
 * - how that per-step cost grows with subscriptions and with threads;
 * - one TLC process for all runs vs one per run;
 * - the cost of checking the spec's invariants on every recorded state.
 * (The recording cost is bench/recording.bench.ts.)
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MainlineConstants } from '../src/codegen/model-constants.ts';
import { MAINLINE } from '../src/validation/family.ts';
import { DEFAULT_SHAPE, mainlineConstants, type RunShape } from '../src/validation/run-shape.ts';
import { judgeBatch, type TlcSetup } from '../src/validation/tlc-judge.ts';
import { runSeed } from '../src/validation/validate.ts';
import { recordRun, type RecordedState } from '../src/validation/world-recorder.ts';
import type { BenchReport, BenchRow } from './main.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const SETUP: TlcSetup = { specDir: join(ROOT, 'spec'), jarRecordFile: join(ROOT, '.tlc', 'tlc.json'), workRoot: join(ROOT, 'out') };
const RUNS = 4;
const MAX_STEPS = 1500;

async function record(c: MainlineConstants, runs: number): Promise<RecordedState[][]> {
  const out: RecordedState[][] = [];
  for (let j = 0; j < runs; j++) out.push((await recordRun(c, { seed: runSeed(3, j), maxSteps: MAX_STEPS })).states);
  return out;
}

const stepsOf = (runs: RecordedState[][]): number => runs.reduce((a, r) => a + r.length - 1, 0);

/** TLC time for the runs, and for the fixed part (each run cut to its initial state). */
async function judged(c: MainlineConstants, runs: RecordedState[][]): Promise<{ ms: number; fixedMs: number; steps: number }> {
  const fixed = await judgeBatch(SETUP, MAINLINE, c, runs.map((r) => r.slice(0, 1)));
  const full = await judgeBatch(SETUP, MAINLINE, c, runs);
  if (full.verdicts.some((v) => !v.valid)) throw new Error('validation bench: a mainline run was rejected');
  return { ms: full.tlcMs, fixedMs: fixed.tlcMs, steps: stepsOf(runs) };
}

const shapeAt = (subs: number, extra: Partial<RunShape> = {}): RunShape => ({ ...DEFAULT_SHAPE, subs, pages: Math.max(16, 2 * subs), ...extra });

export default async function bench(): Promise<BenchReport> {
  const rows: BenchRow[] = [];
  const perStep: Array<[string, number]> = [];

  for (const subs of [8, 32, 64]) {
    const c = mainlineConstants(shapeAt(subs), 3);
    const runs = await record(c, RUNS);
    const j = await judged(c, runs);
    const net = Math.max(1, j.ms - j.fixedMs);
    rows.push({ metric: `steps/s of TLC time, ${subs} subs, ${c.npages} pages, 4 inv + 2 flt (${RUNS} runs, ${j.steps} steps, one JVM)`, value: (j.steps / (j.ms / 1000)).toFixed(0) });
    rows.push({ metric: `  after TLC's fixed ${(j.fixedMs / 1000).toFixed(1)} s (JVM, SANY, constants)`, value: (j.steps / (net / 1000)).toFixed(0) });
    perStep.push([`${subs} subs`, net / j.steps]);
  }

  for (const invalidators of [2, 8]) {
    const c = mainlineConstants(shapeAt(32, { invalidators }), 3);
    const runs = await record(c, RUNS);
    const j = await judged(c, runs);
    perStep.push([`32 subs, ${invalidators} invalidators`, Math.max(1, j.ms - j.fixedMs) / j.steps]);
  }
  {
    // The same runs judged with and without the family's invariants in the cfg.
    const c = mainlineConstants(shapeAt(32), 3);
    const runs = await record(c, RUNS);
    const withInv = await judgeBatch(SETUP, MAINLINE, c, runs);
    const without = await judgeBatch(SETUP, { ...MAINLINE, invariants: [] }, c, runs);
    rows.push({ metric: `invariants checked on every state (32 subs, ${stepsOf(runs)} steps): TLC time with / without`, value: `${(withInv.tlcMs / 1000).toFixed(1)} s / ${(without.tlcMs / 1000).toFixed(1)} s (${(withInv.tlcMs / without.tlcMs).toFixed(2)}x)` });
  }
  rows.push({ metric: 'TLC ms per step (net of fixed cost)', value: perStep.map(([k, v]) => `${k}: ${v.toFixed(2)}`).join('; ') });

  {
    const c = mainlineConstants(shapeAt(8), 3);
    const runs = await record(c, RUNS);
    const one = await judgeBatch(SETUP, MAINLINE, c, runs);
    let separate = 0;
    for (const r of runs) separate += (await judgeBatch(SETUP, MAINLINE, c, [r])).tlcMs;
    rows.push({ metric: `${RUNS} runs (8 subs): one TLC process vs one per run`, value: `${(one.tlcMs / 1000).toFixed(1)} s vs ${(separate / 1000).toFixed(1)} s (${(separate / one.tlcMs).toFixed(1)}x)` });
  }

  return {
    title: 'trace validation (src/validation)',
    rows,
    notes: [
      'TLC times are wall times of the whole TLC process (runner durationMs), -workers 1.',
      'The per-step cost follows the branching of the recorded thread\'s actions (ranges x blockable x IterFirst over the tree for a start, Subs x Pages for a new fault), not the reachable states.',
    ],
  };
}
