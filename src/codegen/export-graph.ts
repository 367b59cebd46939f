/**
 * TLC's state graph of an export model, indexed for the covering algorithm:
 * dense node ids, states in the protocol's JSON shape, one action per edge.
 */
import type { StateGraph } from 'tla2tools-runner';
import type { Digraph } from './digraph.ts';
import type { TraceAction } from './trace-format.ts';
import { toProtocolState, type TraceState } from './protocol-state.ts';

/** The spec's stuttering step at quiescence (`Terminating == Quiescent /\ UNCHANGED vars`). */
export const STUTTER_ACTION = 'Terminating';

/** The hlist and exit families' stutter steps (spec/HlistNotifier.tla, spec/ProcessExit.tla), read as {@link STUTTER_ACTION}. */
const STUTTER_LABELS: ReadonlySet<string> = new Set([STUTTER_ACTION, 'HlistTerminating', 'ExitTerminating']);

/**
 * Edge labels of spec/HlistNotifier.tla and spec/ProcessExit.tla steps that
 * conjoin `UNCHANGED hl` (`UNCHANGED ext`, a guard) to a mainline action:
 * TLC cannot split such a conjunction and labels the edge with the
 * enclosing operator; the step is the one the target's lastAction names.
 */
const COMPOSITE_LABELS: ReadonlySet<string> = new Set(['HlistInvStep', 'HlistNext', 'ExitStep', 'OtherInvStep', 'ExitFltStep', 'ExitMgrStep']);

/**
 * Edge labels of actions that record another action's name in lastAction:
 * spec/OwnerSkip.tla's migrate_vma_setup is the core's
 * mn_itree_inv_start_range on the migrator's one-page range.
 */
const RECORDED_AS: ReadonlyMap<string, string> = new Map([['migrate_vma_setup', 'mn_itree_inv_start_range']]);

/** The indexed graph. `actions[e]` is the action taken along edge e. */
export interface ExportGraph extends Digraph {
  readonly states: readonly TraceState[];
  readonly actions: readonly TraceAction[];
  /** Edge lines in the dump that repeated an earlier (from, to, label) edge; dropped. */
  readonly duplicateEdges: number;
}

/**
 * Indexes a dot dump. The action of an edge is the `lastAction` of its
 * target state (the spec records name, thread and arguments there); it must
 * agree with TLC's edge label, else the spec's ghost is wrong. A stuttering
 * edge keeps the target's old lastAction, so it gets its own action record.
 */
export function indexStateGraph(dump: StateGraph, model: string): ExportGraph {
  const index = new Map<string, number>();
  const states: TraceState[] = [];
  for (const [fp, state] of dump.nodes) {
    index.set(fp, states.length);
    try {
      states.push(toProtocolState(state));
    } catch (err) {
      throw new Error(`${model}, state ${fp}: ${(err as Error).message}`, { cause: err });
    }
  }
  const id = (fp: string): number => {
    const i = index.get(fp);
    if (i === undefined) throw new Error(`${model}: the dot dump has an edge to unknown state ${fp} (truncated dump?)`);
    return i;
  };
  const from: number[] = [];
  const to: number[] = [];
  const actions: TraceAction[] = [];
  const seen = new Set<string>();
  let duplicateEdges = 0;
  for (const e of dump.edges) {
    const key = `${e.from} ${e.to} ${e.action ?? ''}`;
    if (seen.has(key)) {
      duplicateEdges++;
      continue;
    }
    seen.add(key);
    const target = states[id(e.to)]!;
    const stutter = e.action !== null && STUTTER_LABELS.has(e.action);
    const action = stutter ? { name: STUTTER_ACTION, thread: 'none', args: {} } : target.lastAction;
    if (e.action !== null && !stutter && !COMPOSITE_LABELS.has(e.action) && action.name !== (RECORDED_AS.get(e.action) ?? e.action)) {
      throw new Error(`${model}: edge labelled ${e.action} leads to a state whose lastAction is ${action.name}`);
    }
    from.push(id(e.from));
    to.push(id(e.to));
    actions.push(action);
  }
  return { nodeCount: states.length, from, to, initial: dump.initial.map(id), states, actions, duplicateEdges };
}
