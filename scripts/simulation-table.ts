// Simulation at large bounds next to BFS at the small ones: runs every model
// of profile "simulate" in spec/manifest.json with TLC -simulate (its depth,
// seed and budget; -workers 1, so the same behaviours every run), counts the
// behaviours until the violation, and prints a Markdown table with the BFS
// figures of the variant's bug model at the CI bounds (from the manifest).
//
//   nice -n 10 npx tsx scripts/simulation-table.ts              # every simulate model
//   nice -n 10 npx tsx scripts/simulation-table.ts MCSimBug_M9_TypeOK
//   ... --out FILE                                              # also write the table
//
// Behaviours are counted from the trace files TLC writes for every completed
// behaviour (TLC 2.18 prints no behaviour count); they go to a temporary
// folder that is removed afterwards. Exit status: 0 every violation found,
// 1 some not found within its budget, 2 bad usage or TLC not runnable.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { loadManifest, modelFiles, type Manifest, type ManifestModel } from '../src/manifest/manifest.ts';
import { judgeTlcResult, expectationOf } from '../src/manifest/verdict.ts';
import { simulationRunOptions } from '../src/pipeline/check-models.ts';
import { runTlc, TlcSetupError } from 'tla2tools-runner';
import { TLC_RECORD_FILE } from '../src/cli/project.ts';

/** One row of the table. */
interface SimulationRow {
  model: ManifestModel;
  found: boolean;
  seconds: number;
  /** Behaviours TLC started until it stopped (the violating one included). */
  behaviours: number;
  states: number | null;
  traceLength: number;
  loadAverage: number;
  bfs: ManifestModel | undefined;
}

/** The BFS bug model of the same variant and property at the CI bounds (MC.tla, no profile). */
export function bfsCounterpart(manifest: Manifest, sim: ManifestModel): ManifestModel | undefined {
  const bugs = manifest.models.filter((m) => m.module === 'MC.tla' && m.profile === undefined && m.variant === sim.variant && m.expected !== 'success');
  return bugs.find((m) => m.expected === sim.expected && m.violated === sim.violated) ?? bugs[0];
}

/** Files `<base>_<worker>_<index>` in dir: one per completed behaviour. */
function traceFileCount(dir: string, base: string): number {
  return readdirSync(dir).filter((f) => f.startsWith(`${base}_`)).length;
}

async function simulate(manifest: Manifest, model: ManifestModel): Promise<SimulationRow> {
  if (!model.simulate) throw new TlcSetupError(`${model.name} has no simulate settings`);
  const dir = mkdtempSync(join(tmpdir(), 'mmu-sim-table-'));
  try {
    const loadAverage = loadavg()[0] ?? 0;
    const result = await runTlc({ ...simulationRunOptions(model.simulate, join(dir, 'b')), jarRecordFile: TLC_RECORD_FILE, workers: 1, ...modelFiles(model) }).result;
    const found = judgeTlcResult(expectationOf(model), result).ok;
    const completed = traceFileCount(dir, 'b');
    return {
      model,
      found,
      seconds: result.durationMs / 1000,
      behaviours: completed + (found ? 1 : 0),
      states: result.generatedStates,
      traceLength: result.trace.length,
      loadAverage,
      bfs: bfsCounterpart(manifest, model),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const number = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));

/** The Markdown table of the rows. */
export function renderTable(rows: readonly SimulationRow[]): string {
  const head = '| Variant | Property | Found | Time (s) | Behaviours | States | Trace | Load | BFS model (CI bounds) | BFS distinct | BFS time (s) |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map((r) =>
    [
      r.model.variant,
      r.model.violated ?? 'deadlock',
      r.found ? 'yes' : `no (budget ${r.model.simulate?.budgetSeconds ?? '?'} s)`,
      r.seconds.toFixed(1),
      number(r.behaviours),
      number(r.states),
      r.found ? String(r.traceLength) : '–',
      r.loadAverage.toFixed(1),
      r.bfs?.name ?? '–',
      number(r.bfs?.distinctStates),
      r.bfs?.runtimeSeconds?.toFixed(1) ?? '–',
    ].join(' | '),
  );
  return [head, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  const manifest = loadManifest();
  const sims = manifest.models.filter((m) => m.profile === 'simulate' && (positionals.length === 0 || positionals.includes(m.name)));
  if (sims.length === 0) {
    console.error('simulation-table: no simulate model of spec/manifest.json matches; see its "profile" fields');
    return 2;
  }
  const rows: SimulationRow[] = [];
  // One TLC run at a time: the times are the point of the table.
  for (const model of sims) {
    process.stderr.write(`${model.name} ...\n`);
    rows.push(await simulate(manifest, model));
  }
  const table = renderTable(rows);
  console.log(table);
  if (values.out !== undefined) writeFileAtomic(resolve(values.out), `${table}\n`);
  return rows.every((r) => r.found) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`simulation-table: ${(e as Error).message}`);
    process.exit(2);
  },
);
