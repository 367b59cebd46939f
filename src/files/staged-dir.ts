/**
 * Replacing a whole folder of results only when the new ones are complete:
 * the work writes into a staging folder beside the target (same file system),
 * which is swapped in at the end. Until then the previous results stay as
 * they were — an interrupted run loses nothing, and a second run started
 * meanwhile cannot delete the first one's files. Two runs that finish one
 * after the other each leave a complete folder; the later swap wins.
 *
 * The swap is two renames (old → aside, staging → target); between them, for
 * a moment, the target does not exist. A staging folder left by a killed run
 * carries its owner's PID and is removed by the next run.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ownedTempDir, sweepOrphanTempDirs } from './owned-temp-dir.ts';

/** The prefix of the staging and set-aside folders of `target`. */
function prefixOf(target: string): string {
  return `.${basename(target)}.staging-`;
}

/**
 * Runs `work` on an empty staging folder and swaps it in for `target` when
 * `work` resolves. If `work` throws, the staging folder is removed and the
 * target is untouched.
 */
export async function withStagedDir<T>(target: string, work: (staging: string) => Promise<T>): Promise<T> {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  sweepOrphanTempDirs(prefixOf(target), parent);
  const staging = ownedTempDir(prefixOf(target), parent);
  try {
    const result = await work(staging);
    swapIn(staging, target);
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function swapIn(staging: string, target: string): void {
  const aside = `${staging}.old`;
  if (existsSync(target)) renameSync(target, aside);
  try {
    renameSync(staging, target);
  } catch (err) {
    if (existsSync(aside)) renameSync(aside, target); // put the old results back
    throw err;
  }
  rmSync(aside, { recursive: true, force: true });
}
