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
import {
  jvmArgs,
  planDistributed,
  resolveJar,
  resolveJava,
  serverArgs,
  serverJvmProperties,
  tlcArgs,
  workerArgs,
  type RunDirs,
  type TlcRunOptions,
} from 'tla2tools-runner';

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
  // TLC's distributed mode: the TLCServer's stdout, with two TLCWorkers of one thread each.
  { name: 'DistributedCounter', options: { spec: 'Counter.tla', distributed: { localWorkers: 2 } } },
  { name: 'DistributedInvariantViolation', options: { spec: 'InvariantViolation.tla', distributed: { localWorkers: 2 } } },
  { name: 'CounterSimulate', options: { spec: 'Counter.tla', seed: 1, depth: 4, simulate: { file: join(out, 'sim', 'counter'), num: 2 } } },
];

const java = resolveJava();
const jar = resolveJar({ recordFile: join(root, '.tlc', 'tlc.json') });

/**
 * A shell that starts the local TLCWorkers in the background (they retry
 * until the server is up), runs the TLCServer in the foreground (its stdout
 * is the recording), then kills the workers and exits with the server's status.
 */
function distributedCommand(options: TlcRunOptions, dirs: RunDirs, tempDir: string): [string, string[]] {
  const plan = planDistributed(options, options.distributed!);
  const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
  const workers = Array.from({ length: plan.localWorkers }, (_, i) => {
    const tmp = join(tempDir, `worker-${i + 1}`);
    mkdirSync(tmp);
    return `${quote(java.command)} ${workerArgs(plan, tmp, jar, '127.0.0.1', '127.0.0.1').map(quote).join(' ')} >/dev/null 2>&1 &`;
  });
  const server = [java.command, ...jvmArgs(options, dirs), ...serverJvmProperties(plan), '-cp', jar, 'tlc2.tool.distributed.TLCServer', ...serverArgs(options, dirs)];
  const script = [...workers, `${server.map(quote).join(' ')} 2>/dev/null`, 'status=$?', 'kill $(jobs -p) 2>/dev/null', 'wait', 'exit $status'].join('\n');
  return ['/bin/sh', ['-c', script]];
}
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
    const [command, args] = options.distributed ? distributedCommand(options, dirs, tempDir) : [java.command, [...jvmArgs(options, dirs), '-cp', jar, 'tlc2.TLC', ...tlcArgs(options, dirs)]];
    const run = spawnSync(command, args, {
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
