/**
 * The hole-punch world's snapshot: its state in the JSON shape of a
 * spec/HolePunch.tla state, as src/protocol/hole-punch-state.ts describes it
 * (`deferred` in list order, head first, like the spec's sequence).
 */
import { type HolePunchState } from '../../protocol/index.ts';
import { protocolSnapshot } from '../protocol-snapshot.ts';
import { type HolePunchView } from './config.ts';

/** The world's state in the JSON shape of spec/HolePunch.tla. */
export function holePunchSnapshot(w: HolePunchView): HolePunchState {
  const pc: Record<string, string> = {};
  for (const [id, t] of w.tasks) pc[id] = t.pc;
  const upd: Record<string, unknown> = {};
  for (const s of w.subs) upd[s.id] = s.updated === null ? { start: 0, last: 0 } : { start: s.updated.start, last: s.updated.last };
  const relq: Record<string, unknown> = {};
  for (const id of Object.keys(w.inv)) relq[id] = (w.notifier.pendingRelease.get(id) ?? []).map((s) => s.id).sort();
  const hp: Record<string, unknown> = {};
  for (const [id, h] of Object.entries(w.hp)) hp[id] = { ops: h.ops.map((o) => ({ ...o })) };
  return {
    ...protocolSnapshot(w, pc),
    upd,
    relq,
    hp,
    work: w.work.map((x) => ({ ...x })),
    mmap: { writer: w.mmap.writer, readers: [...w.mmap.readers].sort() },
    vma: [...w.vma].sort((a, b) => a - b),
  } as HolePunchState;
}
