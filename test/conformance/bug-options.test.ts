/**
 * Strength of the conformance suite: every bug option of the implementation
 * that changes observable behaviour must make some mainline trace diverge.
 * deferred_fifo is the one expected survivor: the deferred list is applied
 * as a whole inside one atomic step (the last mn_itree_inv_end), and no
 * model puts two operations on one subscription into it, so the order is
 * not observable (spec/MCHolePunchTwoUnmapsFifo has the same state count as
 * its LIFO counterpart).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { killMatrix } from '../../src/codegen/kill-matrix.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import type { TraceFile } from '../../src/codegen/trace-format.ts';
import { VARIANT_NAMES } from '../../src/protocol/variants.ts';
import { PATHS } from './project.ts';

const UNOBSERVABLE = new Set(['deferred_fifo']);

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
    const expectKilled = !UNOBSERVABLE.has(variant);
    it(`${variant} is ${expectKilled ? 'killed' : 'not observable (survives)'}`, async () => {
      const [result] = await killMatrix(files, [variant]);
      expect(result!.killed, result!.by ?? `${result!.traces} traces, ${result!.steps} steps replayed without divergence`).toBe(expectKilled);
    });
  }
});
