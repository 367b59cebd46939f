/**
 * Benchmarks of src/impl, measured side by side in one run:
 * - interval lookup throughput, tree vs linear scan, at 1e3, 1e5, 1e6 intervals;
 * - invalidation cost (invalidate_range_start + end), tree vs linear scan;
 * - overhead of the free-running scheduler's step points vs the same source
 *   with the step points removed (a stripped copy written at run time);
 * - heap bytes per inserted subscription.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IntervalIndex } from '../src/impl/interval-index.ts';
import { LinearIndex } from '../src/impl/linear-index.ts';
import { Subscriptions } from '../src/impl/notifier.ts';
import { type IntervalOps, type Invalidation, NONE, Subscription } from '../src/impl/subscription.ts';
import type { BenchReport, BenchRow } from './main.ts';

/** A small deterministic PRNG so both sides see the same intervals and queries. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPACE = 1e9;
const intervalAt = (r: () => number): [number, number] => {
  const start = Math.floor(r() * SPACE);
  return [start, start + Math.floor(r() * 4096)];
};
const queryAt = (r: () => number): [number, number] => {
  const start = Math.floor(r() * SPACE);
  return [start, start + Math.floor(r() * 512)];
};

/** Runs `fn` `reps` times; returns the per-call time in microseconds. */
function timeUs(reps: number, fn: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / reps;
}

async function timeUsAsync(reps: number, fn: (i: number) => Promise<void>): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) await fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / reps;
}

/**
 * Like timeUsAsync, but CPU time of this process (user + system): other
 * processes on a shared machine preempt us, which wall time would count.
 */
async function cpuUsAsync(reps: number, fn: (i: number) => Promise<void>): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) await fn(i);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / reps;
}

const fmt = (x: number, d = 2): string => x.toFixed(d);

function lookupRows(n: number): BenchRow[] {
  const r = rng(n);
  const tree = new IntervalIndex<number>();
  const lin = new LinearIndex<number>();
  for (let i = 0; i < n; i++) {
    const [s, l] = intervalAt(r);
    tree.insert(s, l, i, `n${i}`, i);
    lin.insert(s, l, i, `n${i}`, i);
  }
  const queries = Array.from({ length: 4096 }, () => queryAt(r));
  // Same answers on a sample, so the two sides do the same work.
  for (const [s, l] of queries.slice(0, 8)) {
    if (tree.intersecting(s, l).length !== lin.intersecting(s, l).length) throw new Error('index mismatch');
  }
  let sink = 0;
  const treeUs = timeUs(100_000, (i) => {
    const [s, l] = queries[i & 4095] as [number, number];
    sink += tree.intersecting(s, l).length;
  });
  const linUs = timeUs(Math.max(10, Math.floor(2e7 / n)), (i) => {
    const [s, l] = queries[i & 4095] as [number, number];
    sink += lin.intersecting(s, l).length;
  });
  if (sink < 0) throw new Error('unreachable');
  return [
    { metric: `lookup n=${n.toExponential(0)}: tree`, value: `${fmt(1e6 / treeUs, 0)} queries/s (${fmt(treeUs, 3)} us)` },
    { metric: `lookup n=${n.toExponential(0)}: linear scan`, value: `${fmt(1e6 / linUs, 0)} queries/s (${fmt(linUs, 1)} us)` },
    { metric: `lookup n=${n.toExponential(0)}: speed-up tree/linear`, value: `${fmt(linUs / treeUs, 1)}x`, target: n >= 1e5 ? '> 1x' : undefined, ok: n >= 1e5 ? linUs > treeUs : undefined },
  ];
}

/** invalidate_range_start/end through a plain array scan (the baseline of the core's tree walk). */
async function linearInvalidate(all: Subscription[], state: { seq: number; active: number }, inv: Invalidation): Promise<void> {
  state.active++;
  let hit = false;
  for (const sub of all) {
    if (sub.start <= inv.last && sub.last >= inv.start) {
      if (!hit) state.seq |= 1;
      hit = true;
      await sub.ops.invalidate(sub, inv, state.seq);
    }
  }
  state.active--;
  if (state.active === 0 && state.seq % 2 === 1) state.seq++;
}

