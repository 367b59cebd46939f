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
    throw namingTarget(err, path);
  }
}

/**
 * A failed write(2) (disk full, quota) names no file: give the error the
 * target's path, so that the user's one line says which file was not written.
 */
function namingTarget(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException & { dest?: string };
  if (typeof e?.code === 'string' && e.path === undefined && e.dest === undefined) e.path = path;
  return err;
}
