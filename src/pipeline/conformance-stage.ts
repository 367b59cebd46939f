/**
 * The conformance stages of the pipeline: gen generates (or reuses) the
 * trace files of every model the generator knows (src/codegen) and records
 * their coverage; replay judges every trace on the implementation with the
 * conformance judge the tests and `mmu-notifier replay` use
 * (src/codegen/conformance-judge.ts) and records each verdict.
 */
import { judgeTraceFile } from '../codegen/conformance-judge.ts';
import type { GeneratedModel } from '../codegen/generate.ts';
import { projectModels, projectPaths, tracesOf } from '../codegen/suite.ts';
import type { ProgressView } from '../report/progress-view.ts';
import type { ModelCoverage, ReplayOutcome } from '../report/results.ts';
import type { StageOutcome } from './stage-runner.ts';

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

/** Judge every trace of every generated file, one after the other (each replay owns one world). */
export async function replayAll(generated: readonly GeneratedModel[], view: ProgressView): Promise<ReplayOutcome[]> {
  const total = generated.reduce((n, g) => n + g.file.traces.length, 0);
  const outcomes: ReplayOutcome[] = [];
  let failed = 0;
  view.replayProgress(0, total, 0);
  for (const g of generated) {
    await judgeTraceFile(g.file, {
      ...(g.model.fixed ? { fixed: g.model.fixed } : {}),
      onTrace: (v) => {
        if (!v.ok) failed++;
        const message = v.problem?.message;
        outcomes.push({ trace: v.trace.id, model: v.trace.model, ok: v.ok, steps: v.replay.stepsReplayed, ...(message !== undefined ? { message } : {}) });
        view.replayProgress(outcomes.length, total, failed);
      },
    });
  }
  return outcomes;
}

/** What the gen stage leaves: the trace files (null when generation broke) and gen.json's content. */
export interface GenStageResult {
  readonly outcome: StageOutcome;
  readonly generated: GeneratedModel[] | null;
  readonly coverage: ModelCoverage[];
}

/** gen: trace files of every model src/codegen knows (cached by input hash). A generation error is reported, not thrown. */
export async function genStage(root: string, view: ProgressView): Promise<GenStageResult> {
  view.stage('gen', 'conformance traces (TLC state graphs, simulations, counterexamples)');
  try {
    const { generated, coverage } = await generateAll(root, view);
    const traces = coverage.reduce((n, m) => n + m.traces, 0);
    return { outcome: { status: 'ok', detail: `${traces} traces from ${coverage.length} models` }, generated, coverage };
  } catch (err) {
    return { outcome: { status: 'error', detail: (err as Error).message.split('\n').slice(0, 3).join(' ') }, generated: null, coverage: [] };
  }
}

/** What the replay stage leaves: one verdict per trace (replay.json's content). */
export interface ReplayStageResult {
  readonly outcome: StageOutcome;
  readonly traces: ReplayOutcome[] | null;
}

/** replay: every generated trace judged on the implementation, with a bar. */
export async function replayStage(generated: readonly GeneratedModel[] | null, view: ProgressView): Promise<ReplayStageResult> {
  if (generated === null) return { outcome: { status: 'skipped', detail: 'no generated traces (the gen stage did not finish)' }, traces: null };
  view.stage('replay', 'every trace on src/impl, state by state');
  const traces = await replayAll(generated, view);
  const failed = traces.filter((o) => !o.ok);
  if (failed.length === 0) return { outcome: { status: 'ok', detail: `${traces.length} traces replayed, all conform` }, traces };
  for (const f of failed.slice(0, 3)) view.line(`replay ${f.trace}: ${f.message ?? 'failed'}`);
  return { outcome: { status: 'failed', detail: `${failed.length} of ${traces.length} traces failed` }, traces };
}
