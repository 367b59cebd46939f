/**
 * Hole punching (docs/kernel-protocol.md §5.2, §5.4) on the world, step by step:
 * the plan of dmirror_do_unmap, the deferral of update + insertSafe inside
 * the callback, the outside shrink-then-insert window, and the subtle case
 * of two unmaps of one interval in one epoch ("last caller wins").
 */
import { describe, expect, it } from 'vitest';
import { planUnmap } from '../../src/impl/hole-punch.ts';
import { World, type WorldConfig } from '../../src/impl/world.ts';

const WALK = ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock'];

function world(extra: Partial<WorldConfig>): World {
  return new World({
    npages: 4,
    subs: [{ id: 'n', start: 1, last: 4 }],
    preinsert: ['n'],
    prefault: true,
    manager: false,
    invalidators: ['u1', 'u2'],
    unmappers: { u1: [[2, 2]], u2: [[3, 3]] },
    faulters: [],
    invRanges: [[4, 4]],
    maxInv: 1,
    maxFaults: 0,
    maxTries: 1,
    holePunch: 'inside_callback',
    ...extra,
  }).start();
}

const bounds = (w: World): Array<[string, number, number]> => w.notifier.tree.entries().map((e) => [e.id, e.start, e.last]);

describe('planUnmap (dmirror_do_unmap)', () => {
  it('removes, shrinks from either end, or splits', () => {
    expect(planUnmap(1, 4, 1, 4)).toEqual({ kind: 'remove' });
    expect(planUnmap(1, 4, 1, 2)).toEqual({ kind: 'shrink', start: 3, last: 4 });
    expect(planUnmap(1, 4, 3, 9)).toEqual({ kind: 'shrink', start: 1, last: 2 });
    expect(planUnmap(1, 4, 2, 2)).toEqual({ kind: 'split', left: { start: 1, last: 1 }, right: { start: 3, last: 4 } });
  });
});

describe('inside the callback', () => {
  it('defers shrink and insert to the last inv_end, which applies both at once', async () => {
    const w = world({ invalidators: ['u1'], unmappers: { u1: [[2, 2]] } });
    await w.step('u1', 'mn_itree_inv_start_range');
    for (const a of WALK) await w.step('u1', a);
    // Both changes are pending: a concurrent walk still sees the old N = [1, 4].
    expect(bounds(w)).toEqual([['n', 1, 4]]);
    expect(w.snapshot().deferred).toEqual(['h2', 'n']);
    await w.step('u1', 'mm_change_ptes');
    await w.step('u1', 'mn_itree_inv_end');
    expect(bounds(w)).toEqual([
      ['n', 1, 1],
      ['h2', 3, 4],
    ]);
    expect(w.sub('h2').seq).toBe(3); // the epoch's seq: read_begin(M) waited for this inv_end
    expect(w.violations()).toEqual([]);
  });

  it('two unmaps of one interval in one epoch: the last update wins, coverage only grows (safe)', async () => {
    const w = world({});
    await w.step('u1', 'mn_itree_inv_start_range');
    await w.step('u2', 'mn_itree_inv_start_range');
    for (const a of WALK) await w.step('u1', a);
    for (const a of WALK) await w.step('u2', a);
    for (const t of ['u1', 'u2']) {
      await w.step(t, 'mm_change_ptes');
      await w.step(t, 'mn_itree_inv_end');
    }
    // Both callbacks planned from N's old bounds [1, 4]: u2's shrink to [1, 2]
    // overwrote u1's [1, 1]; u1's right part [3, 4] and u2's [4, 4] overlap.
    expect(bounds(w)).toEqual([
      ['n', 1, 2],
      ['h2', 3, 4],
      ['h3', 4, 4],
    ]);
    expect(w.violations()).toEqual([]);
  });
});

describe('outside the callback, shrink then insert', () => {
  it('leaves a window in which an invalidation of the right part finds no interval: a stale entry (SAFE-1)', async () => {
    const w = world({
      invalidators: ['u1', 'i1'],
      unmappers: { u1: [[2, 2]] },
      holePunch: 'outside_shrink_then_insert',
    });
    await w.step('u1', 'mn_itree_inv_start_range');
    for (const a of WALK) await w.step('u1', a);
    await w.step('u1', 'mm_change_ptes');
    await w.step('u1', 'mn_itree_inv_end');
    await w.step('u1', 'wake_up_all');
    for (const a of ['punch_begin', 'punch_lock', 'punch_shrink']) await w.step('w', a);
    await w.step('i1', 'mn_itree_inv_start_range', { start: 4, last: 4, blockable: true });
    expect(w.snapshot().inv.i1?.cursor).toBe('none'); // no interval covers page 4 now
    await w.step('w', 'punch_insert');
    await w.step('i1', 'mm_change_ptes');
    expect(w.violations()).toContain('NoStaleDeviceEntry');
  });
});
