/**
 * Temporary folders that carry their owner's PID in their name, so that a
 * later run can remove the ones a killed process (SIGKILL, power loss) left
 * behind: `<tmpdir>/<prefix><pid>-<random>`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from 'tla2tools-runner';

/** Creates a temporary folder owned by this process. */
export function ownedTempDir(prefix: string, parent = tmpdir()): string {
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

/** Removes the folders of `prefix` whose owner process is gone; returns their paths. */
export function sweepOrphanTempDirs(prefix: string, parent = tmpdir()): string[] {
  const swept: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return swept; // no temp folder to sweep: nothing was left behind there
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    swept.push(join(parent, name));
  }
  return swept;
}
