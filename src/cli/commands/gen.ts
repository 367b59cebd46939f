import { ACTION_NAMES } from '../../protocol/actions.ts';
import type { GeneratedModel } from '../../codegen/generate.ts';
import { projectModels, projectPaths, tracesOf } from '../../codegen/suite.ts';
import type { Command } from '../command.ts';
import { parseCommandArgs } from '../command-args.ts';
import { EXIT_OK, EXIT_TOOL_ERROR, EXIT_USAGE } from '../exit-codes.ts';
import { describeFault } from '../fault-message.ts';
import { PROJECT_ROOT } from '../project.ts';

const HELP = `usage: mmu-notifier gen [--json] [--force] [--model NAME]...

Generates the conformance traces of every model src/codegen knows
(export models of spec/manifest.json: whole state graph, edge-covering traces;
spec/models/export/MCSim_*.cfg: random behaviours; failing models of the
manifest: counterexamples) into out/traces/<model>.json.
A trace file is reused while the spec, the config, the TLC jar and the generator
are unchanged (see src/codegen/README.md).
  --model NAME  only this model (repeatable)
  --force       regenerate even if the cached file is fresh
  --json        print {models:[{name, kind, states, statesCovered, edges, edgesCovered,
                traces, steps, ...}], steps, actionsCovered, actionsMissing}
exit status: 0 done, 2 bad usage or setup (no java or TLC jar, a path that cannot
be written), 3 TLC or generation error`;

/** The JSON of `gen --json`. */
export function genJson(models: readonly GeneratedModel[]): Record<string, unknown> {
  const covered = new Set(models.flatMap((g) => g.figures.actionsCovered));
  return {
    models: models.map((g) => ({
      name: g.model.name,
      kind: g.model.kind,
      file: g.path,
      cached: g.cached,
      states: g.figures.states,
      statesCovered: g.figures.statesCovered,
      edges: g.figures.edges,
      edgesCovered: g.figures.edgesCovered,
      traces: g.figures.traces,
      minimumTraces: g.figures.minimumTraces,
      sinkEdgeBound: g.figures.sinkEdgeBound,
      steps: g.figures.steps,
      actionsCovered: g.figures.actionsCovered,
      tlcMs: Math.round(g.figures.tlcMs),
      genMs: Math.round(g.figures.genMs),
    })),
    steps: models.reduce((a, g) => a + g.figures.steps, 0),
    actionsCovered: ACTION_NAMES.filter((a) => covered.has(a)),
    actionsMissing: ACTION_NAMES.filter((a) => !covered.has(a)),
  };
}

function line(g: GeneratedModel): string {
  const f = g.figures;
  const graph = f.states === null ? '' : `${f.statesCovered}/${f.states} states, ${f.edgesCovered}/${f.edges} edges, `;
  const bound = f.minimumTraces === null ? '' : ` (minimum ${f.minimumTraces})`;
  return `${g.model.name.padEnd(44)} ${g.model.kind.padEnd(14)} ${graph}${f.traces} traces${bound}, ${f.steps} steps${g.cached ? ' (cached)' : ''}`;
}

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('gen', HELP, argv, {
    json: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    model: { type: 'string', multiple: true },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const paths = projectPaths(PROJECT_ROOT);
  const all = projectModels(paths);
  const unknown = (values.model ?? []).filter((n) => !all.some((m) => m.name === n));
  if (unknown.length > 0) {
    console.error(`mmu-notifier gen: unknown model(s) ${unknown.join(', ')}; known: ${all.map((m) => m.name).join(', ')}`);
    return EXIT_USAGE;
  }
  const chosen = values.model ? all.filter((m) => values.model!.includes(m.name)) : all;
  const done: GeneratedModel[] = [];
  try {
    for (const model of chosen) {
      const g = await tracesOf(paths, model, values.force === true);
      done.push(g);
      if (!values.json) console.log(line(g));
    }
  } catch (err) {
    // No java or jar, a path that cannot be written: a setup fault (2), as in every command.
    const fault = describeFault(err);
    console.error(`mmu-notifier gen: ${fault.status === EXIT_USAGE ? fault.message : (err as Error).message}`);
    return fault.status === EXIT_USAGE ? EXIT_USAGE : EXIT_TOOL_ERROR;
  }
  const summary = genJson(done);
  if (values.json) console.log(JSON.stringify(summary));
  else console.log(`${summary.steps as number} steps in ${done.length} model(s); actions not covered: ${(summary.actionsMissing as string[]).join(', ') || 'none'}`);
  return EXIT_OK;
}

/** `mmu-notifier gen`: write the conformance traces and print coverage. */
export const genCommand: Command = { name: 'gen', summary: 'generate conformance traces from TLC state graphs (--json for coverage)', run };
