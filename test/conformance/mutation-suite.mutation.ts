/**
 * The conformance suite as Stryker runs it (`npm run mutation`): every
 * cached trace of the export, simulation and bug models, replayed on the
 * (mutated) implementation. It reads trace files only — never TLC — so run
 * `npm test` or `mmu-notifier gen` first. MMU_TRACE_DIR points it at the
 * trace folder of the checkout (Stryker runs in a sandbox copy).
 *
 * Speed (Stryker reruns this file once per mutant, in a fresh module
 * context): a trace file is parsed, and its enabled-steps table built, only
 * when the first test that needs it runs — collection reads just the small
 * `<model>.figures.json` for the number of traces. So a mutant that Stryker
 * runs only against the tests covering it, or that the first test kills
 * (Stryker bails on the first failure), never pays for the other 50 MB.
 * Tests are declared cheapest first: counterexamples (with the violation
 * judged, so the invariant checks are under test too), then the simulation
 * traces, then the export chunks.
 *
 * Export traces are split into chunks so a killed mutant stops early. For
 * time only every MMU_MUTATION_SAMPLE-th edge-cover trace is replayed
 * (default 4; 1 replays them all); simulation traces and counterexamples all
 * are. Last come the suite's strength checks of bug-options.test.ts and
 * owner-skip-settings.test.ts (each bug option killed by some mainline
 * trace, each owner-skip setting but the model's own failing a replay of
 * MCExport_OwnerSkip), on the same trace files. The expected survivors
 * (UNOBSERVABLE_VARIANTS) are left out: proving that one survives replays
 * every trace of every model, and only a mutant that already breaks the
 * mainline replays above could change that answer. Files are read without
 * zod validation: the main suite validates them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeTrace } from '../../src/codegen/conformance-judge.ts';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels } from '../../src/codegen/suite.ts';
import { enabledSteps } from '../../src/codegen/enabled-steps.ts';
import { expandTrace, type TraceFile } from '../../src/codegen/trace-format.ts';
import { killMatrix } from '../../src/codegen/kill-matrix.ts';
import { VARIANT_NAMES } from '../../src/protocol/variants.ts';
import { PATHS } from './project.ts';
import { OWNER_SKIP_OTHERS, UNOBSERVABLE_VARIANTS, firstOwnerSkipFailure } from './strength-cases.ts';

const TRACE_DIR = process.env.MMU_TRACE_DIR ?? PATHS.traceDir;
const CHUNK = 400;
const SAMPLE = Number(process.env.MMU_MUTATION_SAMPLE ?? 4);
const GEN_HINT = 'run `npm test` or `npx mmu-notifier gen` before the mutation run';

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${GEN_HINT}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The trace count gen recorded next to the trace file (cheap: a few hundred bytes). */
function traceCount(model: string): number {
  return readJson<{ traces: number }>(join(TRACE_DIR, `${model}.figures.json`)).traces;
}

interface Loaded {
  file: TraceFile;
  enabled: Map<object, Set<string>>;
}
const loaded = new Map<string, Loaded>();

/** The trace file of `model`, parsed once per module context (per Stryker run). */
function load(model: string, expectedTraces: number): Loaded {
  let l = loaded.get(model);
  if (l === undefined) {
    const file = readJson<TraceFile>(join(TRACE_DIR, `${model}.json`));
    if (file.traces.length !== expectedTraces) {
      throw new Error(`${model}.json has ${file.traces.length} traces, its figures file says ${expectedTraces}: ${GEN_HINT}`);
    }
    l = { file, enabled: enabledSteps(file) };
    loaded.set(model, l);
  }
  return l;
}

const models = projectModels(PATHS);
const exportFirst = (a: { name: string }, b: { name: string }): number =>
  // MCExport_Small (the mainline core) first: it kills most core mutants.
  Number(b.name === 'MCExport_Small') - Number(a.name === 'MCExport_Small');

describe('conformance (mutation run)', () => {
  for (const model of models.filter((m) => m.kind === 'counterexample')) {
    // Judged as test/conformance/counterexamples.test.ts judges it: state for state, the
    // violation shown by the implementation's own safety checks (src/impl/*/invariants.ts)
    // at TLC's step, and the fixed counterpart's setting impossible or harmless.
    it(`${model.name} counterexample`, async () => {
      const { file } = load(model.name, traceCount(model.name));
      const v = await judgeTrace(expandTrace(file, file.traces[0]!), model.fixed ? { fixed: model.fixed } : {});
      expect(v.reproduction?.ok, v.problem?.message).toBe(true);
      expect(v.ok, v.problem?.message).toBe(true);
    });
  }
  const replayed = [...models.filter((m) => m.kind === 'simulation'), ...models.filter((m) => m.kind === 'export').sort(exportFirst)];
  for (const model of replayed) {
    const total = traceCount(model.name);
    const isExport = model.kind === 'export';
    // Indices of the replayed traces: every SAMPLE-th of an export model, all of a simulation.
    const picked = Array.from({ length: total }, (_, i) => i).filter((i) => !isExport || i % SAMPLE === 0);
    for (let from = 0; from < picked.length; from += CHUNK) {
      const chunk = picked.slice(from, from + CHUNK);
      it(`${model.name} traces ${from}..${from + chunk.length - 1}${isExport ? ` (every ${SAMPLE}th)` : ''}`, async () => {
        const { file, enabled } = load(model.name, total);
        for (const i of chunk) {
          // Export models: also the offered steps in every state (enabled-steps.ts).
          const r = await replayTrace(expandTrace(file, file.traces[i]!), isExport ? { enabled } : {});
          expect(r.failure, describeFailure(r)).toBeUndefined();
        }
      });
    }
  }
  const mainline = models.filter((m) => m.kind !== 'counterexample');
  // A kill can need thousands of traces (M12: about 11 s), after parsing every file when
  // this test is the first to need them.
  const STRENGTH_TIMEOUT_MS = 120_000;
  for (const variant of VARIANT_NAMES.filter((v) => v !== 'mainline' && !UNOBSERVABLE_VARIANTS.has(v))) {
    it(`bug option ${variant} is killed by a mainline trace`, async () => {
      const files = mainline.map((m) => load(m.name, traceCount(m.name)).file);
      const [result] = await killMatrix(files, [variant]);
      expect(result!.killed, `${result!.traces} traces replayed without divergence`).toBe(true);
    }, STRENGTH_TIMEOUT_MS);
  }
  for (const [name, setting, kind] of OWNER_SKIP_OTHERS) {
    it(`owner-skip setting "${name}" fails a replay of MCExport_OwnerSkip (${kind})`, async () => {
      const r = await firstOwnerSkipFailure(load('MCExport_OwnerSkip', traceCount('MCExport_OwnerSkip')).file, setting);
      expect(r?.failure?.kind).toBe(kind);
    }, STRENGTH_TIMEOUT_MS);
  }
});
