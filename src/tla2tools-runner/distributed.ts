import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TlcSetupError } from './java.ts';
import { fingerprintArgs, type DistributedOptions, type RunDirs, type TlcRunOptions } from './options.ts';

/**
 * TLC's distributed mode (TLC 2.18, both classes in the pinned jar): one
 * `tlc2.tool.distributed.TLCServer` keeps the state queue, the fingerprint
 * set and the trace; `tlc2.tool.distributed.TLCWorker <server host>` JVMs
 * look the server up in its RMI registry, fetch the spec from it, compute
 * successor states and send them back. Measured with the pinned jar:
 * - the server honours `-tool` (framed messages as `tlc2.TLC`, plus 7000
 *   "server ready", 7001/7002 worker (de)registered, 7003 worker statistics);
 * - it accepts only -config -tool -deadlock -recover -checkpoint -coverage
 *   (ignored) -terse -nowarning -maxSetSize -fp -fpbits -fpmem -metadir
 *   (TLCApp.create); any other option ("-workers") makes it exit 1 with a
 *   NullPointerException;
 * - it always exits 0; on a violation it prints 2121 and only the last
 *   state as "1: <Initial predicate>", names neither the property nor the
 *   kind (invariant and deadlock look alike) — see classify.ts;
 * - each worker unpacks the spec into `java.io.tmpdir/<number>/`, so each
 *   gets its own tmpdir inside the run folder;
 * - a worker asks the server for the config by its file name only, which
 *   the server looks up in the spec's folder: a config elsewhere
 *   (spec/models/…/X.cfg) makes every worker fail ("Exception occured on
 *   reading file spec/X.cfg"). So the server runs in a staging folder of the
 *   run folder holding links to the spec folder's modules and a copy of the
 *   config (stageSpec).
 */

/** The server's defaults when {@link DistributedOptions} leave them out. */
export const DEFAULT_LOCAL_WORKERS = 2;
export const DEFAULT_SERVER_HOST = '127.0.0.1';

/** TLCServer's port property, read by the server and by every worker. */
const PORT_PROPERTY = 'tlc2.tool.distributed.TLCServer.port';
/** The threads of one TLCWorker (default: the machine's cores). */
const THREADS_PROPERTY = 'tlc2.tool.distributed.TLCWorker.threadCount';

/** A distributed run as it will be started: the port and address chosen, how many local workers. */
export interface DistributedPlan {
  port: number;
  host: string;
  localWorkers: number;
  /** Threads per local worker. */
  threads: number;
}

/** Options `tlc2.TLC` has but TLCServer 2.18 rejects or ignores: refused before any JVM starts. */
const NOT_DISTRIBUTED: readonly (keyof TlcRunOptions)[] = ['seed', 'depth', 'dumpDot', 'simulate', 'coverageMinutes'];

/**
 * Checks the options of a distributed run.
 * @throws TlcSetupError naming the option TLCServer cannot take, or a bad number.
 */
export function validateDistributed(options: TlcRunOptions): void {
  const d = options.distributed;
  if (!d) return;
  const unsupported = NOT_DISTRIBUTED.filter((k) => options[k] !== undefined);
  if (unsupported.length > 0) {
    throw new TlcSetupError(`TLC's distributed mode (TLCServer) does not support ${unsupported.join(', ')}: run without distributed for these.`);
  }
  if (d.localWorkers !== undefined && !(Number.isInteger(d.localWorkers) && d.localWorkers >= 0 && d.localWorkers <= 64)) {
    throw new TlcSetupError(`option distributed.localWorkers must be a whole number from 0 to 64, got ${String(d.localWorkers)}.`);
  }
  if (d.port !== undefined && !(Number.isInteger(d.port) && d.port >= 1 && d.port <= 65535)) {
    throw new TlcSetupError(`option distributed.port must be a TCP port from 1 to 65535, got ${String(d.port)}.`);
  }
  if (d.host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(d.host)) {
    throw new TlcSetupError(`option distributed.host must be a host name or IP address, got '${d.host}'.`);
  }
}

/**
 * A TCP port nobody listens on now, chosen by the kernel (listen on port 0).
 * Synchronous (a short child node process) so that runTlc stays synchronous;
 * another program could take the port before TLCServer binds it (about a
 * second later): the server then fails with an ExportException, and the
 * caller passes a fixed port.
 */
