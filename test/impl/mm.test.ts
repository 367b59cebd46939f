/** The simulated mm's page table: pages 1..npages, and nothing outside them is written. */
import { describe, expect, it } from 'vitest';
import { SimulatedMm } from '../../src/impl/mm.ts';

describe('SimulatedMm', () => {
  it('map() sets one page and ignores a page outside 1..npages', () => {
    const mm = new SimulatedMm(3);
    mm.map(2, 7);
    expect(mm.pte).toEqual([1, 7, 1]);
    mm.map(0, 9);
    mm.map(4, 9);
    mm.map(-1, 9);
    expect(mm.pte).toEqual([1, 7, 1]);
    expect(Object.keys(mm.pte)).toEqual(['0', '1', '2']);
  });

  it('changePtes() bumps the pages of the range that exist', () => {
    const mm = new SimulatedMm(3);
    mm.changePtes(0, 2);
    mm.changePtes(3, 9);
    expect(mm.pte).toEqual([2, 2, 2]);
  });
});
