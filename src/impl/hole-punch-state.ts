/**
 * The hole-punch world's snapshot: its state in the JSON shape of a
 * spec/HolePunch.tla state, as src/protocol/hole-punch-state.ts describes it
 * (`deferred` in list order, head first, like the spec's sequence).
 */
import { type HolePunchState } from '../protocol/index.ts';
import { type HolePunchWorld } from './hole-punch-world.ts';

/** The world's state in the JSON shape of spec/HolePunch.tla. */
export function holePunchSnapshot(w: HolePunchWorld): HolePunchState {
  const n = w.notifier;
  const subs: Record<string, unknown> = {};
  const upd: Record<string, unknown> = {};
  for (const s of w.subs) {
    subs[s.id] = { start: s.start, last: s.last, seq: s.seq, life: s.life };
    upd[s.id] = s.updated === null ? { start: 0, last: 0 } : { start: s.updated.start, last: s.updated.last };
  }
  const pc: Record<string, string> = {};
  for (const [id, t] of w.tasks) pc[id] = t.pc;
  const inv: Record<string, unknown> = {};
  const relq: Record<string, unknown> = {};
  for (const [id, L] of Object.entries(w.inv)) {
    inv[id] = { start: L.start, last: L.last, blockable: L.blockable, curSeq: L.curSeq, cursor: L.cursor, done: L.done };
    relq[id] = (n.pendingRelease.get(id) ?? []).map((s) => s.id).sort();
  }
  const flt: Record<string, unknown> = {};
  for (const [id, L] of Object.entries(w.flt)) flt[id] = { ...L };
  const hp: Record<string, unknown> = {};
  for (const [id, h] of Object.entries(w.hp)) hp[id] = { ops: h.ops.map((o) => ({ ...o })) };
  return {
    seq: n.seq,
    active: n.active,
    tree: n.tree
      .entries()
      .map((e) => e.id)
      .sort(),
    deferred: n.deferred.map((s) => s.id),
    waitq: n.wq.ids().sort(),
    subs,
    pte: [...w.mm.pte],
    spte: [...w.driver.spte],
    ulock: w.driver.lock.holder,
    pc,
    inv,
    flt,
    mgr: { ...w.mgr },
    lastAction: { name: w.lastAction.name, thread: w.lastAction.thread, args: { ...w.lastAction.args } },
    upd,
    relq,
    hp,
    work: w.work.map((x) => ({ ...x })),
    mmap: { writer: w.mmap.writer, readers: [...w.mmap.readers].sort() },
    vma: [...w.vma].sort((a, b) => a - b),
  } as HolePunchState;
}
