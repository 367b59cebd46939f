/**
 * Conversion of a TLC state (the runner's value model) into the protocol's
 * JSON shape (src/protocol/state.ts), the shape the implementation's
 * `snapshot()` returns.
 *
 * The runner's `toPlainJson` already maps records and string-keyed functions
 * to objects, `1..n` functions to arrays and sets to arrays sorted by code
 * unit. One TLA+ value needs a fix: an action without arguments has
 * `args = <<>>` (TLC prints the empty tuple), which must be the empty object.
 */
import { stateToPlainJson, type TlcState } from '../tla2tools-runner/index.ts';
import { ProtocolState } from '../protocol/state.ts';

/** Converts and validates one state; the error names the variable that does not fit the contract. */
export function toProtocolState(state: TlcState): ProtocolState {
  const json = stateToPlainJson(state) as Record<string, unknown>;
  const last = json.lastAction as { args?: unknown } | undefined;
  if (last && Array.isArray(last.args) && last.args.length === 0) last.args = {};
  const parsed = ProtocolState.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`)
      .join('; ');
    throw new Error(`a spec state does not match src/protocol/state.ts: ${issues}`);
  }
  return parsed.data;
}
