// A Stryker ignorer that keeps a sampled run to the sampled mutants.
//
// A `--mutate` range names a node, but Stryker also makes every mutant of
// the nodes nested inside it (a sampled `if` condition brings the mutants of
// each operand along): the 500 mutants of a sample used to run as about
// 1,800. With MMU_MUTATION_SAMPLE_ONLY=1 (stryker.config.mjs), this plugin
// ignores every node that lies inside a sampled range without being one and
// without holding one, so Stryker runs the mutants of the sampled nodes
// only. Mutants of other mutators on the same node still run: an ignorer
// sees nodes, not mutants. scripts/mutation-sample.ts `score` counts the
// sampled mutants alone either way; `draw` prints how many will run.
//
// When it runs: in Stryker's main process, while the instrumenter walks
// each file, once per node on the way down.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

export const SAMPLE_FILE = 'reports/mutation/sample.json';

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
/** Range `outer` holds range `inner` (both 1-based lines, 0-based columns). */
const holds = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);
const same = (a, b) => holds(a, b) && holds(b, a);

/** The sampled ranges of each file, keyed by the path relative to the working folder. */
export function rangesByFile(sample) {
  const byFile = new Map();
  for (const m of sample) {
    const list = byFile.get(m.file) ?? [];
    list.push({ start: m.start, end: m.end });
    byFile.set(m.file, list);
  }
  return byFile;
}

/** Why a node at `loc` of a file with these sampled ranges is left out, or undefined to keep it. */
export function leaveOut(ranges, loc) {
  if (ranges === undefined || loc == null) return undefined;
  const inside = ranges.some((r) => holds(r, loc));
  if (!inside || ranges.some((r) => same(r, loc) || holds(loc, r))) return undefined;
  return 'nested in a sampled mutant, not sampled itself (MMU_MUTATION_SAMPLE_ONLY)';
}

/** An ignorer for the sample in `sampleFile`, with file names relative to `root`. */
export function sampleIgnorer(sample, root) {
  const byFile = rangesByFile(sample);
  return {
    shouldIgnore(path) {
      const file = path.hub?.file?.opts?.filename;
      if (typeof file !== 'string') return undefined;
      return leaveOut(byFile.get(relative(root, file)), path.node.loc);
    },
  };
}

let loaded;
/** The ignorer of reports/mutation/sample.json, read on first use. */
function ignorerOfSampleFile() {
  loaded ??= sampleIgnorer(JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')).sample, process.cwd());
  return loaded;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'sample-only', {
    shouldIgnore: (path) => ignorerOfSampleFile().shouldIgnore(path),
  }),
];