async function invalidationRows(n: number): Promise<BenchRow[]> {
  const r = rng(n + 1);
  const ops: IntervalOps = { invalidate: (sub, _r, cur) => ((sub.seq = cur), true) };
  const core = new Subscriptions();
  const all: Subscription[] = [];
  for (let i = 0; i < n; i++) {
    const [s, l] = intervalAt(r);
    const sub = new Subscription(`n${i}`, ops, 0, 0, i + 1);
    core.insert(sub, s, l - s + 1);
    all.push(sub);
  }
  const queries = Array.from({ length: 4096 }, () => queryAt(r));
  const inv: Invalidation = { task: { id: 'i1', pc: 'idle' }, start: 0, last: 0, blockable: true, event: 'clear', curSeq: 0, cursor: NONE };
  const treeUs = await timeUsAsync(50_000, async (i) => {
    [inv.start, inv.last] = queries[i & 4095] as [number, number];
    await core.invalidateRangeStart(inv);
    await core.invalidateRangeEnd(inv);
  });
  const state = { seq: 2, active: 0 };
  const linUs = await timeUsAsync(Math.max(10, Math.floor(1e7 / n)), async (i) => {
    [inv.start, inv.last] = queries[i & 4095] as [number, number];
    await linearInvalidate(all, state, inv);
  });
  return [
    { metric: `invalidation n=${n.toExponential(0)}: core (tree)`, value: `${fmt(treeUs, 3)} us/op` },
    { metric: `invalidation n=${n.toExponential(0)}: linear scan`, value: `${fmt(linUs, 1)} us/op` },
    { metric: `invalidation n=${n.toExponential(0)}: speed-up`, value: `${fmt(linUs / treeUs, 1)}x` },
  ];
}

// ------------------------------------------------------------ step-point overhead

const GATE_LINE = /^\s*(const |let )?(p|gate) = (this\.)?sched\.point\(.*\);\s*$/;
const AWAIT_LINE = /^\s*if \((p|gate) !== undefined\) await (p|gate);\s*$/;

/** Writes a copy of src/impl + src/protocol with every step-point line removed; returns its impl dir. */
function strippedCopy(dir: string): { dir: string; removed: number } {
  cpSync('src/protocol', join(dir, 'protocol'), { recursive: true });
  cpSync('src/impl', join(dir, 'impl'), { recursive: true });
  let removed = 0;
  for (const f of readdirSync(join(dir, 'impl'))) {
    if (!f.endsWith('.ts')) continue;
    const path = join(dir, 'impl', f);
    const lines = readFileSync(path, 'utf8').split('\n');
    const kept = lines.filter((l) => !GATE_LINE.test(l) && !AWAIT_LINE.test(l));
    removed += lines.length - kept.length;
    writeFileSync(path, kept.join('\n'));
  }
  return { dir: join(dir, 'impl'), removed };
}

interface ImplModules {
  Subscriptions: typeof Subscriptions;
  MirrorDriver: typeof import('../src/impl/mirror-driver.ts').MirrorDriver;
  SimulatedMm: typeof import('../src/impl/mm.ts').SimulatedMm;
  idleFaultLocals: typeof import('../src/impl/mirror-driver.ts').idleFaultLocals;
}

async function load(dir: string): Promise<ImplModules> {
  const [n, d, m] = await Promise.all([
    import(join(dir, 'notifier.ts')) as Promise<typeof import('../src/impl/notifier.ts')>,
    import(join(dir, 'mirror-driver.ts')) as Promise<typeof import('../src/impl/mirror-driver.ts')>,
    import(join(dir, 'mm.ts')) as Promise<typeof import('../src/impl/mm.ts')>,
  ]);
  return { Subscriptions: n.Subscriptions, MirrorDriver: d.MirrorDriver, SimulatedMm: m.SimulatedMm, idleFaultLocals: d.idleFaultLocals };
}

