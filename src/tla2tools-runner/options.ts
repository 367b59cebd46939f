import { basename, dirname, resolve } from 'node:path';
import { TlcSetupError } from './java.ts';

/** Options of one TLC run. Paths may be relative to the current directory. */
export interface TlcRunOptions {
  /** The `.tla` file to check. TLC runs with its folder as working directory. */
  spec: string;
  /** The `.cfg` file; TLC's default is the spec's name with `.cfg`. */
  config?: string;
  /**
   * `-workers` (default 1: reproducible traces, dot dumps and generated
   * counts); `'auto'` = TLC's choice, one per available core. With
   * {@link distributed}: the threads of each local TLCWorker (default 1).
   */
  workers?: number | 'auto';
  /** `-fp`: fingerprint polynomial index 0..130 (fix it for byte-identical dot dumps). */
  fp?: number;
  /** `-fpbits`: 2^fpBits nested fingerprint sets (MultiFPSet), 0..30; TLC's default 1. For very large runs. */
  fpBits?: number;
  /** `-fpmem`: the fraction (0, 1] of the heap given to the fingerprint set; TLC's default 0.25. */
  fpMem?: number;
  /** Run as TLCServer with TLCWorkers over RMI instead of `tlc2.TLC` (see distributed.ts). */
  distributed?: DistributedOptions;
  /** `-seed` for simulation and RandomElement. */
  seed?: number;
  /** `-depth`: simulation trace length. */
  depth?: number;
  /** false → `-deadlock` (do not report deadlocks). Default: TLC's (check). */
  checkDeadlock?: boolean;
  /** `-coverage MINUTES`. */
  coverageMinutes?: number;
  /** Write the state graph as `-dump dot,actionlabels <file>` (TLC appends `.dot` if missing). */
  dumpDot?: string;
  /** `-simulate file=<file>,num=<num>`: random traces written to `<file>_<worker>_<index>`. */
  simulate?: { file: string; num?: number };
  /** Raw arguments put before the spec name (e.g. `['-view']`). */
  extraArgs?: readonly string[];
  /** Java heap size, e.g. `'2g'` → `-Xmx2g`. */
  heap?: string;
  /** Extra JVM options. */
  javaOptions?: readonly string[];
  /** Kill TLC after this many milliseconds (outcome `error`). */
  timeoutMs?: number;
  /** Kill TLC when aborted (outcome `error`). */
  signal?: AbortSignal;
  /** Explicit TLC jar (else env TLA2TOOLS_JAR, else `jarRecordFile`). */
  jar?: string;
  /** A JSON file `{ "jar": "/abs/path" }` (a project keeps one, e.g. `.tlc/tlc.json`). */
  jarRecordFile?: string;
  /** Environment for java resolution and the child (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the per-run temporary folder goes (default os.tmpdir()). */
  tmpRoot?: string;
  /**
   * After a fatal JVM error (out of memory, stack overflow), how long the JVM
   * may take to exit before the runner kills it (TLC 2.18 hangs there: a
   * non-daemon thread keeps the JVM alive); after TLC's last message (2186
   * "Finished") it gets ten times as long. Default {@link DEFAULT_EXIT_GRACE_MS}.
   */
  exitGraceMs?: number;
}

/** How a distributed run is laid out: the server's RMI port and address, and its local workers. */
export interface DistributedOptions {
  /** TLCWorker JVMs started on this machine (0: only workers that join from elsewhere). Default 2. */
  localWorkers?: number;
  /** The server's RMI registry port (`-Dtlc2.tool.distributed.TLCServer.port`); default a free one. */
  port?: number;
  /** The address the server gives its workers (`-Djava.rmi.server.hostname`); default 127.0.0.1. */
  host?: string;
}

/** Default of {@link TlcRunOptions.exitGraceMs}: TLC exits within ~0.1 s of "Finished" when it exits at all. */
export const DEFAULT_EXIT_GRACE_MS = 3000;

function wholeNumber(value: number | undefined, name: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TlcSetupError(`option ${name} must be a whole number from ${min} to ${max}, got ${String(value)}.`);
  }
}

/**
 * Checks the numeric options after any conversion the caller made, so that
 * a fraction or an out-of-range number never reaches TLC as something else
 * (`-workers 0.5`) or overflows a timer.
 * @throws TlcSetupError naming the option and the accepted range.
 */
