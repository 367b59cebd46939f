/**
 * Exit statuses of `mmu-notifier` commands:
 * 0 success; 1 a property was violated (or a verdict mismatched);
 * 2 usage error or bad input (missing file, bad option); 3 TLC or tool error.
 */
export const EXIT_OK = 0;
/** A property was violated (safety, liveness, deadlock, assumption, assert). */
export const EXIT_VIOLATION = 1;
/** Bad command line or input files. */
export const EXIT_USAGE = 2;
/** TLC could not check the model (parse/config/evaluation error, crash, timeout). */
export const EXIT_TOOL_ERROR = 3;