/** One mirror workload: invalidations (callback: lock, set_seq, zap, unlock) and faults, no contention. */
async function mirrorWorkload(M: ImplModules, iterations: number): Promise<number> {
  const notifier = new M.Subscriptions();
  const mm = new M.SimulatedMm(1024);
  const driver = new M.MirrorDriver({ notifier, mm, record: () => undefined, maxTries: 4 });
  const subs = Array.from({ length: 64 }, (_, i) => driver.newSubscription(`s${i}`, 0, 0, i + 1));
  subs.forEach((s, i) => notifier.insert(s, i * 16 + 1, 16));
  const task = { id: 'i1', pc: 'idle' };
  const ftask = { id: 'f1', pc: 'idle' };
  const inv: Invalidation = { task, start: 0, last: 0, blockable: true, event: 'clear', curSeq: 0, cursor: NONE };
  const r = rng(7);
  return cpuUsAsync(iterations, async () => {
    const start = 1 + Math.floor(r() * 1000);
    inv.start = start;
    inv.last = start + Math.floor(r() * 24);
    await notifier.invalidateRangeStart(inv);
    mm.changePtes(inv.start, inv.last);
    await notifier.invalidateRangeEnd(inv);
    const sub = subs[Math.floor(r() * 64)] as Subscription;
    await driver.fault(ftask, M.idleFaultLocals(0), sub, sub.start + Math.floor(r() * 16));
  });
}

async function overheadRows(): Promise<BenchRow[]> {
  const tmp = mkdtempSync(join(process.cwd(), 'bench', '.nopoints-'));
  try {
    const { dir, removed } = strippedCopy(tmp);
    const withPoints = await load(join(process.cwd(), 'src', 'impl'));
    const without = await load(dir);
    const a: number[] = [];
    const b: number[] = [];
    const ratios: number[] = [];
    await mirrorWorkload(withPoints, 20_000); // warm-up
    await mirrorWorkload(without, 20_000);
    // Interleaved pairs (alternating which side runs first), ratio per pair: a
    // burst of load from other processes then hits both sides of a pair alike.
    for (let round = 0; round < 21; round++) {
      const first = round % 2 === 0;
      const x = first ? await mirrorWorkload(withPoints, 20_000) : 0;
      const y = await mirrorWorkload(without, 20_000);
      const z = first ? x : await mirrorWorkload(withPoints, 20_000);
      a.push(z);
      b.push(y);
      ratios.push(z / y);
    }
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    const ratio = median(ratios);
    return [
      { metric: 'mirror step (invalidate + fault): free-running scheduler', value: `${fmt(median(a), 3)} us CPU` },
      { metric: `mirror step: same source, ${removed} step-point lines removed`, value: `${fmt(median(b), 3)} us CPU` },
      { metric: 'step-point overhead (median of 21 paired CPU-time ratios)', value: fmt(ratio, 3), target: '<= 1.10', ok: ratio <= 1.1 },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ memory

function memoryRows(): BenchRow[] {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const n = 200_000;
  const ops: IntervalOps = { invalidate: () => true };
  const r = rng(3);
  gc();
  const before = process.memoryUsage().heapUsed;
  const core = new Subscriptions();
  const keep: Subscription[] = [];
  for (let i = 0; i < n; i++) {
    const [s, l] = intervalAt(r);
    const sub = new Subscription(`n${i}`, ops, 0, 0, i + 1);
    core.insert(sub, s, l - s + 1);
    keep.push(sub);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  const perSub = (after - before) / n;
  if (keep.length !== core.tree.size) throw new Error('unreachable');
  return [{ metric: `heap per inserted subscription (n=${n}, incl. id string, tree node, id map)`, value: `${fmt(perSub, 0)} bytes` }];
}

/** The impl benchmark module. */
export default async function implBench(): Promise<BenchReport> {
  const rows: BenchRow[] = [];
  for (const n of [1e3, 1e5, 1e6]) rows.push(...lookupRows(n));
  for (const n of [1e3, 1e5, 1e6]) rows.push(...(await invalidationRows(n)));
  rows.push(...(await overheadRows()));
  rows.push(...memoryRows());
  return {
    title: 'src/impl: interval index, invalidation, step points, memory',
    rows,
    notes: [
      'intervals: uniform starts in [0, 1e9), lengths 1..4096; queries: lengths 1..512 (a few hits each)',
      'the overhead baseline is a copy of src/impl with every `sched.point` line and its await removed (bench/.nopoints-*, deleted after the run)',
    ],
  };
}
