/**
 * The steps of the exit world's threads that differ from the mainline
 * world's (spec/ProcessExit.tla): the exiter's own steps, the driver's
 * early return, and the guards the exit puts on faults and inserts.
 */
import { type ExitExtState } from '../../protocol/exit-state.ts';
import { one } from '../thread-choices.ts';
import { type InvLocals, type StepChoice } from '../world-api.ts';
import { type ExitConfig } from './config.ts';

/** What the exit choices read of the world. */
export interface ExitView {
  readonly exit: ExitConfig;
  readonly ext: ExitExtState;
  readonly npages: number;
  readonly spinFree: boolean;
  /** Every faulter is between faults (mmput: no fault holds an mm_users reference). */
  readonly faultersIdle: boolean;
}

/**
 * The spec's SkipsCallback: amdkfd's callback returns true at once for
 * MMU_NOTIFY_RELEASE (both shapes) and, after fa582c6f3684, whenever
 * mmget_not_zero fails (mm_users is 0). dmirror never does.
 */
export function skipsCallback(exit: ExitConfig, inv: Pick<InvLocals, 'event'>, mmUsersGone: boolean): boolean {
  if (exit.driver === 'dmirror') return false;
  return inv.event === 'release' || (exit.driver === 'amdkfd_mmget' && mmUsersGone);
}

/** The exiter's step between its walks, per phase of exit_mmap (none once exited). */
export function exiterPhaseChoices(v: ExitView): StepChoice[] {
  const whole = { start: 1, last: v.npages, blockable: true };
  switch (v.ext.phase) {
    case 'running':
      return v.faultersIdle ? one('mmput_exit_mmap') : [];
    case 'exiting':
      return v.spinFree ? one('mn_itree_release', whole) : [];
    case 'release':
      return one('mn_hlist_release');
    case 'hlist':
      return v.spinFree ? one('unmap_vmas', whole) : [];
    case 'unmap':
      return one('exit_mmap_done');
    case 'exited':
      return [];
  }
}

/**
 * The manager's idle steps once the mm is dead: no insert (the driver's
 * mmget_not_zero fails), or, without that guard, one insert_after_exit
 * (-EINVAL) of an unused subscription; removes stay.
 */
export function managerIdleChoices(v: ExitView, base: StepChoice[]): StepChoice[] {
  if (v.ext.mm === 'alive') return base;
  const inserts = base.filter((c) => c.action === 'mmu_interval_notifier_insert');
  const rest = base.filter((c) => c.action !== 'mmu_interval_notifier_insert');
  if (v.exit.insertGuard === 'mmget' || v.ext.insErr !== 'none') return rest;
  return [...inserts.map((c) => ({ action: 'insert_after_exit', args: c.args })), ...rest];
}
