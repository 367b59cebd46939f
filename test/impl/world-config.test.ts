/**
 * The mainline world's options (resolveWorldConfig): each bad constant is
 * refused with a message naming it, the defaults are the spec's, and
 * threads are told apart by kind.
 */
import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../src/impl/errors.ts';
import { resolveWorldConfig, threadKindOf, type WorldConfig } from '../../src/impl/mainline/config.ts';
import { SMALL_MODEL } from './small-model.ts';

const refused = (c: Partial<WorldConfig>, message: string): void => {
  expect(() => resolveWorldConfig({ ...SMALL_MODEL, ...c })).toThrow(new OptionsError(message));
};

describe('resolveWorldConfig', () => {
  it('refuses a bound that is not a non-negative integer, naming it', () => {
    refused({ maxInv: -1 }, 'maxInv must be a non-negative integer (got -1)');
    refused({ maxFaults: 1.5 }, 'maxFaults must be a non-negative integer (got 1.5)');
    refused({ maxTries: Number.NaN }, 'maxTries must be a non-negative integer (got NaN)');
    refused({ npages: -3 }, 'npages must be a positive integer (got -3)');
    expect(resolveWorldConfig({ ...SMALL_MODEL, maxInv: 0 }).maxInv).toBe(0);
  });

  it('refuses a subscription used twice or outside the pages', () => {
    refused({ subs: [{ id: 's1', start: 1, last: 1 }, { id: 's1', start: 2, last: 2 }] }, 'subscription id s1 is used twice');
    refused({ subs: [{ id: 's1', start: 0, last: 1 }] }, 'subscription s1 = [0, 1] must lie within pages 1..2');
    refused({ subs: [{ id: 's1', start: 2, last: 1 }] }, 'subscription s1 = [2, 1] must lie within pages 1..2');
  });

  it('refuses an invalidation range that is empty or outside the pages', () => {
    refused({ invRanges: [[0, 1]] }, 'invalidation range [0, 1] must lie within 1..2');
    refused({ invRanges: [[2, 1]] }, 'invalidation range [2, 1] must lie within 1..2');
    refused({ invRanges: [[1, 3]] }, 'invalidation range [1, 3] must lie within 1..2');
  });

  it('refuses a thread id given twice, the default manager included', () => {
    expect(() => resolveWorldConfig({ ...SMALL_MODEL, mgr: undefined, faulters: ['m'] })).toThrow(new OptionsError('thread ids must be distinct: i1, i2, m, m'));
  });

  it('fills in the spec defaults: manager m, both blockable values', () => {
    const bare: WorldConfig = { ...SMALL_MODEL };
    delete (bare as { mgr?: string }).mgr;
    delete (bare as { blockable?: boolean[] }).blockable;
    const c = resolveWorldConfig(bare);
    expect([c.mgr, c.blockable]).toEqual(['m', [true, false]]);
    expect([threadKindOf(c, 'i2'), threadKindOf(c, 'f1'), threadKindOf(c, 'm'), threadKindOf(c, 'x')]).toEqual(['invalidator', 'faulter', 'manager', undefined]);
  });
});