export function validateOptions(options: TlcRunOptions): void {
  if (options.workers !== 'auto') wholeNumber(options.workers, 'workers', 1, 1024);
  wholeNumber(options.fp, 'fp', 0, 130);
  wholeNumber(options.fpBits, 'fpBits', 0, 30);
  if (options.fpMem !== undefined && !(Number.isFinite(options.fpMem) && options.fpMem > 0 && options.fpMem <= 1)) {
    throw new TlcSetupError(`option fpMem must be a fraction of the heap in (0, 1], e.g. 0.5, got ${String(options.fpMem)}.`);
  }
  wholeNumber(options.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  wholeNumber(options.depth, 'depth', 1, 2 ** 31 - 1);
  wholeNumber(options.coverageMinutes, 'coverageMinutes', 1, 2 ** 31 - 1);
  wholeNumber(options.simulate?.num, 'simulate.num', 1, 2 ** 31 - 1);
  for (const [name, ms] of [['timeoutMs', options.timeoutMs], ['exitGraceMs', options.exitGraceMs]] as const) {
    if (ms !== undefined && !(Number.isFinite(ms) && ms > 0)) {
      throw new TlcSetupError(`option ${name} must be a positive number of milliseconds, got ${String(ms)}.`);
    }
  }
  if (options.heap !== undefined && !/^\d+[kKmMgGtT]?$/.test(options.heap)) {
    throw new TlcSetupError(`option heap must be a JVM size such as 512m or 4g, got '${options.heap}'.`);
  }
}

/** Per-run private folders handed to TLC. */
export interface RunDirs {
  metadir: string;
  javaTmpdir: string;
}

/** The JVM options every run gets: parallel GC (else warning 2401), an English locale, a private tmpdir. */
export function jvmArgs(options: Pick<TlcRunOptions, 'heap' | 'javaOptions'>, dirs: RunDirs): string[] {
  return [
    '-XX:+UseParallelGC',
    '-Duser.language=en',
    '-Duser.country=US',
    `-Djava.io.tmpdir=${dirs.javaTmpdir}`,
    ...(options.heap ? [`-Xmx${options.heap}`] : []),
    ...(options.javaOptions ?? []),
  ];
}

/**
 * The `tlc2.TLC` arguments for the options (paths absolute, since TLC runs
 * in the spec's folder). Never `-cleanup` (it wipes ./states of other runs)
 * nor `-continue` (it makes violations exit 0).
 */
export function tlcArgs(options: TlcRunOptions, dirs: RunDirs): string[] {
  const args = ['-tool', '-metadir', dirs.metadir, '-workers', String(options.workers ?? 1)];
  if (options.config) args.push('-config', resolve(options.config));
  args.push(...fingerprintArgs(options));
  if (options.seed !== undefined) args.push('-seed', String(options.seed));
  if (options.depth !== undefined) args.push('-depth', String(options.depth));
  if (options.checkDeadlock === false) args.push('-deadlock');
  if (options.coverageMinutes !== undefined) args.push('-coverage', String(options.coverageMinutes));
  if (options.dumpDot) args.push('-dump', 'dot,actionlabels', resolve(options.dumpDot));
  if (options.simulate) {
    const num = options.simulate.num !== undefined ? `,num=${options.simulate.num}` : '';
    args.push('-simulate', `file=${resolve(options.simulate.file)}${num}`);
  }
  args.push(...(options.extraArgs ?? []));
  args.push(basename(options.spec).replace(/\.tla$/, ''));
  return args;
}

/** `-fp`, `-fpbits`, `-fpmem`: understood by `tlc2.TLC` and by TLCServer alike. */
export function fingerprintArgs(options: Pick<TlcRunOptions, 'fp' | 'fpBits' | 'fpMem'>): string[] {
  const args: string[] = [];
  if (options.fp !== undefined) args.push('-fp', String(options.fp));
  if (options.fpBits !== undefined) args.push('-fpbits', String(options.fpBits));
  if (options.fpMem !== undefined) args.push('-fpmem', String(options.fpMem));
  return args;
}

/** The folder TLC runs in: the spec's. */
export function specDir(options: Pick<TlcRunOptions, 'spec'>): string {
  return dirname(resolve(options.spec));
}
