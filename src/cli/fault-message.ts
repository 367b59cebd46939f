/**
 * The one line a command prints for a fault it did not handle itself, and
 * its exit status: file-system faults name the path and what to do; a
 * setup fault of the runner keeps its own message (it already says what to
 * install or set); anything else is a tool error.
 */
import { TlcSetupError } from 'tla2tools-runner';
import { EXIT_TOOL_ERROR, EXIT_USAGE } from './exit-codes.ts';

/** What to do about a file-system error, by its code. */
const ADVICE: Readonly<Record<string, string>> = {
  EACCES: 'no permission: make it writable or choose another folder (--out)',
  EPERM: 'not permitted: make it writable or choose another folder (--out)',
  EROFS: 'the file system is read-only: choose another folder (--out)',
  ENOTDIR: 'a part of the path is a file, not a folder: remove or rename it, or choose another folder',
  EISDIR: 'it is a folder where a file is needed: remove or rename it',
  EEXIST: 'a file is in the way where a folder is needed: remove or rename it',
  ENOENT: 'it does not exist',
  ENOSPC: 'the disk is full: free some space and run the command again',
  EDQUOT: 'the disk quota is used up: free some space and run the command again',
};

/** A fault as one line and an exit status. */
export function describeFault(err: unknown): { message: string; status: number } {
  if (err instanceof TlcSetupError) return { message: err.message, status: EXIT_USAGE };
  const e = err as NodeJS.ErrnoException;
  const advice = typeof e?.code === 'string' ? ADVICE[e.code] : undefined;
  if (advice !== undefined) {
    // A failed rename names the temporary file as path and the real target as dest.
    const path = (e as { dest?: string }).dest ?? e.path;
    return { message: `${path ? `${path}: ` : ''}${advice} (${e.code})`, status: EXIT_USAGE };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { message: `internal error: ${text.split('\n')[0]}`, status: EXIT_TOOL_ERROR };
}