export function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
  const port = Number(out.stdout);
  if (!Number.isInteger(port) || port <= 0) throw new TlcSetupError(`cannot find a free TCP port (${out.error?.message ?? out.stderr.trim()}); pass a port.`);
  return port;
}

/** The plan of a distributed run: options filled with their defaults, a free port when none is given. */
export function planDistributed(options: TlcRunOptions, d: DistributedOptions): DistributedPlan {
  return {
    port: d.port ?? freePort(),
    host: d.host ?? DEFAULT_SERVER_HOST,
    localWorkers: d.localWorkers ?? DEFAULT_LOCAL_WORKERS,
    threads: options.workers === 'auto' ? 0 : (options.workers ?? 1),
  };
}

/** The JVM properties the server and its workers share: the RMI port and the address the server hands out. */
function rmiProperties(plan: DistributedPlan, advertised: string): string[] {
  return [`-D${PORT_PROPERTY}=${plan.port}`, `-Djava.rmi.server.hostname=${advertised}`];
}

/** The server's JVM properties (put after jvmArgs). */
export function serverJvmProperties(plan: DistributedPlan): string[] {
  return rmiProperties(plan, plan.host);
}

/** The `tlc2.tool.distributed.TLCServer` arguments: a subset of tlc2.TLC's (see above). */
export function serverArgs(options: TlcRunOptions, dirs: RunDirs): string[] {
  const args = ['-tool', '-metadir', dirs.metadir];
  if (options.config) args.push('-config', resolve(options.config));
  args.push(...fingerprintArgs(options));
  if (options.checkDeadlock === false) args.push('-deadlock');
  args.push(...(options.extraArgs ?? []));
  args.push(options.spec.replace(/^.*[\\/]/, '').replace(/\.tla$/, ''));
  return args;
}

/**
 * The staging folder of a distributed run: links to every `.tla` file of
 * the spec's folder and a copy of the config, so that the server finds the
 * config by its bare name. Returns the folder (the server's working
 * directory) and the staged config.
 */
export function stageSpec(spec: string, config: string, tempDir: string): { cwd: string; config: string } {
  const cwd = join(tempDir, 'spec');
  mkdirSync(cwd);
  const from = dirname(resolve(spec));
  for (const name of readdirSync(from).filter((n) => n.endsWith('.tla'))) symlinkSync(join(from, name), join(cwd, name));
  const staged = join(cwd, basename(config));
  copyFileSync(config, staged);
  return { cwd, config: staged };
}

/** The private tmpdir of local worker `index` (each unpacks the spec into it). */
export function workerTmpdir(tempDir: string, index: number): string {
  return join(tempDir, `worker-${index + 1}`);
}

/**
 * The JVM options and main class of one TLCWorker. A worker on this machine
 * reaches the server at 127.0.0.1; `advertised` is the address the worker
 * gives the server to call it back on.
 */
export function workerArgs(plan: DistributedPlan, javaTmpdir: string, jar: string, serverHost: string, advertised: string): string[] {
  return [
    '-XX:+UseParallelGC',
    `-Djava.io.tmpdir=${javaTmpdir}`,
    ...rmiProperties(plan, advertised),
    ...(plan.threads > 0 ? [`-D${THREADS_PROPERTY}=${plan.threads}`] : []),
    '-cp',
    jar,
    'tlc2.tool.distributed.TLCWorker',
    serverHost,
  ];
}

/** Whether only workers on this machine can reach the server (it gives them a loopback address). */
export function loopbackOnly(plan: Pick<DistributedPlan, 'host'>): boolean {
  return /^(127\.|localhost$|::1$)/.test(plan.host);
}

/**
 * The command a user runs on another machine to add a worker to this run
 * (the jar path is this machine's: use that machine's copy of the same jar).
 * `<worker address>` is the address by which the server reaches that
 * machine. With a loopback `host` no other machine can join: the server
 * address is then left as `<server address>`, to be restarted with `host`.
 */
export function joinCommand(plan: DistributedPlan, jar: string): string {
  const server = loopbackOnly(plan) ? '<server address>' : plan.host;
  const args = workerArgs(plan, '/tmp', jar, server, '<worker address>').filter((a) => !a.startsWith('-Djava.io.tmpdir'));
  return ['java', ...args].map((a) => (/[\s<>]/.test(a) ? `'${a}'` : a)).join(' ');
}
