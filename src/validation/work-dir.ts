/**
 * A private folder per TLC job under the project's out/ (git-ignored),
 * removed when the job ends, also when it fails. Files are written to a
 * temporary name in the same folder and renamed, so TLC never reads half
 * a module.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export { writeFileAtomic } from '../files/atomic-write.ts';

/** Runs `job` in a fresh folder `<root>/validate-XXXXXX` and removes the folder afterwards. */
export async function withWorkDir<T>(root: string, job: (dir: string) => Promise<T>): Promise<T> {
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'validate-'));
  try {
    return await job(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
