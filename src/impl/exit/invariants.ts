/**
 * The exit models' safety properties (spec/MCExit.tla) on the exit world,
 * on top of the mainline ones (mainline/invariants.ts), with the spec's names.
 */
import { type ExitExtState } from '../../protocol/exit-state.ts';
import { pages } from '../thread-choices.ts';
import { type SpecWorld } from '../world-api.ts';

/**
 * The mainline violations `base`, adjusted for the exit: SAFE-2 only for
 * the invalidations that change PTEs (ZappedBeforeUnmap: the release walk
 * passes the mm_change_ptes label without changing any), SAFE-1 while the
 * device runs (NoStaleDeviceEntryWhileDeviceRuns) and NoInsertAfterExit.
 */
export function exitViolations(w: SpecWorld, ext: ExitExtState, exiter: string, base: readonly string[]): string[] {
  const out = base.filter((p) => p !== 'ZappedBeforeMutate');
  const covered = (p: number): boolean => w.notifier.tree.first(p, p) !== undefined;
  const releaseWalk = (id: string): boolean => id === exiter && ext.phase === 'release';
  const unzapped = Object.entries(w.inv).some(
    ([id, L]) => L.task.pc === 'mm_change_ptes' && !releaseWalk(id) && pages(L.start, L.last).some((p) => covered(p) && w.driver.spte[p - 1] !== 0),
  );
  if (unzapped) out.push('ZappedBeforeUnmap');
  if (ext.devLive && base.includes('NoStaleDeviceEntry')) out.push('NoStaleDeviceEntryWhileDeviceRuns');
  if (ext.insErr !== 'none') out.push('NoInsertAfterExit');
  return out;
}
