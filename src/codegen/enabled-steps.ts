/**
 * The steps the spec allows in each state of an export model. The edge
 * cover takes every edge of the whole graph, so the union of a file's trace
 * steps is every state's complete set of outgoing steps. A replay can then
 * check both directions of conformance: the implementation can take each
 * step of the trace, and it offers no step the spec does not (a guard that
 * is too weak is invisible to the first check alone). The stutter step
 * (Terminating, enabled exactly where the spec's Quiescent holds) is one of
 * the steps, under {@link STUTTER_KEY}: the implementation offers it where
 * its world says it is quiescent.
 */
import { STUTTER_ACTION } from './export-graph.ts';
import type { TraceAction, TraceFile } from './trace-format.ts';

/** A step as a comparable string: thread, action, arguments with sorted keys. */
export function stepKey(thread: string, action: string, args: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${thread} ${action} ${JSON.stringify(sorted)}`;
}

/** The key of the stutter step (the export graphs record it as thread none, no arguments). */
export const STUTTER_KEY = stepKey('none', STUTTER_ACTION, {});

/** Per state object of `file`: the keys of the steps leaving it, the stutter step included. */
export function enabledSteps(file: TraceFile): Map<object, Set<string>> {
  const out = new Map<object, Set<string>>();
  for (const s of file.states) out.set(s, new Set());
  for (const t of file.traces) {
    t.actions.forEach((a, i) => {
      const act: TraceAction = file.actions[a]!;
      out.get(file.states[t.states[i]!]!)!.add(stepKey(act.thread, act.name, act.args));
    });
  }
  return out;
}
