/**
 * The spec's safety invariants (spec/MMUNotifierProperties.tla), evaluated
 * on the world's state, for random-schedule tests: the same names, so a
 * failing schedule says which property it broke.
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { type SpecWorld } from '../world-api.ts';
import { type ResolvedWorldConfig } from './config.ts';

const isOdd = (x: number): boolean => x % 2 === 1;

/** The spec's Walking(t): between a hitting inv_start_range and the last iter_next. */
export const WALKING = new Set(['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']);
/** pcs at which the spec requires the thread to hold the driver lock. */
const UNDER_LOCK = new Set(['mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock', 'mmu_interval_read_retry', 'driver_commit']);

/** Names of the invariants this module checks. */
export const WORLD_INVARIANTS = [
  'TypeOK',
  'OddSeqImpliesActive',
  'DeferredOnlyWhileOdd',
  'InsertedSeqsOdd',
  'LifecycleMatchesTreeAndList',
  'WalkersOnlyWhileOdd',
  'WalkersShareEpochSeq',
  'NoUseAfterFree',
  'RemoveReturnsUnlinked',
  'PendingInsertSeqIsEpoch',
  'DriverLockHeldInCriticalSections',
  'NoStaleDeviceEntry',
  'ZappedBeforeMutate',
  'NoCoverageLossOutsideRemove',
] as const;

/**
 * NoCoverageLossOutsideRemove: a device entry outside every interval of the tree, other
 * than an entry of the interval whose remove is under way (the manager is
 * not idle: dmirror drops the entries only after remove returned).
 */
function coverageLost(w: SpecWorld<ProtocolState, ResolvedWorldConfig>, mgrPc: string | undefined, covered: (p: number) => boolean): boolean {
  const removing = mgrPc !== undefined && mgrPc !== 'idle' ? w.subs.find((s) => s.id === w.mgr.sub) : undefined;
  for (let p = 1; p <= w.mm.npages; p++) {
    if (w.driver.spte[p - 1] === 0 || covered(p)) continue;
    if (removing === undefined || p < removing.start || p > removing.last) return true;
  }
  return false;
}

/** The invariants violated by the world's current state (empty = all hold). */
export function checkWorld(w: SpecWorld<ProtocolState, ResolvedWorldConfig>): string[] {
  const n = w.notifier;
  const out: string[] = [];
  const inTree = (id: string): boolean => n.tree.has(id);
  const onList = (id: string): boolean => n.deferred.some((s) => s.id === id);
  const covered = (p: number): boolean => n.tree.first(p, p) !== undefined;
  const walkers = Object.values(w.inv);

  // TypeOK, the parts an implementation can break: counters in range.
  if (n.seq < 2 || n.active < 0) out.push('TypeOK');
  if (isOdd(n.seq) && n.active <= 0) out.push('OddSeqImpliesActive');
  if (n.deferred.length > 0 && !isOdd(n.seq)) out.push('DeferredOnlyWhileOdd');
  if (w.subs.some((s) => (s.life === 'pending_insert' || s.life === 'in_tree' || s.life === 'pending_remove') && !isOdd(s.seq))) {
    out.push('InsertedSeqsOdd');
  }
  const lifecycleOk = w.subs.every((s) => {
    if (s.updated !== null) return true; // a v5/v6 pending update: in the tree and on the list
    const t = inTree(s.id);
    const d = onList(s.id);
    if (d && !t) return s.life === 'pending_insert';
    if (d && t) return s.life === 'pending_remove';
    if (t) return s.life === 'in_tree';
    return s.life === 'unused' || s.life === 'removed' || s.life === 'freed';
  });
  if (!lifecycleOk) out.push('LifecycleMatchesTreeAndList');
  const walking = walkers.filter((L) => WALKING.has(L.task.pc));
  if (walking.length > 0 && !isOdd(n.seq)) out.push('WalkersOnlyWhileOdd');
  if (walking.some((L) => L.curSeq !== n.seq)) out.push('WalkersShareEpochSeq');
  const uaf = w.subs.some(
    (s) =>
      s.usesAfterFree > 0 ||
      (s.life === 'freed' &&
        (inTree(s.id) || onList(s.id) || walkers.some((L) => L.cursor === s.id) || Object.values(w.flt).some((f) => f.sub === s.id))),
  );
  if (uaf) out.push('NoUseAfterFree');
  const mgrPc = w.tasks.get(w.cfg.mgr)?.pc;
  if (mgrPc === 'remove_return_free') {
    // As the spec states it, with no exception for mgr.sub = none (no run returns
    // from remove without its interval; then an idle cursor, none too, equals it).
    const id = w.mgr.sub;
    if (inTree(id) || onList(id) || walkers.some((L) => L.cursor === id)) out.push('RemoveReturnsUnlinked');
  }
  if (w.subs.some((s) => s.life === 'pending_insert' && s.seq !== n.seq)) out.push('PendingInsertSeqIsEpoch');
  for (const [id, task] of w.tasks) {
    if (UNDER_LOCK.has(task.pc) && w.driver.lock.holder !== id) {
      out.push('DriverLockHeldInCriticalSections');
      break;
    }
  }
  for (let p = 1; p <= w.mm.npages; p++) {
    const s = w.driver.spte[p - 1] as number;
    if (covered(p) && s !== 0 && s !== w.mm.read(p)) {
      out.push('NoStaleDeviceEntry');
      break;
    }
  }
  if (coverageLost(w, mgrPc, covered)) out.push('NoCoverageLossOutsideRemove');
  for (const L of walkers) {
    if (L.task.pc !== 'mm_change_ptes') continue;
    for (let p = L.start; p <= L.last; p++) {
      if (covered(p) && w.driver.spte[p - 1] !== 0) {
        out.push('ZappedBeforeMutate');
        return out;
      }
    }
  }
  return out;
}
