/**
 * The part of a snapshot both worlds share: the mainline protocol variables
 * (src/protocol/state.ts) read off the core, the mm, the driver and the
 * thread locals. World sorts `deferred` (a set in spec/MMUNotifier.tla);
 * HolePunchWorld keeps list order (a sequence in spec/HolePunch.tla) and
 * adds its own variables.
 */
import { type ProtocolState } from '../protocol/index.ts';
import { type Subscription } from './subscription.ts';
import { type SpecWorld } from './world-api.ts';

/** The protocol variables of `w`, with `deferred` in list order (head first); `pc` per thread. */
export function protocolSnapshot(w: SpecWorld<ProtocolState, unknown>, pc: Record<string, string>): ProtocolState {
  const n = w.notifier;
  const sorted = (xs: string[]): string[] => [...xs].sort();
  const subs: Record<string, { start: number; last: number; seq: number; life: Subscription['life'] }> = {};
  for (const s of w.subs) subs[s.id] = { start: s.start, last: s.last, seq: s.seq, life: s.life };
  const inv: Record<string, unknown> = {};
  for (const [id, L] of Object.entries(w.inv)) {
    inv[id] = { start: L.start, last: L.last, blockable: L.blockable, curSeq: L.curSeq, cursor: L.cursor, done: L.done };
  }
  const flt: Record<string, unknown> = {};
  for (const [id, L] of Object.entries(w.flt)) flt[id] = { ...L };
  return {
    seq: n.seq,
    active: n.active,
    tree: sorted(n.tree.entries().map((e) => e.id)),
    deferred: n.deferred.map((s) => s.id),
    waitq: sorted(n.wq.ids()),
    subs,
    pte: [...w.mm.pte],
    spte: [...w.driver.spte],
    ulock: w.driver.lock.holder,
    pc,
    inv,
    flt,
    mgr: { ...w.mgr },
    lastAction: { name: w.lastAction.name, thread: w.lastAction.thread, args: { ...w.lastAction.args } },
  } as ProtocolState;
}
