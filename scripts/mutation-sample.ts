// A uniform random sample of Stryker's mutants of src/impl, for a score that
// would take too long to measure over every mutant (the conformance and
// validation suites alone: about 9 hours for all of them on two cores).
//
//   npx tsx scripts/mutation-sample.ts draw --size 400 --seed 1   # writes the sample, prints --mutate
//   npx tsx scripts/mutation-sample.ts score [--survivors]        # the sample's score from the report
//
// `draw` lists every mutant Stryker would make of the files of
// stryker.config.mjs's `mutate` list (its own instrumenter, default
// mutators), draws --size of them without replacement with a seeded
// generator, writes them to reports/mutation/sample.json and prints a
// `--mutate` value that names each one by its exact range (line:column).
// A range also takes the mutants nested inside it, so `score` counts only
// the sampled ones: it matches them in reports/mutation/mutation.json by
// file, mutator, replacement and position, and prints the score with its
// 95 % Wilson interval, as a whole and per folder. `--report a.json,b.json`
// reads several runs' reports (a later one wins where both have a mutant);
// a sample as large as the population (`draw --size 99999`) scores every mutant.
// Exit status: 0 done, 1 a sampled mutant is missing from the report, 2 bad
// usage or a file that cannot be read.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { sampleIgnorer } from './mutation-sample-ignorer.mjs';

/** One mutant, named the way both the instrumenter and the JSON report can be matched on. */
export interface SampledMutant {
  file: string;
  mutatorName: string;
  replacement: string;
  /** 1-based lines, 0-based columns (the form of Stryker's `file:L:C-L:C` ranges). */
  start: { line: number; column: number };
  end: { line: number; column: number };
}

const SAMPLE_FILE = 'reports/mutation/sample.json';
const REPORT_FILE = 'reports/mutation/mutation.json';

/**
 * The files of the config's `mutate` list. It uses two forms only, and they
 * are all this reads: `folder/*.ts` (every .ts file of the folder) and
 * `!path` (leave that file out); any other form is refused.
 */
function mutateFiles(patterns: readonly string[]): string[] {
  const files = new Set<string>();
  for (const p of patterns) {
    const folder = /^([\w./-]+)\/\*\.ts$/.exec(p)?.[1];
    if (folder !== undefined) {
      for (const f of readdirSync(folder)) if (f.endsWith('.ts')) files.add(`${folder}/${f}`);
    } else if (p.startsWith('!')) files.delete(p.slice(1));
    else throw new Error(`cannot read the mutate pattern ${p} (only "folder/*.ts" and "!file")`);
  }
  return [...files].sort();
}

const quietLogger = {
  isDebugEnabled: () => false,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => console.error(m),
  error: (m: string) => console.error(m),
} as unknown as ConstructorParameters<typeof Instrumenter>[0];

type InstrumentOptions = Parameters<Instrumenter['instrument']>[1];

/**
 * Every mutant of the files, as Stryker's instrumenter makes them; with a
 * sample, the mutants a run restricted to it makes (its ranges, and the
 * sample-only ignorer of scripts/mutation-sample-ignorer.mjs).
 */
export async function listMutants(files: readonly string[], sample?: readonly SampledMutant[]): Promise<SampledMutant[]> {
  const rangesOf = (name: string): true | { start: { line: number; column: number }; end: { line: number; column: number } }[] =>
    sample === undefined
      ? true
      : sample.filter((m) => m.file === name).map((m) => ({ start: { line: m.start.line - 1, column: m.start.column }, end: { line: m.end.line - 1, column: m.end.column } }));
  const input = files.map((name) => ({ name: resolve(name), content: readFileSync(name, 'utf8'), mutate: rangesOf(name) }));
  const ignorers = sample === undefined ? [] : [sampleIgnorer(sample, process.cwd())];
  const options = { plugins: null, excludedMutations: [], ignorers } as unknown as InstrumentOptions;
  const { mutants } = await new Instrumenter(quietLogger).instrument(input, options);
  return mutants.filter((m) => m.status === undefined).map((m) => ({
    file: relative(process.cwd(), m.fileName),
    mutatorName: m.mutatorName,
    replacement: m.replacement,
    start: { line: m.location.start.line + 1, column: m.location.start.column },
    end: { line: m.location.end.line + 1, column: m.location.end.column },
  }));
}

/** A seeded generator (mulberry32), so a sample can be drawn again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` of the items without replacement (a partial Fisher–Yates shuffle). */
export function draw<T>(items: readonly T[], size: number, seed: number): T[] {
  const a = [...items];
  const next = random(seed);
  const n = Math.min(size, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/** Stryker's range for exactly this mutant's node. */
export function rangeOf(m: SampledMutant): string {
  return `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}`;
}

/** The key a mutant is matched on in the report (whose columns are 1-based). */
function keyOf(file: string, mutatorName: string, replacement: string, sl: number, sc: number, el: number, ec: number): string {
  return [file, mutatorName, replacement, sl, sc, el, ec].join('\u0000');
}

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The status of each sampled mutant in the report; undefined where it is missing. */
export function statusesOf(sample: readonly SampledMutant[], report: { files: Record<string, { mutants: ReportMutant[] }> }): (string | undefined)[] {
  const byKey = new Map<string, string>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      const { start, end } = m.location;
      byKey.set(keyOf(file, m.mutatorName, m.replacement ?? '', start.line, start.column - 1, end.line, end.column - 1), m.status);
    }
  }
  return sample.map((m) => byKey.get(keyOf(m.file, m.mutatorName, m.replacement, m.start.line, m.start.column, m.end.line, m.end.column)));
}

