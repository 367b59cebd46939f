/**
 * Exit statuses of `mmu-notifier` commands:
 * 0 success; 1 a property was violated (or a verdict mismatched);
 * 2 usage error, bad input or setup fault (missing file, bad option, no java or
 *   jar, a path that cannot be read or written); 3 TLC or tool error.
 * Every command uses the same status for the same fault (the table is in
 * README.md, "Exit statuses"). A command ended by SIGINT, SIGTERM or SIGHUP,
 * or whose npm/npx launcher is gone (cli/launcher-watch.ts), ends by that
 * signal (128 + its number in a shell) after killing TLC.
 */
export const EXIT_OK = 0;
/** A property was violated (safety, liveness, deadlock, assumption, assert). */
export const EXIT_VIOLATION = 1;
/** Bad command line, input files or setup (TLC cannot be started, a path cannot be written). */
export const EXIT_USAGE = 2;
/** TLC could not check the model (parse/config/evaluation error, crash, timeout). */
export const EXIT_TOOL_ERROR = 3;
