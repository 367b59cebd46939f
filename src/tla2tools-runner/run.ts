import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup, registerRun } from './child-registry.ts';
import { temporalPropertiesOfConfig } from './config-file.ts';
import { EventQueue } from './event-queue.ts';
import type { TlcEvent } from './events.ts';
import { resolveJar } from './jar.ts';
import { resolveJava, TlcSetupError } from './java.ts';
import { TlcEventParser } from './message-parser.ts';
import { jvmArgs, specDir, tlcArgs, type RunDirs, type TlcRunOptions } from './options.ts';
import { TlcResultCollector, type TlcResult } from './result.ts';
import { ToolStreamTokenizer } from './tool-stream.ts';

/** A running TLC: its events as they come, its result once it has ended, and a way to stop it. */
export interface TlcRunHandle {
  /** Parsed events in output order (buffered: iterate any time, once). */
  events: AsyncIterable<TlcEvent>;
  /** Settles after java has exited and the temporary folders are removed. Never rejects. */
  result: Promise<TlcResult>;
  /** Kills java (the whole process group); the outcome becomes `error`. */
  abort(reason?: string): void;
  /** The exact command line (for logs and benchmarks). */
  command: { java: string; args: string[]; cwd: string };
  /** Called synchronously for every event, in order (optional alternative to `events`). */
  onEvent?: (e: TlcEvent) => void;
}

function mustBeFile(path: string, what: string, hint: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new TlcSetupError(`${what} ${path} not found. ${hint}`);
}

/** Checks the inputs before anything starts, so mistakes never cost a JVM start. */
function checkInputs(options: TlcRunOptions): void {
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
 * Starts one TLC run: `java … tlc2.TLC -tool -metadir <private> …` in the
 * spec's folder, with a private `-metadir` and `java.io.tmpdir` (removed when
 * the run ends, also on failure or abort). Java, the jar and the input files
 * are checked first.
 * @throws TlcSetupError synchronously when java, the jar, the spec or the config is missing.
 */
export function runTlc(options: TlcRunOptions): TlcRunHandle {
  checkInputs(options);
  const java = resolveJava(options.env);
  const jar = resolveJar({ jar: options.jar, recordFile: options.jarRecordFile, env: options.env });
  const tempDir = mkdtempSync(join(options.tmpRoot ?? tmpdir(), 'tlc-run-'));
  const dirs: RunDirs = { metadir: join(tempDir, 'meta'), javaTmpdir: join(tempDir, 'tmp') };
  mkdirSync(dirs.javaTmpdir);
  const args = [...jvmArgs(options, dirs), '-cp', jar, 'tlc2.TLC', ...tlcArgs(options, dirs)];
  const cwd = specDir(options);
  const temporalProperties = temporalPropertiesOfConfig(readFileSync(configPath(options), 'utf8'));

  const queue = new EventQueue<TlcEvent>();
  const collector = new TlcResultCollector();
  const parser = new TlcEventParser();
  let stoppedBy: string | null = null;
  const started = performance.now();

  // detached: java leads its own process group, so one kill reaches it and
  // anything it starts, and a terminal Ctrl-C reaches only us (we then kill it).
  const child = spawn(java.command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  const unregister = child.pid !== undefined ? registerRun(child.pid, tempDir) : () => undefined;

  const handle: TlcRunHandle = {
    events: queue,
    result: undefined as unknown as Promise<TlcResult>,
    abort(reason = 'aborted') {
      if (stoppedBy !== null || child.exitCode !== null || child.signalCode !== null) return;
      stoppedBy = reason;
      if (child.pid !== undefined) killGroup(child.pid);
    },
    command: { java: java.command, args, cwd },
  };

  const emit = (e: TlcEvent): void => {
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

  const timer = options.timeoutMs !== undefined ? setTimeout(() => handle.abort(`timeout after ${options.timeoutMs} ms`), options.timeoutMs) : undefined;
  const onAbortSignal = (): void => handle.abort(`aborted (${String(options.signal?.reason ?? 'signal')})`);
  if (options.signal?.aborted) onAbortSignal();
  options.signal?.addEventListener('abort', onAbortSignal, { once: true });

  handle.result = new Promise<TlcResult>((resolveResult) => {
    let spawnError: Error | undefined;
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbortSignal);
      if (child.pid !== undefined) killGroup(child.pid); // anything left in the group
      rmSync(tempDir, { recursive: true, force: true });
      unregister();
      const result = collector.finish({
        exitCode: code,
        signal,
        durationMs: performance.now() - started,
        stoppedBy: stoppedBy ?? (spawnError ? `cannot start java: ${spawnError.message}` : null),
        simulation: options.simulate !== undefined,
        temporalProperties,
      });
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
