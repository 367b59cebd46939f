/**
 * A lock file shared by processes: test files run in parallel workers and
 * may ask for the same model's traces at once; only one of them runs TLC,
 * the others wait and then read its result from the cache.
 *
 * The lock holds its owner's PID. It is stale, and taken over, as soon as that
 * process is gone (an interrupted or killed `gen` must not make the next one
 * wait), or when it is empty or unreadable and older than a moment (a holder
 * that died between creating and filling it; a lock of the older format).
 */
import { closeSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from 'tla2tools-runner';

/** How long an empty or unreadable lock may exist before it counts as left over. */
const UNREADABLE_GRACE_MS = 5_000;
/** How often a waiting process looks again. */
const POLL_MS = 250;

/** What withFileLock tells a caller while it waits (the holder's PID). */
export type LockWaitListener = (holderPid: number) => void;

/**
 * Runs `work` while holding the lock file `path` (removed afterwards, also on
 * error). `onWait` is called once if another live process holds the lock.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, onWait?: LockWaitListener): Promise<T> {
  let told = false;
  for (;;) {
    if (tryCreate(path)) break;
    const holder = readHolder(path);
    if (holder === 'gone') continue; // released meanwhile: try again at once
    if (isStale(path, holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!told && typeof holder === 'number') {
      told = true;
      onWait?.(holder);
    }
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Creates the lock with its content in one step: the PID goes into a private
 * file first, which is then hard-linked to the lock name (link fails if the
 * name exists), so no other process ever sees an empty lock of a live holder.
 */
function tryCreate(path: string): boolean {
  const own = `${path}.${process.pid}.new`;
  try {
    const fd = openSync(own, 'w');
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    linkSync(own, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(own, { force: true });
  }
}

/** The PID in the lock, 'unreadable' if it holds none, 'gone' if the lock no longer exists. */
function readHolder(path: string): number | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
}

function isStale(path: string, holder: number | 'unreadable'): boolean {
  if (typeof holder === 'number') return holder !== process.pid && !processAlive(holder);
  try {
    return Date.now() - statSync(path).mtimeMs > UNREADABLE_GRACE_MS;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // released meanwhile
    throw err;
  }
}
