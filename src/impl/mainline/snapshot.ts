/**
 * The mainline world's snapshot: the protocol variables in the JSON shape of
 * src/protocol/state.ts, with `deferred` sorted (a set in spec/MMUNotifier.tla).
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { protocolSnapshot } from '../protocol-snapshot.ts';
import { type SpecWorld } from '../world-api.ts';

/** The state of `w` as spec/MMUNotifier.tla's variables. */
export function snapshotOf(w: SpecWorld): ProtocolState {
  const pc: Record<string, string> = {};
  for (const [id, task] of w.tasks) pc[id] = task.pc;
  const state = protocolSnapshot(w, pc);
  // deferred is a set in spec/MMUNotifier.tla: sorted (assigning keeps its place among the keys).
  state.deferred = [...state.deferred].sort();
  return state;
}
