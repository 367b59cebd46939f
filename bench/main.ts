// `npm run bench`: runs every benchmark module and prints its figures.
// Add a module by appending one line to BENCHES; each default-exports a
// function returning a BenchReport. `npm run bench -- NAME…` runs only those. Targets are checked here, side by side
// in one run, never as timed assertions in tests.

/** One measured figure; `target` is a human-readable goal, `ok` whether it was met. */
export interface BenchRow {
  metric: string;
  value: string;
  target?: string;
  ok?: boolean;
}

/** What a benchmark module returns. */
export interface BenchReport {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

/** A benchmark module: `export default async function (): Promise<BenchReport>`. */
export type Bench = () => Promise<BenchReport>;

const BENCHES: Array<[string, () => Promise<{ default: Bench }>]> = [
  ['runner', () => import('./runner.bench.ts')],
  ['impl', () => import('./impl.bench.ts')],
  ['codegen', () => import('./codegen.bench.ts')],
  ['validation', () => import('./validation.bench.ts')],
  ['recording', () => import('./recording.bench.ts')],
];

function table(rows: BenchRow[]): string {
  const head: [string, string, string, string] = ['metric', 'value', 'target', 'met'];
  const cells = rows.map((r): [string, string, string, string] => [r.metric, r.value, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

// `npm run bench -- recording validation`: only the named modules (default: all).
const only = process.argv.slice(2);
const unknown = only.filter((n) => !BENCHES.some(([name]) => name === n));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const [name, load] of BENCHES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const report = await (await load()).default();
  console.log(`\n== ${report.title}\n${table(report.rows)}`);
  for (const n of report.notes ?? []) console.log(`  ${n}`);
  failed += report.rows.filter((r) => r.ok === false).length;
}
console.log(`\n${failed === 0 ? 'all targets met' : `${failed} target(s) missed`}`);
