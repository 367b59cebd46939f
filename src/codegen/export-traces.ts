/**
 * Edge-cover traces of an export model: TLC dumps the whole state graph
 * (`-dump dot,actionlabels`), the graph is indexed and covered by a minimum
 * number of walks from the initial states, and every walk becomes a trace.
 */
import { join } from 'node:path';
import { collectDotDump } from 'tla2tools-runner';
import { coverEdges } from './edge-cover.ts';
import { indexStateGraph } from './export-graph.ts';
import { constantsFromOutput } from './model-constants.ts';
import { runTlcJob } from './tlc-job.ts';
import { TraceFileBuilder } from './trace-builder.ts';
import type { ModelRef, ModelTraces } from './model-ref.ts';

/** Generates the edge-cover traces of `model`; `workDir` receives the dot dump. */
export async function exportModelTraces(model: ModelRef, workDir: string, common: { jarRecordFile: string; meta: Record<string, unknown> }): Promise<ModelTraces> {
  const dot = join(workDir, `${model.name}.dot`);
  const t0 = performance.now();
  const job = await runTlcJob(
    { spec: model.spec, config: model.config, jarRecordFile: common.jarRecordFile, dumpDot: dot, fp: 1, checkDeadlock: false },
    ['success'],
    `export model ${model.name}`,
  );
  const tlcMs = performance.now() - t0;
  const constants = constantsFromOutput(job.printed, model.name);
  const graph = indexStateGraph(await collectDotDump(dot), model.name);
  const cover = coverEdges(graph);

  const builder = new TraceFileBuilder(model.name, constants, { ...common.meta, source: 'dot dump', distinctStates: job.result.distinctStates });
  graph.states.forEach((s, i) => builder.state(s, String(i)));
  const actionIds = graph.actions.map((a) => builder.action(a));
  const covered = new Uint8Array(graph.nodeCount);
  const digits = String(cover.walks.length).length;
  cover.walks.forEach((w, k) => {
    const states = [w.start];
    for (const e of w.edges) states.push(graph.to[e]!);
    for (const s of states) covered[s] = 1;
    builder.add(`${model.name}/cover-${String(k).padStart(digits, '0')}`, 'edge-cover', states, w.edges.map((e) => actionIds[e]!));
  });
  const edgesCovered = new Set(cover.walks.flatMap((w) => w.edges)).size;
  return {
    file: builder.build(),
    figures: {
      states: graph.nodeCount,
      statesCovered: covered.reduce((a, b) => a + b, 0),
      edges: graph.from.length,
      edgesCovered,
      minimumTraces: cover.minimumWalks,
      sinkEdgeBound: cover.sinkEdgeBound,
      tlcMs,
      genMs: performance.now() - t0 - tlcMs,
    },
  };
}
