/**
 * Random traces of a larger model: TLC's `-simulate` writes one file per
 * behaviour with states only (2.18 prints no action names); the action of
 * each step is the spec's `lastAction` ghost of the state it leads to.
 */
import { join } from 'node:path';
import { readSimulationTraces } from 'tla2tools-runner';
import { STUTTER_ACTION } from './export-graph.ts';
import { constantsFromOutput } from './model-constants.ts';
import { toProtocolState, type TraceState } from './protocol-state.ts';
import { jsonEqual } from './state-diff.ts';
import { runTlcJob } from './tlc-job.ts';
import { TraceFileBuilder } from './trace-builder.ts';
import type { ModelRef, ModelTraces } from './model-ref.ts';
import type { TraceAction } from './trace-format.ts';

/** How many behaviours, how long, from which seed. */
export interface SimulationPlan {
  readonly traces: number;
  readonly depth: number;
  readonly seed: number;
}

/** The stuttering step's action record (the spec's lastAction does not change on it). */
export const STUTTER: TraceAction = { name: STUTTER_ACTION, thread: 'none', args: {} };

/**
 * The actions between consecutive states. A repeated state is the spec's
 * stuttering step at quiescence (every real action rewrites lastAction and
 * changes the state); a run of them at the end is cut to one.
 */
export function stepsOf(states: readonly TraceState[]): { states: TraceState[]; actions: TraceAction[] } {
  const outStates = [states[0]!];
  const actions: TraceAction[] = [];
  for (let i = 1; i < states.length; i++) {
    const stutter = jsonEqual(states[i], states[i - 1]);
    if (stutter && actions[actions.length - 1] === STUTTER) continue;
    outStates.push(states[i]!);
    actions.push(stutter ? STUTTER : states[i]!.lastAction);
  }
  return { states: outStates, actions };
}

/** Generates `plan.traces` random traces of `model`. */
export async function simulationModelTraces(
  model: ModelRef,
  plan: SimulationPlan,
  workDir: string,
  common: { jarRecordFile: string; meta: Record<string, unknown> },
): Promise<ModelTraces> {
  const prefix = join(workDir, `${model.name}_sim`);
  const t0 = performance.now();
  const job = await runTlcJob(
    { spec: model.spec, config: model.config, jarRecordFile: common.jarRecordFile, simulate: { file: prefix, num: plan.traces }, depth: plan.depth, seed: plan.seed, checkDeadlock: false },
    ['success'],
    `simulation of ${model.name}`,
  );
  const tlcMs = performance.now() - t0;
  const constants = constantsFromOutput(job.printed, model.name);
  const builder = new TraceFileBuilder(model.name, constants, { ...common.meta, source: 'simulate', ...plan });
  const files = readSimulationTraces(prefix);
  if (files.length === 0) throw new Error(`simulation of ${model.name}: TLC wrote no trace files under ${prefix}_*`);
  for (const f of files) {
    const { states, actions } = stepsOf(f.states.map(toProtocolState));
    builder.add(`${model.name}/sim-${f.worker}-${f.index}`, 'simulation', states.map((s) => builder.state(s)), actions.map((a) => builder.action(a)));
  }
  return {
    file: builder.build(),
    figures: { states: null, statesCovered: null, edges: null, edgesCovered: null, minimumTraces: null, sinkEdgeBound: null, tlcMs, genMs: performance.now() - t0 - tlcMs },
  };
}
