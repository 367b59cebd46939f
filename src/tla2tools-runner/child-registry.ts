import { rmSync } from 'node:fs';

/**
 * Every TLC process group this Node process has started and not yet seen
 * exit, with its temporary folder. When the parent exits or is told to stop
 * (SIGINT, SIGTERM, SIGHUP) they are killed and the folders removed, so no
 * `java` outlives us. SIGKILL of the parent cannot be caught here: for that,
 * each run has a watchdog (watchdog.ts) that ends the JVM when we are gone.
 */
interface LiveRun {
  /** Process group ids: one JVM, or a distributed run's server and local workers. */
  pids: readonly number[];
  tempDir: string;
}

const live = new Set<LiveRun>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Kills a whole process group (java was spawned detached, so its pid is the group id). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (err) {
    // ESRCH: the group is already gone — the only error that is expected here.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

function cleanupAll(): void {
  for (const run of live) {
    for (const pid of run.pids) killGroup(pid);
    rmSync(run.tempDir, { recursive: true, force: true });
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAll();
  uninstall();
  // Re-raise so the default action (exit) happens, unless the host handles the signal itself.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}
function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', cleanupAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Records a started run (its JVMs' process groups and folder); installs the exit/signal handlers while any run is live. */
export function registerRun(pids: number | readonly number[], tempDir: string): () => void {
  const run = { pids: typeof pids === 'number' ? [pids] : pids, tempDir };
  live.add(run);
  install();
  return () => {
    live.delete(run);
    if (live.size === 0) uninstall();
  };
}

/** Number of live runs (for tests). */
export function liveRunCount(): number {
  return live.size;
}
