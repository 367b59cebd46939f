// Benchmarks of src/tla2tools-runner:
// (a) overhead of runTlc versus the same plain `java` command, alternated;
// (b) parser throughput: TLC values (MB/s), -tool output (MB/s), and a dot dump
//     of ~1.5e5 edges produced by TLC (edges/s, parse time / TLC time).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import {
  collectDotDump,
  jvmArgs,
  parseTlcOutput,
  parseTlcValue,
  printTlcValue,
  readDotDump,
  readDotDumpBatches,
  resolveJar,
  resolveJava,
  runTlc,
  tlcArgs,
  type TlcRunOptions,
} from 'tla2tools-runner';
import { tlcValueArbitrary } from '../test/tla2tools-runner/value-arbitrary.ts';
import { recording } from '../test/tla2tools-runner/recorded.ts';
import type { BenchReport, BenchRow } from './main.ts';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fixtures', 'tlc');
const jarRecordFile = join(root, '.tlc', 'tlc.json');
const RUNS = 8;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The same command runTlc builds, run with plain spawn (output discarded). */
async function plainJava(options: TlcRunOptions): Promise<number> {
  const java = resolveJava();
  const jar = resolveJar({ recordFile: jarRecordFile });
  const dir = mkdtempSync(join(tmpdir(), 'tlc-bench-'));
  try {
    const dirs = { metadir: join(dir, 'meta'), javaTmpdir: join(dir, 'tmp') };
    mkdirSync(dirs.javaTmpdir);
    const args = [...jvmArgs(options, dirs), '-cp', jar, 'tlc2.TLC', ...tlcArgs(options, dirs)];
    const t0 = performance.now();
    await new Promise<void>((r) => spawn(java.command, args, { cwd: fixtures, stdio: 'ignore' }).on('close', () => r()));
    return performance.now() - t0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Node-side CPU time (user + system) spent during runner runs, in ms. */
let runnerCpuMs = 0;

async function viaRunner(options: TlcRunOptions): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runTlc({ ...options, jarRecordFile }).result;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  runnerCpuMs += (cpu.user + cpu.system) / 1000;
  if (r.outcome !== 'success') throw new Error(`bench run failed: ${r.errors.join('; ')}`);
  return ms;
}

async function overhead(): Promise<BenchRow[]> {
  const options: TlcRunOptions = { spec: join(fixtures, 'Grid.tla') };
  const runner: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate in ABBA order: drift in machine load and whatever favours the
    // first of two back-to-back JVMs hit both sides alike.
    if (i % 2 === 0) {
      runner.push(await viaRunner(options));
      plain.push(await plainJava(options));
    } else {
      plain.push(await plainJava(options));
      runner.push(await viaRunner(options));
    }
  }
  const ratio = median(runner) / median(plain);
  const cpuShare = runnerCpuMs / runner.reduce((a, b) => a + b, 0);
  return [
    { metric: `runTlc, Grid N=29 (median of ${RUNS})`, value: `${median(runner).toFixed(0)} ms` },
    { metric: `plain java, same command (median of ${RUNS})`, value: `${median(plain).toFixed(0)} ms` },
    { metric: 'runner overhead (ratio of medians)', value: ratio.toFixed(3), target: '<= 1.05', ok: ratio <= 1.05 },
    // Independent of machine load: the CPU the Node side itself spent, per wall-clock time of the runs.
    { metric: 'Node CPU time of runTlc / run wall time', value: `${(cpuShare * 100).toFixed(2)} %` },
  ];
}

/** Mean time of `fn` in ms, after warm-up passes (throughput of compiled code). */
function timeIt(fn: () => void, minMs = 500): number {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const t0 = performance.now();
  do {
    fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / n;
}

function valueThroughput(): BenchRow[] {
  const texts = fc.sample(tlcValueArbitrary, { numRuns: 5000, seed: 42 }).map(printTlcValue);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const ms = timeIt(() => texts.forEach((t) => parseTlcValue(t)));
  const tool = recording('Values').text;
  const toolMs = timeIt(() => parseTlcOutput(tool));
  return [
    { metric: `value parser, warm (${texts.length} random values, ${(bytes / 1e6).toFixed(2)} MB)`, value: `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s` },
    { metric: '-tool output parser, warm (Values recording)', value: `${(Buffer.byteLength(tool) / 1e6 / (toolMs / 1000)).toFixed(1)} MB/s` },
  ];
}

async function dotThroughput(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tlc-bench-dot-'));
  try {
    const file = join(dir, 'grid.dot');
    const t0 = performance.now();
    const r = await runTlc({ spec: join(fixtures, 'Grid.tla'), fp: 1, dumpDot: file, jarRecordFile }).result;
    const tlcMs = performance.now() - t0;
    if (r.outcome !== 'success') throw new Error(`dot dump run failed: ${r.errors.join('; ')}`);
    // Cold: the first parse in this process, as a pipeline would see it.
    const t2 = performance.now();
    const graph = await collectDotDump(file);
    const collectMs = performance.now() - t2;
    // Warm: streaming throughput once the parser is compiled.
    const t1 = performance.now();
    let edges = 0;
    for await (const batch of readDotDumpBatches(file)) for (const rec of batch) if (rec.type === 'edge') edges++;
    const batchMs = performance.now() - t1;
    const t1b = performance.now();
    let edgesOneByOne = 0;
    for await (const rec of readDotDump(file)) if (rec.type === 'edge') edgesOneByOne++;
    const streamMs = performance.now() - t1b;
    if (edgesOneByOne !== edges || graph.edges.length !== edges) throw new Error('dot readers disagree');
    const ratio = collectMs / tlcMs;
    return {
      rows: [
        { metric: `TLC run with -dump dot (${graph.nodes.size} states, ${edges} edges)`, value: `${tlcMs.toFixed(0)} ms` },
        { metric: 'dot stream, warm, batches (records only)', value: `${((edges / batchMs) * 1000 / 1e6).toFixed(2)} M edges/s` },
        { metric: 'dot stream, warm, one by one (records only)', value: `${((edges / streamMs) * 1000 / 1e6).toFixed(2)} M edges/s` },
        { metric: 'dot collect, cold (records + state parsing)', value: `${((edges / collectMs) * 1000 / 1e6).toFixed(2)} M edges/s (${collectMs.toFixed(0)} ms)` },
        { metric: 'dot collect time / TLC time', value: `${(ratio * 100).toFixed(1)} %`, target: '< 20 %', ok: ratio < 0.2 },
      ],
      notes: [`dot file ${(statSync(file).size / 1e6).toFixed(1)} MB; TLC time includes JVM start-up`],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The runner benchmark (see the file comment). */
export default async function runnerBench(): Promise<BenchReport> {
  const rows = [...(await overhead()), ...valueThroughput()];
  const dot = await dotThroughput();
  return { title: 'tla2tools-runner', rows: [...rows, ...dot.rows], notes: dot.notes };
}
