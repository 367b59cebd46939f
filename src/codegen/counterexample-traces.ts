/**
 * The counterexample of a bug model as a trace: TLC's error trace (through
 * the runner), closed by its lasso loop for liveness violations, with the
 * violation the replay must reproduce.
 */
import { toProtocolState, type TraceState } from './protocol-state.ts';
import { constantsFromOutput } from './model-constants.ts';
import { stepsOf } from './simulation-traces.ts';
import { runTlcJob } from './tlc-job.ts';
import { TraceFileBuilder } from './trace-builder.ts';
import type { ModelRef, ModelTraces } from './model-ref.ts';
import type { ExpectedViolation } from './trace-format.ts';
import type { TlcResult } from 'tla2tools-runner';

/** Runs the bug model and turns its counterexample into a one-trace file. */
export async function counterexampleTraces(model: ModelRef, common: { jarRecordFile: string; meta: Record<string, unknown> }): Promise<ModelTraces> {
  const t0 = performance.now();
  const job = await runTlcJob(
    // -lncheck final: check liveness once on the finished graph instead of periodically
    // (same verdict; 4.6 s instead of 134 s for MCBug_M19_DeferredApplied).
    { spec: model.spec, config: model.config, jarRecordFile: common.jarRecordFile, extraArgs: ['-lncheck', 'final'] },
    ['safety', 'deadlock', 'liveness', 'assert'],
    `bug model ${model.name}`,
  );
  const tlcMs = performance.now() - t0;
  const r = job.result;
  const constants = constantsFromOutput(job.printed, model.name);
  const tlcStates = r.trace.map((s, i) => {
    if (!s.state) throw new Error(`${model.name}: state ${i + 1} of the counterexample could not be parsed`);
    return toProtocolState(s.state);
  });
  const states = closeLasso(tlcStates, r);
  const steps = stepsOf(states);
  const expect = expectedViolation(r, model, steps.states.length - 1, tlcStates.length - 1);
  const builder = new TraceFileBuilder(model.name, constants, { ...common.meta, source: 'counterexample', outcome: r.outcome, lasso: r.lasso });
  builder.add(`${model.name}/counterexample`, 'counterexample', steps.states.map((s) => builder.state(s)), steps.actions.map((a) => builder.action(a)), expect);
  return {
    file: builder.build(),
    figures: { states: null, statesCovered: null, edges: null, edgesCovered: null, minimumTraces: null, sinkEdgeBound: null, tlcMs, genMs: performance.now() - t0 - tlcMs },
  };
}

/** A "back to state k" lasso adds the step back to state k (its lastAction is the closing action). */
function closeLasso(states: TraceState[], r: TlcResult): TraceState[] {
  if (r.lasso?.kind !== 'backToState') return states;
  const target = states[r.lasso.toState - 1];
  if (!target) throw new Error(`lasso goes back to state ${r.lasso.toState}, beyond the trace`);
  return [...states, target];
}

/** Property name from the model name MCBug_<variant>_<Property> when TLC names none (liveness). */
function expectedViolation(r: TlcResult, model: ModelRef, lastStep: number, errorStep: number): ExpectedViolation {
  const fromName = model.name.replace(/^MCBug_[^_]+_/, '');
  switch (r.outcome) {
    case 'safety':
      return { property: r.violated ?? fromName, kind: 'invariant', atStep: errorStep };
    case 'deadlock':
      return { property: 'deadlock', kind: 'deadlock', atStep: lastStep };
    case 'liveness':
      return { property: r.violated ?? fromName, kind: isActionProperty(r) ? 'action' : 'liveness', atStep: lastStep };
    default:
      return { property: r.violated ?? fromName, kind: 'invariant', atStep: errorStep };
  }
}

/** An action property ([][A]_v) fails on a finite prefix: TLC prints no lasso for it. */
function isActionProperty(r: TlcResult): boolean {
  return r.lasso === null;
}
