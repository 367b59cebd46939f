/**
 * The state of the process-exit models (spec/ProcessExit.tla): the mainline
 * variables of src/protocol/state.ts plus `ext`, the exit's own state.
 */
import { z } from 'zod';
import { ProtocolState } from './state.ts';

/**
 * The driver's callback shapes of spec/ProcessExit.tla's ExitDriver:
 * lib/test_hmm.c's dmirror_interval_invalidate (no RELEASE case), amdkfd's
 * svm_range_cpu_invalidate_pagetables as first merged (returns at once for
 * MMU_NOTIFY_RELEASE) and after fa582c6f3684 (also while mm_users is 0).
 */
export const EXIT_DRIVERS = ['dmirror', 'amdkfd', 'amdkfd_mmget'] as const;
export type ExitDriver = (typeof EXIT_DRIVERS)[number];

/** InsertGuard: the driver inserts only under mmget_not_zero ("mmget"), or not checking ("none"). */
export const INSERT_GUARDS = ['mmget', 'none'] as const;
export type InsertGuard = (typeof INSERT_GUARDS)[number];

/** The phases of exit_mmap, in order (ExitPhases). */
export const EXIT_PHASES = ['running', 'exiting', 'release', 'hlist', 'unmap', 'exited'] as const;
export type ExitPhase = (typeof EXIT_PHASES)[number];

/** ext: mm_users gone or not, the exit's phase, whether the device runs, the outcome of an insert after exit. */
export const ExitExtState = z.strictObject({
  mm: z.enum(['alive', 'dead']),
  phase: z.enum(EXIT_PHASES),
  devLive: z.boolean(),
  insErr: z.enum(['none', 'EINVAL']),
});
export type ExitExtState = z.infer<typeof ExitExtState>;

/** The whole state of a process-exit model. */
export const ExitState = ProtocolState.extend({ ext: ExitExtState });
export type ExitState = z.infer<typeof ExitState>;
