import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup, registerRun } from './child-registry.ts';
import { configDeclaresBehaviour, temporalPropertiesOfConfig } from './config-file.ts';
import { EventQueue } from './event-queue.ts';
import type { TlcEvent } from './events.ts';
import { resolveJar } from './jar.ts';
import { resolveJava, TlcSetupError } from './java.ts';
import { joinCommand, planDistributed, serverArgs, serverJvmProperties, stageSpec, validateDistributed, type DistributedPlan } from './distributed.ts';
import { startLocalWorkers, type LocalWorker } from './local-workers.ts';
import { MessageCode } from './message-codes.ts';
import { TlcEventParser } from './message-parser.ts';
import { DEFAULT_EXIT_GRACE_MS, jvmArgs, specDir, tlcArgs, validateOptions, type RunDirs, type TlcRunOptions } from './options.ts';
import { TlcResultCollector, type TlcResult } from './result.ts';
import { runDirPrefix, sweepStaleRunDirs } from './stale-runs.ts';
import { setLongTimeout } from './long-timeout.ts';
import { ToolStreamTokenizer } from './tool-stream.ts';
import { startWatchdog } from './watchdog.ts';

/** A running TLC: its events as they come, its result once it has ended, and a way to stop it. */
export interface TlcRunHandle {
  /** Parsed events in output order (buffered: iterate any time, once). */
  events: AsyncIterable<TlcEvent>;
  /** Settles after java has exited and the temporary folders are removed. Never rejects. */
  result: Promise<TlcResult>;
  /** Kills java (the whole process group); the outcome becomes `error`. */
  abort(reason?: string): void;
  /** The exact command line (for logs and benchmarks); of the TLCServer in a distributed run. */
  command: { java: string; args: string[]; cwd: string };
  /** A distributed run's port, address, local workers and the command that adds a worker from another machine. */
  distributed?: DistributedPlan & { joinCommand: string };
  /** Called synchronously for every event, in order (optional alternative to `events`). */
  onEvent?: (e: TlcEvent) => void;
}

function mustBeFile(path: string, what: string, hint: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new TlcSetupError(`${what} ${path} not found. ${hint}`);
}

/** Checks the inputs before anything starts, so mistakes never cost a JVM start. */
function checkInputs(options: TlcRunOptions): void {
  validateOptions(options);
  validateDistributed(options);
  mustBeFile(resolve(options.spec), 'spec', 'Give the path of a .tla file.');
  if (!options.spec.endsWith('.tla')) throw new TlcSetupError(`spec ${options.spec} must be a .tla file.`);
  if (options.config) mustBeFile(resolve(options.config), 'config', 'Give the path of a .cfg file, or leave it out to use <spec>.cfg.');
  else mustBeFile(resolve(options.spec).replace(/\.tla$/, '.cfg'), 'config', 'Pass a config file (TLC looks for <spec>.cfg by default).');
  if (options.simulate) mkdirSync(dirname(resolve(options.simulate.file)), { recursive: true });
  if (options.dumpDot) mkdirSync(dirname(resolve(options.dumpDot)), { recursive: true });
}

function configPath(options: TlcRunOptions): string {
  return options.config ? resolve(options.config) : resolve(options.spec).replace(/\.tla$/, '.cfg');
}

/**
 * Why the JVM should exit soon, and how many grace periods it gets: one
 * after a fatal JVM error (nothing useful can follow), ten after TLC's last
 * message, so that a JVM merely slow to shut down on a loaded machine never
 * turns a finished verdict into an error.
 */
function endReason(e: TlcEvent): { why: string; graces: number } | undefined {
  if (e.type === 'finished') return { why: 'after TLC printed its last message (2186)', graces: 10 };
  const text = e.type === 'error' || (e.type === 'output' && e.stream === 'stderr') ? e.text : '';
  if (/java\.lang\.(OutOfMemoryError|StackOverflowError)/.test(text) || (e.type === 'error' && e.code === MessageCode.OUT_OF_MEMORY)) {
    return { why: 'after a fatal JVM error (out of memory or stack overflow)', graces: 1 };
  }
  return undefined;
}

