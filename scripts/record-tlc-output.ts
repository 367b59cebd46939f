// Records real TLC output for the parser tests: runs the fixture specs of
// test/fixtures/tlc with the pinned TLC and writes, under
// test/fixtures/tlc/recorded/, the raw -tool stdout (<name>.out), the exit
// status (<name>.exit), dot dumps (<name>.dot) and simulation traces.
//
//   npx tsx scripts/record-tlc-output.ts            # all recordings
//   npx tsx scripts/record-tlc-output.ts NoVariables # only the named ones
//
// Commit the result; re-run after changing a fixture spec.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jvmArgs, resolveJar, resolveJava, tlcArgs, type TlcRunOptions } from '../src/tla2tools-runner/index.ts';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fixtures', 'tlc');
const out = join(fixtures, 'recorded');

interface Recording {
  name: string;
  options: Omit<TlcRunOptions, 'spec'> & { spec: string };
  /** Stop TLC (SIGKILL) after this long, as a timeout does; its .exit file then says `null`. */
  killAfterMs?: number;
}

const recordings: Recording[] = [
  ...['Counter', 'InvariantViolation', 'InitViolation', 'Deadlock', 'Liveness', 'AssertFail', 'ParseError', 'ConfigError', 'EmptyInit', 'Values',
    'NoVariables', 'AssumeEvalError', 'ConfigValueError', 'MarkerInString', 'PrintMany'].map(
    (name) => ({ name, options: { spec: `${name}.tla` } }),
  ),
  { name: 'DeadlockCoverage', options: { spec: 'Deadlock.tla', coverageMinutes: 1 } },
  { name: 'CounterDot', options: { spec: 'Counter.tla', fp: 1, dumpDot: join(out, 'Counter.dot') } },
  { name: 'ValuesDot', options: { spec: 'Values.tla', fp: 1, checkDeadlock: false, dumpDot: join(out, 'Values.dot') } },
  // Unbounded: stopped after TLC's first once-a-minute progress report (65 s).
  { name: 'ForeverStopped', options: { spec: 'Forever.tla' }, killAfterMs: 65_000 },
  { name: 'CounterSimulate', options: { spec: 'Counter.tla', seed: 1, depth: 4, simulate: { file: join(out, 'sim', 'counter'), num: 2 } } },
];

const java = resolveJava();
const jar = resolveJar({ recordFile: join(root, '.tlc', 'tlc.json') });
mkdirSync(join(out, 'sim'), { recursive: true });
const only = process.argv.slice(2);
const unknown = only.filter((n) => !recordings.some((r) => r.name === n));
if (unknown.length > 0) {
  console.error(`no recording named ${unknown.join(', ')}; known: ${recordings.map((r) => r.name).join(', ')}`);
  process.exit(2);
}
for (const r of recordings.filter((x) => only.length === 0 || only.includes(x.name))) {
  const tempDir = mkdtempSync(join(tmpdir(), 'tlc-record-'));
  try {
    const dirs = { metadir: join(tempDir, 'meta'), javaTmpdir: join(tempDir, 'tmp') };
    mkdirSync(dirs.javaTmpdir);
    const options = { ...r.options, spec: join(fixtures, r.options.spec) };
    const args = [...jvmArgs(options, dirs), '-cp', jar, 'tlc2.TLC', ...tlcArgs(options, dirs)];
    const run = spawnSync(java.command, args, {
      cwd: fixtures,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      ...(r.killAfterMs !== undefined ? { timeout: r.killAfterMs, killSignal: 'SIGKILL' as const } : {}),
    });
    writeFileSync(join(out, `${r.name}.out`), run.stdout);
    writeFileSync(join(out, `${r.name}.exit`), `${run.status}\n`);
    console.log(`${r.name}: exit ${run.status}, ${run.stdout.length} chars`);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
// TLC names simulation files PREFIX_<worker>_<index>; keep them as they are.
console.log(`simulation traces: ${readdirSync(join(out, 'sim')).join(', ')}`);
