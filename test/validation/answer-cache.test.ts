/**
 * TLC's stored answers (src/validation/answer-cache.ts): the same runs are
 * answered from the store, byte for byte what TLC said; a run with one
 * state changed is a new key, judged by the real TLC again.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAINLINE } from '../../src/validation/family.ts';
import { DEFAULT_SHAPE, mainlineConstants } from '../../src/validation/run-shape.ts';
import { judgeBatch, type TlcSetup } from '../../src/validation/tlc-judge.ts';
import { recordRun } from '../../src/validation/world-recorder.ts';
import { PATHS } from '../conformance/project.ts';

const store = mkdtempSync(join(tmpdir(), 'mmu-answers-'));
afterAll(() => rmSync(store, { recursive: true, force: true }));
const SETUP: TlcSetup = { specDir: PATHS.specDir, jarRecordFile: PATHS.jarRecordFile, workRoot: `${PATHS.root}/out`, answerCache: store };

describe('stored TLC answers', () => {
  it('answers the same runs from the store and judges a changed run afresh', async () => {
    const constants = mainlineConstants({ ...DEFAULT_SHAPE, subs: 4, pages: 8 }, 2);
    const run = (await recordRun(constants, { seed: 3, maxSteps: 40 })).states;
    const first = await judgeBatch(SETUP, MAINLINE, constants, [run]);
    expect(first.verdicts.map((v) => v.valid)).toEqual([true]);
    expect(readdirSync(store)).toHaveLength(1);

    const again = await judgeBatch(SETUP, MAINLINE, constants, [run]);
    expect(again).toEqual(first);
    expect(readdirSync(store)).toHaveLength(1);

    const k = 10;
    const tampered = run.map((s, j) => (j < k ? s : { ...s, seq: (s.seq as number) + 2 }));
    const judged = await judgeBatch(SETUP, MAINLINE, constants, [tampered]);
    expect(judged.verdicts[0]!.matched).toBe(k);
    expect(readdirSync(store)).toHaveLength(2);
  }, 300_000);
});
