/**
 * Strength of the conformance suite: every bug option of the implementation
 * that changes observable behaviour must make some mainline trace diverge;
 * the options no trace can tell apart (UNOBSERVABLE_VARIANTS, with the
 * reason) must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { killMatrix } from '../../src/codegen/kill-matrix.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import type { TraceFile } from '../../src/codegen/trace-format.ts';
import { VARIANT_NAMES } from '../../src/protocol/variants.ts';
import { PATHS } from './project.ts';
import { UNOBSERVABLE_VARIANTS } from './strength-cases.ts';

async function mainlineFiles(): Promise<TraceFile[]> {
  const files: TraceFile[] = [];
  for (const m of projectModels(PATHS).filter((x) => x.kind !== 'counterexample')) files.push((await tracesOf(PATHS, m)).file);
  return files;
}

describe('bug options against the mainline conformance traces', () => {
  // Loaded once, under the hook timeout: on a fresh clone this generates
  // every export model's traces with TLC (minutes on 2 cores), which must not
  // count against the first variant's test timeout.
  let files: TraceFile[] = [];
  beforeAll(async () => {
    files = await mainlineFiles();
  });
  for (const variant of VARIANT_NAMES.filter((v) => v !== 'mainline')) {
    const expectKilled = !UNOBSERVABLE_VARIANTS.has(variant);
    it(`${variant} is ${expectKilled ? 'killed' : 'not observable (survives)'}`, async () => {
      const [result] = await killMatrix(files, [variant]);
      expect(result!.killed, result!.by ?? `${result!.traces} traces, ${result!.steps} steps replayed without divergence`).toBe(expectKilled);
    });
  }
});
