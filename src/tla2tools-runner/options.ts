import { basename, dirname, resolve } from 'node:path';

/** Options of one TLC run. Paths may be relative to the current directory. */
export interface TlcRunOptions {
  /** The `.tla` file to check. TLC runs with its folder as working directory. */
  spec: string;
  /** The `.cfg` file; TLC's default is the spec's name with `.cfg`. */
  config?: string;
  /** `-workers` (default 1: reproducible traces and dot dumps). */
  workers?: number | 'auto';
  /** `-fp`: fingerprint polynomial index 0..130 (fix it for byte-identical dot dumps). */
  fp?: number;
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
  if (options.fp !== undefined) args.push('-fp', String(options.fp));
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

/** The folder TLC runs in: the spec's. */
export function specDir(options: Pick<TlcRunOptions, 'spec'>): string {
  return dirname(resolve(options.spec));
}
