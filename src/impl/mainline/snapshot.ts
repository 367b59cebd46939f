/**
 * The mainline world's snapshot: the protocol variables in the JSON shape of
 * src/protocol/state.ts, with `deferred` sorted (a set in spec/MMUNotifier.tla).
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { protocolSnapshot } from '../protocol-snapshot.ts';
import { type Sharing } from '../snapshot-sharing.ts';
import { type SpecWorld } from '../world-api.ts';

/** The state of `w` as spec/MMUNotifier.tla's variables (parts shared through `share`, if given). */
export function snapshotOf(w: SpecWorld, share?: Sharing): ProtocolState {
  return protocolSnapshot(w, 'set', share);
}
