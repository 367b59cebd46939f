import { readFileSync } from 'node:fs';

/**
 * Whether a process of this machine still runs. Signal 0 checks existence
 * and permission without sending anything; EPERM means it exists but belongs
 * to another user, which still counts as alive.
 *
 * A zombie — a process that has ended but whose parent has not reaped it —
 * still answers signal 0. It owns nothing any more, so it counts as gone.
 * Zombies stay for good where PID 1 does not reap orphans (many containers):
 * a run killed with SIGKILL leaves its node process a zombie there, and its
 * folders and locks must still be recognised as orphaned.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Linux: the state letter of /proc/<pid>/stat; Z (zombie) or X (dead). Elsewhere: false. */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false; // no procfs (macOS) or the process just went: signal 0 decided
  }
  // "<pid> (<comm>) <state> …": comm may hold spaces and parentheses, so the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}
