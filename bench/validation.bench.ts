/**
 * Benchmarks of trace validation (src/validation), side by side in one run:
 * - throughput: implementation steps validated per second of TLC time at 8,
 *   32 and 64 subscriptions (all runs of a size in one TLC process), and the
 *   same after subtracting TLC's fixed cost (JVM, SANY, constants), measured
 *   by judging a run of its initial state only;
 * - how that per-step cost grows with subscriptions and with threads;
 * - one TLC process for all runs vs one per run;
 * - recording cost: the same schedules with and without snapshots.
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

/** Median CPU time (ms, this process) of `fn` over `reps` rounds. */
async function medianCpuMs(reps: number, fn: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

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
  rows.push({ metric: 'TLC ms per step (net of fixed cost)', value: perStep.map(([k, v]) => `${k}: ${v.toFixed(2)}`).join('; ') });

  {
    const c = mainlineConstants(shapeAt(8), 3);
    const runs = await record(c, RUNS);
    const one = await judgeBatch(SETUP, MAINLINE, c, runs);
    let separate = 0;
    for (const r of runs) separate += (await judgeBatch(SETUP, MAINLINE, c, [r])).tlcMs;
    rows.push({ metric: `${RUNS} runs (8 subs): one TLC process vs one per run`, value: `${(one.tlcMs / 1000).toFixed(1)} s vs ${(separate / 1000).toFixed(1)} s (${(separate / one.tlcMs).toFixed(1)}x)` });
  }

  {
    const c = mainlineConstants(shapeAt(64, { pages: 256 }), 3);
    const seeds = Array.from({ length: 8 }, (_, j) => runSeed(5, j));
    const runAll = (record: boolean) => async (): Promise<void> => {
      for (const seed of seeds) await recordRun(c, { seed, maxSteps: MAX_STEPS, record });
    };
    await runAll(true)(); // warm-up
    // Interleaved rounds, CPU time: the machine may be shared, wall time is not comparable.
    const plainTimes: number[] = [];
    const recordedTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      plainTimes.push(...(await medianCpuMs(1, runAll(false))));
      recordedTimes.push(...(await medianCpuMs(1, runAll(true))));
    }
    const plain = median(plainTimes);
    const recorded = median(recordedTimes);
    const ratio = recorded / plain;
    rows.push({ metric: 'recording cost: 8 schedules, 64 subs, 256 pages (recorded / plain)', value: `${ratio.toFixed(2)}x (${recorded.toFixed(0)} vs ${plain.toFixed(0)} ms CPU)`, target: '<= 1.5x', ok: ratio <= 1.5 });
  }

  return {
    title: 'trace validation (src/validation)',
    rows,
    notes: [
      'TLC times are wall times of the whole TLC process (runner durationMs), -workers 1.',
      'Recording = one world.snapshot() per step (~7 us warm at 64 subs / 256 pages) against a plain step of ~25-30 us CPU; meeting 1.5x would need the world to report what a step changed (a delta hook in src/impl).',
      'The per-step cost follows the branching of the recorded thread\'s actions (ranges x blockable x IterFirst over the tree for a start, Subs x Pages for a new fault), not the reachable states.',
    ],
  };
}
