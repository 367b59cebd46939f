/**
 * The safety properties of spec/HolePunch.tla, evaluated on a
 * HolePunchWorld (same names as the spec), for random-schedule tests.
 */
import { type HolePunchView } from './config.ts';

const isOdd = (x: number): boolean => x % 2 === 1;

/** The spec's HPWalking(t): on a node, the unmap handler inside the callback included. */
export const HP_WALKING = new Set([
  'invalidate_lock',
  'mmu_interval_set_seq',
  'invalidate_zap',
  'invalidate_unlock',
  'dmirror_do_unmap',
  'mmu_interval_notifier_update',
  'mmu_interval_notifier_insert_safe',
  'mmu_interval_notifier_remove_deferred',
]);

/** The invariants violated by the world's current state (empty = all hold). */
export function checkHolePunchWorld(w: HolePunchView): string[] {
  const n = w.notifier;
  const out: string[] = [];
  const covered = (p: number): boolean => n.tree.first(p, p) !== undefined;
  const walkers = Object.values(w.inv);
  if (n.seq < 2 || n.active < 0) out.push('TypeOK');
  if (isOdd(n.seq) && n.active <= 0) out.push('OddSeqImpliesActive');
  if (n.deferred.length > 0 && !isOdd(n.seq)) out.push('DeferredOnlyWhileOdd');
  if (new Set(n.deferred).size !== n.deferred.length) out.push('DeferredListNoDuplicates');
  if (w.subs.some((s) => (s.life === 'pending_insert' || s.life === 'in_tree' || s.life === 'pending_remove') && !isOdd(s.seq))) {
    out.push('InsertedSeqsOdd');
  }
  if (walkers.some((L) => HP_WALKING.has(L.task.pc) && (!isOdd(n.seq) || L.curSeq !== n.seq))) out.push('WalkersOnlyWhileOdd');
  if (w.subs.some((s) => s.life === 'pending_insert' && s.seq !== n.seq)) out.push('PendingInsertSeqIsEpoch');
  const freedInUse = w.subs.some(
    (s) => s.usesAfterFree > 0 || (s.life === 'freed' && (n.tree.has(s.id) || n.deferred.includes(s) || walkers.some((L) => L.cursor === s.id))),
  );
  if (freedInUse) out.push('NoUseAfterFree');
  // A fault holds its interval across the loop; remove_deferred's release may free it (M25, find() lifetime).
  if (Object.values(w.flt).some((f) => f.sub !== 'none' && w.subs.find((s) => s.id === f.sub)?.life === 'freed')) {
    out.push('NoFaultUseAfterRelease');
  }
  let stale = false;
  let lost = false;
  for (let p = 1; p <= w.mm.npages; p++) {
    const s = w.driver.spte[p - 1] as number;
    if (s === 0) continue;
    if (!covered(p)) lost = true;
    else if (s !== w.mm.read(p)) stale = true;
  }
  if (stale) out.push('NoStaleDeviceEntry');
  if (lost) out.push('NoCoverageLoss');
  const settled =
    n.active === 0 && !isOdd(n.seq) && w.work.length === 0 && Object.values(w.hp).every((h) => h.ops.length === 0);
  if (settled) {
    const iv = n.tree.entries();
    if (iv.some((a, i) => iv.some((b, j) => i < j && !(a.last < b.start || b.last < a.start)))) out.push('NoOverlapWhenSettled');
  }
  return out;
}
