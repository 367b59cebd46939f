/**
 * The part of a snapshot both worlds share: the mainline protocol variables
 * (src/protocol/state.ts) read off the core, the mm, the driver and the
 * thread locals. World sorts `deferred` (a set in spec/MMUNotifier.tla);
 * HolePunchWorld keeps list order (a sequence in spec/HolePunch.tla) and
 * adds its own variables.
 *
 * Through a SnapshotSharing (snapshot-sharing.ts), every part that equals
 * the live state is the previous snapshot's object: a recorder's states
 * share what a step left alone.
 */
import { type ProtocolState } from '../protocol/index.ts';
import { NO_SHARING, type Sharing } from './snapshot-sharing.ts';
import { type Subscription } from './subscription.ts';
import { type InvLocals, type SpecWorld } from './world-api.ts';

type SubPart = ProtocolState['subs'][string];
type InvPart = ProtocolState['inv'][string];
type FltPart = ProtocolState['flt'][string];

/** The order of `deferred`: "set" sorts it (spec/MMUNotifier.tla), "list" keeps list order, head first (spec/HolePunch.tla). */
export type DeferredOrder = 'set' | 'list';

/** The protocol variables of `w`. */
export function protocolSnapshot(w: SpecWorld<ProtocolState, unknown>, deferredOrder: DeferredOrder, share: Sharing = NO_SHARING): ProtocolState {
  const n = w.notifier;
  const deferred = n.deferred.map((s) => s.id);
  const flt = w.flt;
  const mgr = w.mgr;
  return {
    seq: n.seq,
    active: n.active,
    // Read by walking the tree (not its id map): a tree that lost a node shows it.
    tree: share.sorted('tree', n.tree.entries().map((e) => e.id)),
    deferred: deferredOrder === 'set' ? share.sorted('deferred', deferred) : share.list('deferred', deferred),
    waitq: share.sorted('waitq', n.wq.ids()),
    subs: share.record('subs', w.subs, (s) => s.id, subPart),
    pte: share.numbers('pte', w.mm.pte),
    spte: share.numbers('spte', w.driver.spte),
    ulock: w.driver.lock.holder,
    pc: share.record('pc', [...w.tasks.values()], (t) => t.id, (_, t) => t.pc),
    inv: share.record('inv', Object.entries(w.inv), ([id]) => id, (p, [, L]) => invPart(p, L)),
    flt: share.record('flt', Object.keys(flt), (id) => id, (p, id) => fltPart(p, flt[id] as FltPart)),
    mgr: share.keep('mgr', (p: ProtocolState['mgr']) => p.sub === mgr.sub && p.waitSeq === mgr.waitSeq, () => ({ ...mgr })),
    lastAction: { name: w.lastAction.name, thread: w.lastAction.thread, args: { ...w.lastAction.args } },
  };
}

function subPart(p: SubPart | undefined, s: Subscription): SubPart {
  if (p !== undefined && p.start === s.start && p.last === s.last && p.seq === s.seq && p.life === s.life) return p;
  return { start: s.start, last: s.last, seq: s.seq, life: s.life };
}

function invPart(p: InvPart | undefined, L: InvLocals): InvPart {
  if (p !== undefined && p.start === L.start && p.last === L.last && p.blockable === L.blockable && p.curSeq === L.curSeq && p.cursor === L.cursor && p.done === L.done) return p;
  return { start: L.start, last: L.last, blockable: L.blockable, curSeq: L.curSeq, cursor: L.cursor, done: L.done };
}

function fltPart(p: FltPart | undefined, L: FltPart): FltPart {
  if (p !== undefined && p.sub === L.sub && p.page === L.page && p.s === L.s && p.snap === L.snap && p.tries === L.tries && p.done === L.done) return p;
  return { ...L };
}
