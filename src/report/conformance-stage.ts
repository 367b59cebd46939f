/**
 * The conformance part of `mmu-notifier run`: generate (or reuse) the trace
 * files of every model the generator knows (src/codegen), record their
 * coverage, then replay every trace on the implementation with a progress
 * bar and record each outcome. The judgement is the conformance suite's:
 * a trace passes when the implementation follows it state for state, and a
 * counterexample also when it reproduces the violation at the same step.
 */
import { describeFailure, replayTrace } from '../codegen/replay.ts';
import { reproduces } from '../codegen/reproduction.ts';
import { projectModels, projectPaths, tracesOf } from '../codegen/suite.ts';
import type { GeneratedModel } from '../codegen/generate.ts';
import { expandTrace } from '../codegen/trace-format.ts';
import type { ProgressView } from './progress-view.ts';
import type { ModelCoverage, ReplayOutcome } from './results.ts';

/** Generate the trace files of every model; coverage per model. */
export async function generateAll(root: string, view: ProgressView): Promise<{ generated: GeneratedModel[]; coverage: ModelCoverage[] }> {
  const paths = projectPaths(root);
  const models = projectModels(paths);
  const generated: GeneratedModel[] = [];
  for (const [index, model] of models.entries()) {
    view.modelStarted(model.name, index, models.length, `generating ${model.kind} traces`);
    const t0 = performance.now();
    const g = await tracesOf(paths, model);
    const f = g.figures;
    const graph = f.states === null ? `${f.traces} traces` : `${f.statesCovered}/${f.states} states, ${f.edgesCovered}/${f.edges} edges, ${f.traces} traces`;
    view.modelFinished(model.name, `${model.kind}: ${graph}${g.cached ? ' (cached)' : `, ${((performance.now() - t0) / 1000).toFixed(1)} s`}`, true);
    generated.push(g);
  }
  const coverage = generated.map((g) => ({
    name: g.model.name,
    kind: g.model.kind,
    states: g.figures.states,
    statesCovered: g.figures.statesCovered,
    edges: g.figures.edges,
    edgesCovered: g.figures.edgesCovered,
    traces: g.figures.traces,
  }));
  return { generated, coverage };
}

/** Replay every trace of every generated file, one after the other (each replay owns one world). */
export async function replayAll(generated: readonly GeneratedModel[], view: ProgressView): Promise<ReplayOutcome[]> {
  const total = generated.reduce((n, g) => n + g.file.traces.length, 0);
  const outcomes: ReplayOutcome[] = [];
  let failed = 0;
  view.replayProgress(0, total, 0);
  for (const g of generated) {
    for (const entry of g.file.traces) {
      const trace = expandTrace(g.file, entry);
      const report = await replayTrace(trace);
      let ok = report.failure === undefined;
      let message = ok ? undefined : describeFailure(report);
      if (ok && trace.expectViolation !== undefined) {
        const verdict = reproduces(report, trace.expectViolation, trace.steps.length);
        ok = verdict.ok;
        message = verdict.ok ? undefined : verdict.why;
      }
      if (!ok) failed++;
      outcomes.push({ trace: trace.id, model: trace.model, ok, steps: report.stepsReplayed, ...(message !== undefined ? { message } : {}) });
      view.replayProgress(outcomes.length, total, failed);
    }
  }
  return outcomes;
}