/** The JVM command line of the run: `tlc2.TLC`, or the TLCServer of a distributed run. */
function commandArgs(options: TlcRunOptions, dirs: RunDirs, jar: string, plan: DistributedPlan | undefined): string[] {
  if (!plan) return [...jvmArgs(options, dirs), '-cp', jar, 'tlc2.TLC', ...tlcArgs(options, dirs)];
  return [...jvmArgs(options, dirs), ...serverJvmProperties(plan), '-cp', jar, 'tlc2.tool.distributed.TLCServer', ...serverArgs(options, dirs)];
}

/** What the local workers printed last, for a run that could not check the model. */
function workerNotes(workers: readonly LocalWorker[]): string[] {
  return workers.flatMap((w, i) => (w.tail().length > 0 ? [`local TLCWorker ${i + 1} printed last:\n${w.tail().join('\n')}`] : []));
}

/**
 * Starts one TLC run: `java … tlc2.TLC -tool -metadir <private> …` in the
 * spec's folder, with a private `-metadir` and `java.io.tmpdir` (removed when
 * the run ends, also on failure or abort). Java, the jar and the input files
 * are checked first. Stale run folders of dead owners are swept first; a
 * watchdog ends the JVM if this Node process dies (see watchdog.ts); a JVM
 * that does not exit within `exitGraceMs` of TLC's last message or of a fatal
 * error is killed. With `distributed`, the JVM is a TLCServer and
 * `localWorkers` TLCWorker JVMs start beside it (distributed.ts); every one
 * of them is stopped, and the folder removed, however the run ends.
 * @throws TlcSetupError synchronously when java, the jar, the spec or the config is missing.
 */
