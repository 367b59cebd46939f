/**
 * The conformance suite as Stryker runs it (`npm run mutation`): every
 * cached trace of the export, simulation and bug models, replayed on the
 * (mutated) implementation. It reads trace files only — never TLC — so run
 * `npm test` or `mmu-notifier gen` first. MMU_TRACE_DIR points it at the
 * trace folder of the checkout (Stryker runs in a sandbox copy).
 *
 * Export traces are split into chunks so a killed mutant stops early (Stryker
 * bails on the first failing test). For time (every mutant reruns the suite
 * on a 2-core machine) only every MMU_MUTATION_SAMPLE-th edge-cover trace is
 * replayed (default 4); simulation traces and counterexamples all are. Files
 * are read without zod validation: the main suite validates them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels } from '../../src/codegen/suite.ts';
import { enabledSteps } from '../../src/codegen/enabled-steps.ts';
import { expandTrace, type TraceFile } from '../../src/codegen/trace-format.ts';
import { PATHS } from './project.ts';

const TRACE_DIR = process.env.MMU_TRACE_DIR ?? PATHS.traceDir;
const CHUNK = 400;
const SAMPLE = Number(process.env.MMU_MUTATION_SAMPLE ?? 4);

function load(model: string): TraceFile {
  const path = join(TRACE_DIR, `${model}.json`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm test\` or \`npx mmu-notifier gen\` before the mutation run`);
  return JSON.parse(readFileSync(path, 'utf8')) as TraceFile;
}

const models = projectModels(PATHS);

describe('conformance (mutation run)', () => {
  for (const model of models.filter((m) => m.kind !== 'counterexample')) {
    const file = load(model.name);
    const traces = model.kind === 'export' ? file.traces.filter((_, i) => i % SAMPLE === 0) : file.traces;
    const enabled = enabledSteps(file);
    for (let from = 0; from < traces.length; from += CHUNK) {
      it(`${model.name} traces ${from}..${Math.min(from + CHUNK, traces.length) - 1}${model.kind === 'export' ? ` (every ${SAMPLE}th)` : ''}`, async () => {
        for (const entry of traces.slice(from, from + CHUNK)) {
          // Export models: also the offered steps in every state (enabled-steps.ts).
          const r = await replayTrace(expandTrace(file, entry), model.kind === 'export' ? { enabled } : {});
          expect(r.failure, describeFailure(r)).toBeUndefined();
        }
      });
    }
  }
  for (const model of models.filter((m) => m.kind === 'counterexample')) {
    // State for state only: whether the violation is reproduced also depends on the
    // implementation's own safety checks, which test/conformance/counterexamples.test.ts judges.
    it(`${model.name} counterexample`, async () => {
      const file = load(model.name);
      const r = await replayTrace(expandTrace(file, file.traces[0]!));
      expect(r.failure, describeFailure(r)).toBeUndefined();
    });
  }
});
