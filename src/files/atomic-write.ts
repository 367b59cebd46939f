/**
 * Writing a file so that no reader, and no interruption, ever leaves half of
 * it: the text goes to a temporary file in the same folder (same file system,
 * so the rename is atomic), which then replaces the target. If the write
 * fails (disk full, read-only folder) the temporary file is removed and the
 * old file, if any, is left as it was.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `path` atomically; throws the write's error after cleaning up. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
