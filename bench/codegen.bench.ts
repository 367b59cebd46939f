// Benchmarks of src/codegen, side by side in one run on the export model MCExport_Small:
// (a) graph export: TLC's dot dump vs the ACTION_CONSTRAINT + PrintT + -userFile edge
//     log — TLC time and parse time of each, against TLC without any export;
// (b) generation (index + edge cover + trace file) vs the TLC time of the same model;
// (c) replay speed on the implementation (steps/s, whole-state comparison);
// (d) the conformance suite's time with cached traces, and the cold generation time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectDotDump, parseTlcValue } from 'tla2tools-runner';
import { exportModelTraces } from '../src/codegen/export-traces.ts';
import { runTlcJob } from '../src/codegen/tlc-job.ts';
import { projectModels, projectPaths, tracesOf } from '../src/codegen/suite.ts';
import { replayTrace } from '../src/codegen/replay.ts';
import { expandTrace, type TraceFile } from '../src/codegen/trace-format.ts';
import type { BenchReport, BenchRow } from './main.ts';

const root = resolve(import.meta.dirname, '..');
const paths = projectPaths(root);
const MODEL = 'MCExport_Small';

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** TLC with the edge log: the model's config plus ACTION_CONSTRAINT EdgeLog, PrintT into -userFile. */
/** Replay speed alone: every trace with whole-state comparison, no other check (conformance-judge.ts judges). */
async function replayOnly(file: TraceFile): Promise<{ traces: number; failing: number; steps: number; ms: number }> {
  const t0 = performance.now();
  let steps = 0;
  let failing = 0;
  for (const entry of file.traces) {
    const r = await replayTrace(expandTrace(file, entry));
    steps += r.stepsReplayed;
    if (r.failure) failing++;
  }
  return { traces: file.traces.length, failing, steps, ms: performance.now() - t0 };
}

async function edgeLogExport(spec: string, config: string, work: string): Promise<{ tlcMs: number; parseMs: number; edges: number; states: number }> {
  const cfg = join(work, 'edgelog.cfg');
  writeFileSync(cfg, `${readFileSync(config, 'utf8')}\nACTION_CONSTRAINT EdgeLog\n`);
  const userFile = join(work, 'edges.txt');
  const t0 = performance.now();
  await runTlcJob({ spec, config: cfg, jarRecordFile: paths.jarRecordFile, fp: 1, checkDeadlock: false, extraArgs: ['-userFile', userFile] }, ['success'], 'edge log');
  const tlcMs = performance.now() - t0;
  const t1 = performance.now();
  const ids = new Map<string, number>();
  let edges = 0;
  for (const line of readFileSync(userFile, 'utf8').split('\n')) {
    if (!line.startsWith('<<"E"')) continue;
    const v = parseTlcValue(line);
    if (v.kind !== 'tuple') throw new Error(`unexpected edge line ${line.slice(0, 80)}`);
    for (const st of v.items.slice(1)) {
      const key = JSON.stringify(st);
      if (!ids.has(key)) ids.set(key, ids.size);
    }
    edges++;
  }
  return { tlcMs, parseMs: performance.now() - t1, edges, states: ids.size };
}

export default async function bench(): Promise<BenchReport> {
  const model = projectModels(paths, 'export').find((m) => m.name === MODEL);
  if (!model) throw new Error(`${MODEL} not found in spec/`);
  const work = mkdtempSync(join(tmpdir(), 'codegen-bench-'));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    // (a) TLC alone, with the dot dump, with the edge log.
    let t0 = performance.now();
    const plain = await runTlcJob({ spec: model.spec, config: model.config, jarRecordFile: paths.jarRecordFile, fp: 1, checkDeadlock: false }, ['success'], 'plain');
    const plainMs = performance.now() - t0;
    t0 = performance.now();
    const dot = join(work, 'g.dot');
    await runTlcJob({ spec: model.spec, config: model.config, jarRecordFile: paths.jarRecordFile, fp: 1, checkDeadlock: false, dumpDot: dot }, ['success'], 'dot');
    const dotTlcMs = performance.now() - t0;
    t0 = performance.now();
    const graph = await collectDotDump(dot);
    const dotParseMs = performance.now() - t0;
    const log = await edgeLogExport(model.spec, model.config, work);
    rows.push(
      { metric: `${MODEL}: distinct states / edges (dot)`, value: `${plain.result.distinctStates} / ${graph.edges.length}` },
      { metric: 'TLC without export', value: s(plainMs) },
      { metric: 'dot dump: TLC + parse', value: `${s(dotTlcMs)} + ${s(dotParseMs)} = ${s(dotTlcMs + dotParseMs)}` },
      { metric: 'edge log: TLC + parse', value: `${s(log.tlcMs)} + ${s(log.parseMs)} = ${s(log.tlcMs + log.parseMs)}` },
      {
        metric: 'dot dump faster than edge log',
        value: `${((log.tlcMs + log.parseMs) / (dotTlcMs + dotParseMs)).toFixed(2)}x`,
        target: 'the kept export (dot) is the faster one',
        ok: dotTlcMs + dotParseMs <= log.tlcMs + log.parseMs,
      },
    );
    notes.push(`edge log saw ${log.edges} edge lines over ${log.states} states (no initial-state line; TLC prints it only via a CONSTRAINT)`);

    // (b) the generator on the same model (fresh, not cached).
    const made = await exportModelTraces(model, work, { jarRecordFile: paths.jarRecordFile, meta: {} });
    const f = made.figures;
    rows.push(
      { metric: 'edge-cover traces / minimum (min-flow) / sink-edge bound', value: `${made.file.traces.length} / ${f.minimumTraces} / ${f.sinkEdgeBound}` },
      { metric: 'states, edges covered', value: `${f.statesCovered}/${f.states}, ${f.edgesCovered}/${f.edges}`, target: '100%', ok: f.statesCovered === f.states && f.edgesCovered === f.edges },
      { metric: 'generation (parse + index + cover) / TLC with dump', value: `${s(f.genMs)} / ${s(f.tlcMs)} = ${(f.genMs / f.tlcMs).toFixed(2)}` },
    );

    // (c) replay speed.
    const run = await replayOnly(made.file);
    const perSec = (run.steps / run.ms) * 1000;
    rows.push(
      { metric: 'replay steps (traces)', value: `${run.steps} (${run.traces}), ${run.failing} failing` },
      { metric: 'replay speed, whole-state comparison', value: `${Math.round(perSec)} steps/s`, target: '>= 50,000 steps/s', ok: perSec >= 50_000 },
    );

    // (d) conformance suite with the cache warm; cold generation time from the cached figures.
    let cold = 0;
    for (const m of projectModels(paths)) {
      const g = await tracesOf(paths, m);
      cold += g.figures.tlcMs + g.figures.genMs;
    }
    t0 = performance.now();
    const vitest = spawnSync('npx', ['vitest', 'run', 'test/conformance'], { cwd: root, encoding: 'utf8' });
    const suiteMs = performance.now() - t0;
    rows.push(
      { metric: 'test/conformance, traces cached', value: `${s(suiteMs)} (exit ${vitest.status})`, target: '<= 180 s', ok: suiteMs <= 180_000 },
      { metric: 'cold generation of every model (sum)', value: s(cold) },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { title: 'codegen: graph export, edge cover, replay', rows, notes };
}
