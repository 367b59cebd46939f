import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from './process-alive.ts';

/**
 * Per-run temporary folders are named `tlc-run-<owner pid>-<random>` so that
 * a later run can tell whether their owner is still alive. Folders of a dead
 * owner (a Node process killed before it and its watchdog could clean up)
 * are removed when the next run starts.
 */
export const RUN_DIR_PREFIX = 'tlc-run-';

/** The mkdtemp prefix of a run folder owned by `pid`. */
export function runDirPrefix(pid: number = process.pid): string {
  return `${RUN_DIR_PREFIX}${pid}-`;
}

/** Folders of older runner versions carry no pid; they are removed only when this old. */
const UNOWNED_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes `tlc-run-*` folders under `root` whose owner process is gone.
 * Returns the removed paths. Folders it may not read or remove (another
 * user's) are left alone: they are not ours to clean.
 */
export function sweepStaleRunDirs(root: string, now: number = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(RUN_DIR_PREFIX));
  } catch {
    return []; // no such root yet, or not readable: nothing of ours is there
  }
  const removed: string[] = [];
  for (const name of names) {
    const path = join(root, name);
    const owner = /^tlc-run-(\d+)-/.exec(name);
    try {
      if (owner) {
        if (processAlive(Number(owner[1]))) continue;
      } else if (now - statSync(path).mtimeMs < UNOWNED_MAX_AGE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    }
  }
  return removed;
}
