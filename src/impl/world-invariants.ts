/**
 * The spec's safety invariants (spec/MMUNotifierProperties.tla), evaluated
 * on the world's state, for random-schedule tests: the same names, so a
 * failing schedule says which property it broke.
 */
import { NONE } from './subscription.ts';
import { type World } from './world.ts';

const isOdd = (x: number): boolean => x % 2 === 1;

/** Names of the invariants this module checks. */
export const WORLD_INVARIANTS = [
  'OddSeqImpliesActive',
  'DeferredOnlyWhileOdd',
  'InsertedSeqsOdd',
  'NoUseAfterFree',
  'RemoveReturnsUnlinked',
  'NoStaleDeviceEntry',
  'ZappedBeforeMutate',
] as const;

/** The invariants violated by the world's current state (empty = all hold). */
export function checkWorld(w: World): string[] {
  const n = w.notifier;
  const out: string[] = [];
  const inTree = (id: string): boolean => n.tree.has(id);
  const onList = (id: string): boolean => n.deferred.some((s) => s.id === id);
  const covered = (p: number): boolean => n.tree.first(p, p) !== undefined;
  const walkers = Object.values(w.inv);

  if (isOdd(n.seq) && n.active <= 0) out.push('OddSeqImpliesActive');
  if (n.deferred.length > 0 && !isOdd(n.seq)) out.push('DeferredOnlyWhileOdd');
  if (w.subs.some((s) => (s.life === 'pending_insert' || s.life === 'in_tree' || s.life === 'pending_remove') && !isOdd(s.seq))) {
    out.push('InsertedSeqsOdd');
  }
  const uaf = w.subs.some(
    (s) =>
      s.usesAfterFree > 0 ||
      (s.life === 'freed' &&
        (inTree(s.id) || onList(s.id) || walkers.some((L) => L.cursor === s.id) || Object.values(w.flt).some((f) => f.sub === s.id))),
  );
  if (uaf) out.push('NoUseAfterFree');
  const mgrPc = w.tasks.get(w.cfg.mgr)?.task.pc;
  if (mgrPc === 'remove_return_free' && w.mgr.sub !== NONE) {
    const id = w.mgr.sub;
    if (inTree(id) || onList(id) || walkers.some((L) => L.cursor === id)) out.push('RemoveReturnsUnlinked');
  }
  for (let p = 1; p <= w.mm.npages; p++) {
    const s = w.driver.spte[p - 1] as number;
    if (covered(p) && s !== 0 && s !== w.mm.read(p)) {
      out.push('NoStaleDeviceEntry');
      break;
    }
  }
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
