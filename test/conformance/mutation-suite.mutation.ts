/**
 * The conformance suite as Stryker runs it (`npm run mutation`): every
 * cached trace of the export, simulation and bug models, replayed on the
 * (mutated) implementation. It reads trace files only — never TLC — so run
 * `npm test` or `mmu-notifier gen` first. MMU_TRACE_DIR points it at the
 * trace folder of the checkout (Stryker runs in a sandbox copy).
 *
 * Export traces are split into chunks so Stryker's per-test coverage can
 * skip chunks a mutant never reaches, and a killed mutant stops early.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels } from '../../src/codegen/suite.ts';
import { expandTrace, parseTraceFile, type TraceFile } from '../../src/codegen/trace-format.ts';
import { PATHS } from './project.ts';

const TRACE_DIR = process.env.MMU_TRACE_DIR ?? PATHS.traceDir;
const CHUNK = 1500;

function load(model: string): TraceFile {
  const path = join(TRACE_DIR, `${model}.json`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm test\` or \`npx mmu-notifier gen\` before the mutation run`);
  return parseTraceFile(readFileSync(path, 'utf8'), path);
}

const models = projectModels(PATHS);

describe('conformance (mutation run)', () => {
  for (const model of models.filter((m) => m.kind !== 'counterexample')) {
    const file = load(model.name);
    for (let from = 0; from < file.traces.length; from += CHUNK) {
      it(`${model.name} traces ${from}..${Math.min(from + CHUNK, file.traces.length) - 1}`, async () => {
        for (const entry of file.traces.slice(from, from + CHUNK)) {
          const r = await replayTrace(expandTrace(file, entry));
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
