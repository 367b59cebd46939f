/**
 * The hole-punch world's snapshot: its state in the JSON shape of a
 * spec/HolePunch.tla state, as src/protocol/hole-punch-state.ts describes it
 * (`deferred` in list order, head first, like the spec's sequence).
 */
import { type HolePunchState } from '../../protocol/index.ts';
import { protocolSnapshot } from '../protocol-snapshot.ts';
import { NO_SHARING, sharedList, type Sharing } from '../snapshot-sharing.ts';
import { type HolePunchView } from './config.ts';

/** The world's state in the JSON shape of spec/HolePunch.tla (parts shared through `share`, if given). */
export function holePunchSnapshot(w: HolePunchView, share: Sharing = NO_SHARING): HolePunchState {
  const upd = share.record('upd', w.subs, (s) => s.id, (p: { start: number; last: number } | undefined, s) => {
    const start = s.updated?.start ?? 0;
    const last = s.updated?.last ?? 0;
    return p !== undefined && p.start === start && p.last === last ? p : { start, last };
  });
  const relq = share.record('relq', Object.keys(w.inv), (id) => id, (p: string[] | undefined, id) => sharedList(p, (w.notifier.pendingRelease.get(id) ?? []).map((s) => s.id).sort()));
  // Plans and the work queue are a few small records: compared by their JSON.
  const hp = share.record('hp', Object.entries(w.hp), ([id]) => id, (p: { ops: unknown[] } | undefined, [, h]) =>
    p !== undefined && JSON.stringify(p.ops) === JSON.stringify(h.ops) ? p : { ops: h.ops.map((o) => ({ ...o })) },
  );
  const readers = share.sorted('mmap.readers', [...w.mmap.readers]);
  return {
    ...protocolSnapshot(w, 'list', share),
    upd,
    relq,
    hp,
    work: share.keep('work', (p: unknown[]) => JSON.stringify(p) === JSON.stringify(w.work), () => w.work.map((x) => ({ ...x }))),
    mmap: share.keep('mmap', (p: { writer: string; readers: string[] }) => p.writer === w.mmap.writer && p.readers === readers, () => ({ writer: w.mmap.writer, readers })),
    vma: share.numbers('vma', [...w.vma].sort((a, b) => a - b)),
  } as HolePunchState;
}
