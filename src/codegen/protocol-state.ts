/**
 * Conversion of a TLC state (the runner's value model) into the JSON shape
 * the implementation's `snapshot()` returns: src/protocol/state.ts for the
 * mainline models, src/protocol/hole-punch-state.ts for the hole-punch
 * models (the variables of spec/HolePunch.tla). Each state is validated
 * against its family's zod schema here, and trace-format.ts checks every
 * stored state against it again when a file is read.
 *
 * The runner's `toPlainJson` already maps records and string-keyed functions
 * to objects, `1..n` functions and sequences to arrays and sets to arrays
 * sorted by code unit. One TLA+ value needs a fix: an action without
 * arguments has `args = <<>>` (TLC prints the empty tuple), which must be the
 * empty object.
 */
import { z } from 'zod';
import { stateToPlainJson, type TlcState } from 'tla2tools-runner';
import { LastAction, ProtocolState } from '../protocol/state.ts';
import { HolePunchState } from '../protocol/hole-punch-state.ts';
import { HlistState } from '../protocol/hlist-state.ts';
import { ExitState } from '../protocol/exit-state.ts';
import { OwnerSkipState } from '../protocol/owner-skip-state.ts';

/** A state of either family as stored in a trace file (the family's own schema is checked on top). */
export const TraceState = z.looseObject({ lastAction: LastAction });
export type TraceState = z.infer<typeof TraceState>;

/** Which schema states of a model follow. */
export type StateFamily = 'mainline' | 'holepunch' | 'hlist' | 'exit' | 'ownerskip';

/** The schema of each family's states. */
export const STATE_SCHEMA = { mainline: ProtocolState, holepunch: HolePunchState, hlist: HlistState, exit: ExitState, ownerskip: OwnerSkipState } as const;

/** Converts and validates one state; the error names the variable that does not fit the contract. */
export function toTraceState(state: TlcState, family: StateFamily): TraceState {
  const json = stateToPlainJson(state) as Record<string, unknown>;
  const last = json.lastAction as { args?: unknown } | undefined;
  if (last && Array.isArray(last.args) && last.args.length === 0) last.args = {};
  const parsed = STATE_SCHEMA[family].safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`)
      .join('; ');
    throw new Error(`a spec state does not match the ${family} state contract: ${issues}`);
  }
  return parsed.data;
}

/** The family of a TLC state: hole-punch states have the `vma` variable, hlist states `hl`, exit states `ext`, owner-skip states `mig`. */
export function familyOf(state: TlcState): StateFamily {
  if ('vma' in state) return 'holepunch';
  if ('ext' in state) return 'exit';
  if ('mig' in state) return 'ownerskip';
  return 'hl' in state ? 'hlist' : 'mainline';
}

/** {@link toTraceState} with the family read off the state. */
export function toProtocolState(state: TlcState): TraceState {
  return toTraceState(state, familyOf(state));
}
