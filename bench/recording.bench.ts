/**
 * The cost of recording a run (src/validation/world-recorder.ts) against a
 * plain run of the same schedules, side by side in one run: the recorder of
 * now (world.snapshotter(): parts compared with the live world, unchanged
 * ones shared) and the one before it (a full snapshot per step, shared
 * after a deep compare), both against the schedules without snapshots.
 */
import { jsonEqual } from '../src/codegen/state-diff.ts';
import { type SpecWorld } from '../src/impl/world-api.ts';
import { DEFAULT_SHAPE, mainlineConstants } from '../src/validation/run-shape.ts';
import { runSeed } from '../src/validation/validate.ts';
import { recordRun, type RecordedState, type RecordOptions } from '../src/validation/world-recorder.ts';
import type { BenchReport, BenchRow } from './main.ts';

const MAX_STEPS = 1500;

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

/**
 * The recorder of the last session, for comparison: a full snapshot() per
 * step, then every variable (and per-id entry) deep-equal to the previous
 * state's replaced by that state's object.
 */
function fullCopy(world: SpecWorld): () => RecordedState {
  let prev: RecordedState | undefined;
  return () => {
    const next = world.snapshot() as RecordedState;
    if (prev === undefined) return (prev = next);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      const p = prev[k];
      if (jsonEqual(p, v)) out[k] = p;
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof p === 'object' && p !== null) {
        const inner: Record<string, unknown> = {};
        for (const [id, x] of Object.entries(v)) inner[id] = jsonEqual((p as Record<string, unknown>)[id], x) ? (p as Record<string, unknown>)[id] : x;
        out[k] = inner;
      } else out[k] = v;
    }
    return (prev = out as RecordedState);
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export default async function bench(): Promise<BenchReport> {
  const rows: BenchRow[] = [];
  {
    const c = mainlineConstants({ ...DEFAULT_SHAPE, subs: 64, pages: 256 }, 3);
    const seeds = Array.from({ length: 8 }, (_, j) => runSeed(5, j));
    const runAll = (record: boolean, snapshots?: RecordOptions['snapshots']) => async (): Promise<void> => {
      for (const seed of seeds) await recordRun(c, { seed, maxSteps: MAX_STEPS, record, ...(snapshots ? { snapshots } : {}) });
    };
    await runAll(true)(); // warm-up
    await runAll(true, fullCopy)();
    // Interleaved rounds, CPU time: the machine may be shared, wall time is not comparable.
    const times: Record<'plain' | 'shared' | 'copy', number[]> = { plain: [], shared: [], copy: [] };
    for (let i = 0; i < 5; i++) {
      times.plain.push(...(await medianCpuMs(1, runAll(false))));
      times.shared.push(...(await medianCpuMs(1, runAll(true))));
      times.copy.push(...(await medianCpuMs(1, runAll(true, fullCopy))));
    }
    const [plain, shared, copy] = [median(times.plain), median(times.shared), median(times.copy)];
    const ratio = shared / plain;
    rows.push({ metric: 'recording cost: 8 schedules, 64 subs, 256 pages (recorded / plain)', value: `${ratio.toFixed(2)}x (${shared.toFixed(0)} vs ${plain.toFixed(0)} ms CPU)`, target: '<= 1.5x', ok: ratio <= 1.5 });
    rows.push({ metric: '  before: a full snapshot per step, unchanged parts shared after a deep compare', value: `${(copy / plain).toFixed(2)}x (${copy.toFixed(0)} ms CPU)` });
  }

  return {
    title: 'recording a run (src/validation/world-recorder.ts)',
    rows,
    notes: [
      'CPU time of this process, median of 5 interleaved rounds; each round runs the same 8 seeded schedules plain, recorded, and recorded the old way.',
      'Recording = one world.snapshotter() call per step: each part of the state is compared field by field with the live world and reused when unchanged (src/impl/snapshot-sharing.ts), so a step allocates only what it changed.',
    ],
  };
}