export function runTlc(options: TlcRunOptions): TlcRunHandle {
  checkInputs(options);
  const java = resolveJava(options.env);
  const jar = resolveJar({ jar: options.jar, recordFile: options.jarRecordFile, env: options.env });
  const tmpRoot = options.tmpRoot ?? tmpdir();
  sweepStaleRunDirs(tmpRoot);
  // Before the run folder exists: finding a free port may fail.
  const plan = options.distributed ? planDistributed(options, options.distributed) : undefined;
  const tempDir = mkdtempSync(join(tmpRoot, runDirPrefix()));
  const dirs: RunDirs = { metadir: join(tempDir, 'meta'), javaTmpdir: join(tempDir, 'tmp') };
  mkdirSync(dirs.javaTmpdir);
  const staged = plan ? stageSpec(options.spec, configPath(options), tempDir) : undefined;
  const args = commandArgs(staged ? { ...options, config: staged.config } : options, dirs, jar, plan);
  const cwd = staged?.cwd ?? specDir(options);
  const configText = readFileSync(configPath(options), 'utf8');
  const temporalProperties = temporalPropertiesOfConfig(configText);
  const assumptionsOnly = !configDeclaresBehaviour(configText);

  const queue = new EventQueue<TlcEvent>();
  const collector = new TlcResultCollector();
  const parser = new TlcEventParser();
  let stoppedBy: string | null = null;
  const started = performance.now();

  // detached: java leads its own process group, so one kill reaches it and
  // anything it starts, and a terminal Ctrl-C reaches only us (we then kill it).
  const env = options.env ?? process.env;
  const child = spawn(java.command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  // The process groups to end: java's, then a distributed run's local workers once they start.
  const groups: number[] = child.pid !== undefined ? [child.pid] : [];
  const killAll = (): void => groups.forEach(killGroup);
  const unregister = groups.length > 0 ? registerRun(groups, tempDir) : () => undefined;
  const watchdog = groups.length > 0 ? startWatchdog(groups, tempDir) : undefined;
  const workers: LocalWorker[] = [];
  let settled = false;
  let workersClosed: Promise<unknown> = Promise.resolve();
  // Started when the server says it is ready (7000): a TLCWorker that finds
  // no server retries after 1, 1, 2, 4… s, which made a small run 3× slower.
  const startWorkers = (ready: DistributedPlan): void => {
    if (settled || stoppedBy !== null) return;
    workers.push(...startLocalWorkers(java.command, jar, ready, tempDir, env));
    for (const w of workers) {
      if (w.pid === undefined) continue;
      groups.push(w.pid);
      watchdog?.add(w.pid);
    }
    workersClosed = Promise.all(workers.map((w) => w.closed));
    // A server whose local workers all died waits forever for new ones (when
    // none joins from elsewhere): it gets the grace of a finished run, then ends.
    if (workers.length > 0) void workersClosed.then(() => settled || expectExit({ why: 'after every local TLCWorker had exited', graces: 10 }));
  };

  const handle: TlcRunHandle = {
    events: queue,
    result: undefined as unknown as Promise<TlcResult>,
    abort(reason = 'aborted') {
      if (stoppedBy !== null || child.exitCode !== null || child.signalCode !== null) return;
      stoppedBy = reason;
      killAll();
    },
    command: { java: java.command, args, cwd },
    ...(plan ? { distributed: { ...plan, joinCommand: joinCommand(plan, jar) } } : {}),
  };

  // TLC 2.18 may print its end (or die of OutOfMemoryError) while a
  // non-daemon thread keeps the JVM alive forever: give it exitGraceMs, then end it.
  let graceTimer: NodeJS.Timeout | undefined;
  let graceEnds = Infinity;
  const expectExit = ({ why, graces }: { why: string; graces: number }): void => {
    const ms = (options.exitGraceMs ?? DEFAULT_EXIT_GRACE_MS) * graces;
    if (stoppedBy !== null || performance.now() + ms >= graceEnds) return; // an earlier deadline stands
    if (graceTimer) clearTimeout(graceTimer);
    graceEnds = performance.now() + ms;
    graceTimer = setTimeout(() => handle.abort(`the JVM did not exit within ${ms} ms ${why}; the runner ended it`), ms);
    graceTimer.unref();
  };
  const emit = (e: TlcEvent): void => {
    const reason = endReason(e);
    if (reason) expectExit(reason);
    if (plan && workers.length === 0 && e.type === 'message' && e.code === MessageCode.DISTRIBUTED_SERVER_READY) startWorkers(plan);
    collector.add(e);
    handle.onEvent?.(e);
    queue.push(e);
  };
  const wire = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void => {
    const tokenizer = new ToolStreamTokenizer();
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const frame of tokenizer.push(chunk)) for (const e of parser.parse(frame, name)) emit(e);
    });
    stream.on('end', () => {
      for (const frame of tokenizer.end()) for (const e of parser.parse(frame, name)) emit(e);
    });
  };
  wire(child.stdout, 'stdout');
  wire(child.stderr, 'stderr');

  const timer = options.timeoutMs !== undefined ? setLongTimeout(() => handle.abort(`timeout after ${options.timeoutMs} ms`), options.timeoutMs) : undefined;
  const onAbortSignal = (): void => handle.abort(`aborted (${String(options.signal?.reason ?? 'signal')})`);
  if (options.signal?.aborted) onAbortSignal();
  options.signal?.addEventListener('abort', onAbortSignal, { once: true });

  handle.result = new Promise<TlcResult>((resolveResult) => {
    let spawnError: Error | undefined;
    const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      timer?.cancel();
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbortSignal);
      killAll(); // anything left in the groups, and every local worker
      // The folder goes once no worker can write into it any more.
      void workersClosed.then(() => finish(code, signal));
    };
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      watchdog?.stop();
      rmSync(tempDir, { recursive: true, force: true });
      unregister();
      const result = collector.finish({
        exitCode: code,
        signal,
        durationMs: performance.now() - started,
        stoppedBy: stoppedBy ?? (spawnError ? `cannot start java: ${spawnError.message}` : null),
        simulation: options.simulate !== undefined,
        temporalProperties,
        assumptionsOnly,
      });
      if (result.outcome === 'error') result.errors.push(...workerNotes(workers));
      queue.end();
      resolveResult(result);
    };
    child.on('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) settle(null, null); // never started: no 'close' to wait for
    });
    // When java exits, anything it left in its group would keep the pipes open
    // and 'close' from firing: kill the group right away.
    child.on('exit', () => child.pid !== undefined && killGroup(child.pid));
    // 'close' fires after the process exited AND its stdio ended: all output is in.
    child.on('close', settle);
  });
  return handle;
}
