import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './child-registry.ts';

/**
 * The orphan watchdog: a tiny `/bin/sh` beside each JVM that ends the JVM and
 * removes the run's temporary folder when this Node process dies — also on
 * SIGKILL, which no handler in Node can catch.
 *
 * How (when it runs): the shell's stdin is a pipe whose only writer is this
 * Node process. Node never writes to it, so the shell's `read` blocks, using
 * no CPU, until the pipe reaches end-of-file. The kernel closes a process's
 * descriptors when it dies however it dies, so EOF arrives exactly when Node
 * is gone (Node marks its descriptors close-on-exec, so no other child holds
 * the writer). The shell then SIGKILLs java's process group (java leads its
 * own group), waits up to 5 s for it to vanish, and removes the folder. On a
 * normal end the runner kills the watchdog itself.
 *
 * Why this way: Linux has `prctl(PR_SET_PDEATHSIG)`, macOS does not, and
 * Node exposes neither; a Java agent would mean shipping compiled Java. EOF
 * on a pipe, `read`, `kill` and `rm` behave the same in every POSIX shell
 * (dash, bash, zsh's sh mode) on Linux and macOS. `kill -9 -PGID` is written
 * without `--` because dash's kill rejects `--`.
 *
 * Limit: if Node dies after java exited but before the runner killed the
 * watchdog (a window of microseconds), the shell signals a process group id
 * that no longer exists; only a reuse of that id within that window could
 * hit another group.
 */
const SCRIPT = [
  'read -r _',
  'kill -9 -"$1" 2>/dev/null',
  'i=0',
  'while [ "$i" -lt 25 ] && kill -0 -"$1" 2>/dev/null; do sleep 0.2; i=$((i + 1)); done',
  'rm -rf "$2"',
].join('\n');

/** Name the watchdog shows in `ps` (`$0` of the script). */
export const WATCHDOG_NAME = 'tla2tools-runner-watchdog';

/** A started watchdog; `stop()` ends it when the run has ended normally. */
export interface Watchdog {
  stop(): void;
}

/**
 * Starts the watchdog of one run: java's pid (= its process group) and the
 * run's temporary folder. Detached, so a signal to this process's group
 * (Ctrl-C) does not kill it before it has done its work; unref'd, so it
 * never keeps Node alive.
 */
export function startWatchdog(javaPid: number, tempDir: string, shell = '/bin/sh'): Watchdog {
  const child: ChildProcess = spawn(shell, ['-c', SCRIPT, WATCHDOG_NAME, String(javaPid), tempDir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // No shell (an odd system): the run goes on without the watchdog; the
  // stale-folder sweep at the next start still removes what it would have.
  child.on('error', () => undefined);
  child.unref();
  child.stdin?.on('error', () => undefined); // EPIPE if the shell is already gone
  return {
    stop() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killGroup(child.pid);
      child.stdin?.destroy();
    },
  };
}
