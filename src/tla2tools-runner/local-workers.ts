import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { killGroup } from './child-registry.ts';
import { workerArgs, workerTmpdir, type DistributedPlan } from './distributed.ts';

/** How many lines of each local worker's output a run keeps to explain a failure. */
const KEPT_WORKER_LINES = 20;

/** One TLCWorker JVM started on this machine. */
export interface LocalWorker {
  pid: number | undefined;
  /** Settles when the JVM has exited and its output has ended. */
  closed: Promise<void>;
  /** The last lines it printed (stdout and stderr; TLCWorker prints no -tool frames). */
  tail(): string[];
}

function keepTail(stream: NodeJS.ReadableStream, lines: string[]): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - KEPT_WORKER_LINES));
  });
  stream.on('end', () => partial.trim() !== '' && lines.push(partial));
}

/**
 * Starts the plan's local TLCWorkers, each in its own process group
 * (detached, like the server) with its own tmpdir inside the run folder.
 * They may start before the server is up: TLCWorker 2.18 retries the
 * lookup ("Server … unreachable, sleeping 1s …") until the registry answers.
 */
export function startLocalWorkers(java: string, jar: string, plan: DistributedPlan, tempDir: string, env: NodeJS.ProcessEnv): LocalWorker[] {
  return Array.from({ length: plan.localWorkers }, (_, index) => {
    const javaTmpdir = workerTmpdir(tempDir, index);
    mkdirSync(javaTmpdir);
    const args = workerArgs(plan, javaTmpdir, jar, '127.0.0.1', '127.0.0.1');
    const child = spawn(java, args, { cwd: tempDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    const lines: string[] = [];
    keepTail(child.stdout, lines);
    keepTail(child.stderr, lines);
    const closed = new Promise<void>((resolveClosed) => {
      child.on('error', (err) => {
        lines.push(`cannot start java: ${err.message}`);
        if (child.pid === undefined) resolveClosed();
      });
      child.on('exit', () => child.pid !== undefined && killGroup(child.pid));
      child.on('close', () => resolveClosed());
    });
    return { pid: child.pid, closed, tail: () => [...lines] };
  });
}
