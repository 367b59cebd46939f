import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './child-registry.ts';

/**
 * The orphan watchdog: a tiny `/bin/sh` beside each JVM that ends the JVM and
 * removes the run's temporary folder when this Node process dies — also on
 * SIGKILL, which no handler in Node can catch.
 *
 * How (when it runs): the shell's stdin is a pipe whose only writer is this
 * Node process. Node writes to it only the pid of a JVM started later in the
 * same run (a distributed run's local workers, one line each), so the
 * shell's `read` blocks, using no CPU, until the pipe reaches end-of-file. The kernel closes a process's
 * descriptors when it dies however it dies, so EOF arrives exactly when Node
 * is gone (Node marks its descriptors close-on-exec, so no other child holds
 * the writer). The shell then SIGKILLs each java process group it was given
 * (each java leads its own group), waits up to 5 s for them to vanish, and
 * removes the folder. On a normal end the runner kills the watchdog itself.
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
  'dir="$1"; shift',
  'groups="$*"',
  // Each line Node writes is one more process group (a distributed run's workers, started later).
  'while read -r g; do groups="$groups $g"; done',
  'for g in $groups; do kill -9 -"$g" 2>/dev/null; done',
  'alive() { for g in $groups; do kill -0 -"$g" 2>/dev/null && return 0; done; return 1; }',
  'i=0',
  'while [ "$i" -lt 25 ] && alive; do sleep 0.2; i=$((i + 1)); done',
  'rm -rf "$dir"',
].join('\n');

/** Name the watchdog shows in `ps` (`$0` of the script). */
export const WATCHDOG_NAME = 'tla2tools-runner-watchdog';

/** A started watchdog; `stop()` ends it when the run has ended normally. */
export interface Watchdog {
  /** One more process group to end with the others (a JVM started after the watchdog). */
  add(pid: number): void;
  stop(): void;
}

/**
 * Starts the watchdog of one run: java's pid (= its process group), or the
 * pids of every JVM of a distributed run (server and local workers, each
 * its own group), and the run's temporary folder. The folder goes only
 * after every group is gone, so no JVM writes into it again. Detached, so a signal to this process's group
 * (Ctrl-C) does not kill it before it has done its work; unref'd, so it
 * never keeps Node alive.
 */
export function startWatchdog(javaPids: number | readonly number[], tempDir: string, shell = '/bin/sh'): Watchdog {
  const groups = (typeof javaPids === 'number' ? [javaPids] : javaPids).map(String);
  const child: ChildProcess = spawn(shell, ['-c', SCRIPT, WATCHDOG_NAME, tempDir, ...groups], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // No shell (an odd system): the run goes on without the watchdog; the
  // stale-folder sweep at the next start still removes what it would have.
  child.on('error', () => undefined);
  child.unref();
  child.stdin?.on('error', () => undefined); // EPIPE if the shell is already gone
  return {
    add(pid) {
      child.stdin?.write(`${pid}\n`);
    },
    stop() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killGroup(child.pid);
      child.stdin?.destroy();
    },
  };
}