/** The 95 % Wilson score interval of k successes in n. */
export function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return [(centre - half) / denominator, (centre + half) / denominator];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** One line of the score table: counts by status and the score with its interval. */
function scoreLine(label: string, statuses: readonly string[]): string {
  const count = (s: string): number => statuses.filter((x) => x === s).length;
  const detected = count('Killed') + count('Timeout');
  const [lo, hi] = wilson(detected, statuses.length);
  return `${label.padEnd(28)} ${String(statuses.length).padStart(4)} mutants  killed ${count('Killed')}  timeout ${count('Timeout')}  survived ${count('Survived')}  no coverage ${count('NoCoverage')}  score ${pct(detected / statuses.length)} (95 %: ${pct(lo)}–${pct(hi)})`;
}

/** One line on standard error; exit status 2. */
function usageError(message: string): number {
  console.error(`mutation-sample: ${message}`);
  return 2;
}

/** `draw`: the sample to sample.json, its ranges to standard output. */
async function drawCommand(size: number, seed: number): Promise<number> {
  if (!Number.isInteger(size) || size < 1 || !Number.isInteger(seed)) {
    return usageError('--size must be a positive integer and --seed an integer');
  }
  const config = ((await import(resolve('stryker.config.mjs'))) as { default: { mutate: string[] } }).default;
  const all = await listMutants(mutateFiles(config.mutate));
  const sample = draw(all, size, seed);
  mkdirSync(dirname(SAMPLE_FILE), { recursive: true });
  writeFileAtomic(SAMPLE_FILE, JSON.stringify({ seed, population: all.length, sample }, null, 1) + '\n');
  const files = [...new Set(sample.map((m) => m.file))].sort();
  const running = await listMutants(files, sample);
  console.error(`mutation-sample: ${sample.length} of ${all.length} mutants (seed ${seed}) in ${SAMPLE_FILE}`);
  console.error(`mutation-sample: Stryker will run ${running.length} of them with MMU_MUTATION_SAMPLE_ONLY=1 (the sampled nodes' mutants), more without it (every mutant nested in a sampled range)`);
  console.log(sample.map(rangeOf).join(','));
  return 0;
}

/** `score`: the sampled mutants' statuses in the reports, as a whole and per folder. */
function scoreCommand(reportFiles: readonly string[], listSurvivors: boolean): number {
  const absent = [SAMPLE_FILE, ...reportFiles].find((f) => !existsSync(f));
  if (absent === SAMPLE_FILE) return usageError(`no sample in ${SAMPLE_FILE}: draw one first (mutation-sample.ts draw)`);
  if (absent !== undefined) return usageError(`no report at ${absent}: run npm run mutation -- --mutate "<what draw printed>" first`);
  const { population, sample } = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as { population: number; sample: SampledMutant[] };
  const statuses = sample.map(() => undefined as string | undefined);
  for (const f of reportFiles) {
    const report = JSON.parse(readFileSync(f, 'utf8')) as Parameters<typeof statusesOf>[1];
    statusesOf(sample, report).forEach((s, i) => (statuses[i] = s ?? statuses[i]));
  }
  const missing = sample.filter((_, i) => statuses[i] === undefined);
  if (missing.length > 0) {
    const some = missing.slice(0, 3).map((m) => `${rangeOf(m)} ${m.mutatorName}`);
    console.error(`mutation-sample: ${missing.length} sampled mutants are in no report (run them first), e.g. ${some.join('; ')}`);
  }
  const found = sample.flatMap((m, i) => (statuses[i] === undefined ? [] : [{ m, status: statuses[i] }]));
  console.log(`sample of ${sample.length} from ${population} mutants; ${found.length} found in ${reportFiles.join(', ')}`);
  console.log(scoreLine('all', found.map((f) => f.status)));
  const folderOf = (f: string): string => f.split('/').slice(0, -1).join('/') + '/';
  for (const folder of [...new Set(found.map((f) => folderOf(f.m.file)))].sort()) {
    console.log(scoreLine(folder, found.filter((f) => folderOf(f.m.file) === folder).map((f) => f.status)));
  }
  for (const { m, status } of listSurvivors ? found : []) {
    if (status === 'Survived' || status === 'NoCoverage') console.log(`${status.padEnd(10)} ${rangeOf(m)} ${m.mutatorName} -> ${m.replacement.replace(/\s+/g, ' ').slice(0, 60)}`);
  }
  return missing.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      survivors: { type: 'boolean', default: false },
      size: { type: 'string', default: '400' },
      seed: { type: 'string', default: '1' },
      report: { type: 'string', default: REPORT_FILE },
    },
  });
  const [command] = positionals;
  if (command === 'draw') return drawCommand(Number(values.size), Number(values.seed));
  if (command === 'score') return scoreCommand(values.report.split(','), values.survivors);
  return usageError('usage: mutation-sample.ts draw [--size N] [--seed S] | score [--report FILE[,FILE…]] [--survivors]');
}

// Run only as a script, so that the test can import the functions above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (status) => (process.exitCode = status),
    (e: unknown) => {
      console.error(`mutation-sample: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
}
