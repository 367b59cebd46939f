import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { reportToJson } from '../../src/cli/commands/validate.ts';
import { mainlineConstants, DEFAULT_SHAPE } from '../../src/validation/run-shape.ts';

describe('mmu-notifier validate (usage, no TLC)', () => {
  it('rejects bad options with exit status 2 and one line saying what to change', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['validate', '--runs', 'many'])).toBe(2);
      expect(String(err.mock.calls.at(-1)?.[0])).toContain('--runs must be an integer');
      expect(await main(['validate', '--variant', 'M99_nothing'])).toBe(2);
      expect(String(err.mock.calls.at(-1)?.[0])).toContain('unknown variant M99_nothing');
      expect(await main(['validate', '--family', 'other'])).toBe(2);
      expect(await main(['validate', '--subs', '0'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });

  it('prints exactly the documented JSON fields', () => {
    const constants = mainlineConstants(DEFAULT_SHAPE, 1);
    const json = reportToJson({
      runs: 2, steps: 10, validRuns: 1, invalidRuns: 1, tlcMs: 5, recordMs: 1, constants, perRun: [],
      firstDivergence: { run: 2, step: 4, action: 'mm_change_ptes', thread: 'i1', diff: [{ path: '.pte[0]', expected: 2, actual: 9 }], specOptions: 3, violated: null },
    });
    expect(Object.keys(json)).toEqual(['runs', 'steps', 'validRuns', 'invalidRuns', 'firstDivergence', 'tlcMs', 'recordMs']);
    expect(json.firstDivergence).toEqual({ run: 2, step: 4, action: 'mm_change_ptes', thread: 'i1', diff: [{ path: '.pte[0]', expected: 2, actual: 9 }], violated: null });
  });
});

describe('run shapes', () => {
  it('draws overlapping, nested and equal-start intervals within the pages', () => {
    const c = mainlineConstants({ ...DEFAULT_SHAPE, subs: 64, pages: 256 }, 9);
    const ivs = c.subList.map((id) => [c.subStart[id]!, c.subLast[id]!] as const);
    expect(ivs).toHaveLength(64);
    expect(ivs.every(([a, b]) => 1 <= a && a <= b && b <= 256)).toBe(true);
    const pairs = ivs.flatMap((x, i) => ivs.slice(i + 1).map((y) => [x, y] as const));
    expect(pairs.some(([x, y]) => x[0] === y[0])).toBe(true);
    expect(pairs.some(([x, y]) => (x[0] < y[0] && y[1] < x[1]) || (y[0] < x[0] && x[1] < y[1]))).toBe(true);
    expect(pairs.some(([x, y]) => x[0] < y[0] && y[0] <= x[1] && x[1] < y[1])).toBe(true);
  });
});
