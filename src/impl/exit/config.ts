/**
 * The configuration of the exit world (spec/ProcessExit.tla's constants):
 * the mainline world's, plus the exiting task and the driver's handling of
 * the exit.
 */
import { OptionsError } from '../errors.ts';
import { type WorldConfig } from '../mainline/config.ts';
import { EXIT_DRIVERS, INSERT_GUARDS, type ExitDriver, type InsertGuard } from '../../protocol/exit-state.ts';

/** Exiter, ExitDriver, HlistStopsDevice, InsertGuard. */
export interface ExitConfig {
  /** The exiting task: one of the invalidators, which runs mmput → exit_mmap instead of invalidations. */
  readonly exiter: string;
  readonly driver: ExitDriver;
  /** The driver's hlist ->release stops the device (amdkfd's kfd_process_notifier_release; the model's ext.devLive). */
  readonly hlistStopsDevice: boolean;
  /** "mmget": the driver inserts only under mmget_not_zero; "none": it inserts after exit and gets -EINVAL. */
  readonly insertGuard: InsertGuard;
}

/** A mainline world whose mm exits. */
export type ExitWorldConfig = WorldConfig & { readonly exit: ExitConfig };

/** Validates the exit part of `c` (throws OptionsError naming the bad constant). */
export function checkExitConfig(c: ExitWorldConfig): ExitConfig {
  const e = c.exit;
  if (!c.invalidators.includes(e.exiter)) throw new OptionsError(`the exiter ${e.exiter} must be one of the invalidators (${c.invalidators.join(', ')})`);
  if (!EXIT_DRIVERS.includes(e.driver)) throw new OptionsError(`unknown exit driver ${String(e.driver)}: use one of ${EXIT_DRIVERS.join(', ')}`);
  if (!INSERT_GUARDS.includes(e.insertGuard)) throw new OptionsError(`unknown insert guard ${String(e.insertGuard)}: use one of ${INSERT_GUARDS.join(', ')}`);
  return e;
}
