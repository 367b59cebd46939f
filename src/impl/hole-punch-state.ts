/**
 * The JSON shape of a spec/HolePunch.tla state (MCExportHolePunch.tla):
 * the protocol state of src/protocol/state.ts plus the hole-punch model's
 * variables. `deferred` is a sequence there (the hlist, head first), which
 * the base schema's array of ids already allows. Offered for the codegen's
 * hole-punch export models, which src/protocol does not describe yet.
 */
import { z } from 'zod';
import { ProtocolState } from '../protocol/index.ts';
import { type HolePunchWorld } from './hole-punch-world.ts';

const Bounds = z.strictObject({ start: z.int(), last: z.int() });

/** One operation of an unmap plan (the spec's Op record). */
export const PlanOpState = z.strictObject({
  api: z.enum(['update', 'insert_safe', 'insert', 'remove_deferred', 'remove']),
  sub: z.string().min(1),
  start: z.int(),
  last: z.int(),
});

/** The whole hole-punch state. */
export const HolePunchState = ProtocolState.extend({
  /** upd[n]: pending update (updated_start/_last); {0, 0} = none. */
  upd: z.record(z.string(), Bounds),
  /** relq[t]: removed_list of t's last inv_end, released by mmu_interval_release. */
  relq: z.record(z.string(), z.array(z.string())),
  /** hp[t].ops: the remaining operations of t's unmap plan. */
  hp: z.record(z.string(), z.strictObject({ ops: z.array(PlanOpState) })),
  /** The driver's work queue of unmaps. */
  work: z.array(z.strictObject({ sub: z.string(), start: z.int(), last: z.int() })),
  /** mmap_lock. */
  mmap: z.strictObject({ writer: z.string(), readers: z.array(z.string()) }),
  /** Pages still mapped. */
  vma: z.array(z.int()),
});

/** The whole hole-punch state. */
export type HolePunchState = z.infer<typeof HolePunchState>;

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
