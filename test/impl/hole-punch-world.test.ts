/**
 * HolePunchWorld against spec/HolePunch.tla: the plan of dmirror_do_unmap,
 * one step per v6 API call, and random schedules of the spec's hole-punch
 * models — the strategies the spec proves safe stay safe, the unsafe ones
 * and the fault path without the coverage re-check are caught.
 */
import { describe, expect, it } from 'vitest';
import { type RunOptions, runWorldSchedule, seededChooser } from '../../src/impl/explore.ts';
import { type HolePunchConfig } from '../../src/impl/holepunch/config.ts';
import { amdkfdPlan, unmapPlan } from '../../src/impl/holepunch/plan.ts';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { HolePunchState } from '../../src/protocol/index.ts';
import { firstFailure, throwIfBad } from './first-failure.ts';
import { holePunchModel as model } from './world-fixtures.ts';

describe('unmap plans', () => {
  it('follow dmirror_do_unmap and the strategy order', () => {
    expect(unmapPlan('inside_callback', 'n', 1, 3, 2, 2)).toEqual([
      { api: 'update', sub: 'n', start: 1, last: 1 },
      { api: 'insert_safe', sub: 'new', start: 3, last: 3 },
    ]);
    expect(unmapPlan('outside_insert_then_shrink', 'n', 1, 3, 2, 2).map((o) => o.api)).toEqual(['insert_safe', 'update']);
    expect(unmapPlan('inside_callback', 'n', 1, 3, 1, 3)).toEqual([{ api: 'remove_deferred', sub: 'n', start: 0, last: 0 }]);
    // Shrink from either end: the unmap covers the left or the right end of the interval.
    expect(unmapPlan('inside_callback', 'n', 1, 4, 1, 2)).toEqual([{ api: 'update', sub: 'n', start: 3, last: 4 }]);
    expect(unmapPlan('inside_callback', 'n', 1, 4, 3, 9)).toEqual([{ api: 'update', sub: 'n', start: 1, last: 2 }]);
    expect(amdkfdPlan('n', 1, 3, 2, 2).map((o) => o.api)).toEqual(['insert', 'remove', 'insert']);
    expect(amdkfdPlan('n', 1, 3, 2, 2, 'insert_first').map((o) => o.api)).toEqual(['insert', 'insert', 'remove']);
    expect(amdkfdPlan('n', 1, 3, 2, 2, 'unmap_first')).toEqual([
      { api: 'insert', sub: 'new', start: 3, last: 3 },
      { api: 'unmap_from_gpus', sub: 'n', start: 1, last: 1 },
      { api: 'remove', sub: 'n', start: 0, last: 0 },
      { api: 'insert', sub: 'new', start: 1, last: 1 },
    ]);
    expect(amdkfdPlan('n', 1, 3, 2, 2, 'keep_notifier').map((o) => o.api)).toEqual(['insert']);
    // amdkfd, the unmap at an end or over the whole range: the kept part only, or a remove.
    expect(amdkfdPlan('n', 2, 4, 1, 2)).toEqual([
      { api: 'remove', sub: 'n', start: 0, last: 0 },
      { api: 'insert', sub: 'new', start: 3, last: 4 },
    ]);
    expect(amdkfdPlan('n', 2, 4, 4, 5, 'insert_first')).toEqual([
      { api: 'insert', sub: 'new', start: 2, last: 3 },
      { api: 'remove', sub: 'n', start: 0, last: 0 },
    ]);
    expect(amdkfdPlan('n', 2, 4, 2, 4)).toEqual([{ api: 'remove', sub: 'n', start: 0, last: 0 }]);
    expect(amdkfdPlan('n', 2, 4, 1, 5)).toEqual([{ api: 'remove', sub: 'n', start: 0, last: 0 }]);
  });
});

describe('HolePunchWorld, step by step', () => {
  it('inside the callback: one step per API call, both applied by the last inv_end, then the release list is empty', async () => {
    const w = new HolePunchWorld(model('inside_callback')).start();
    expect(HolePunchState.parse(w.snapshot())).toEqual(w.snapshot());
    expect(w.snapshot()).toMatchObject({ tree: ['s1'], vma: [1, 2, 3], mmap: { writer: 'none', readers: [] } });
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    // munmap detached page 2 under the write lock and downgraded: it holds the read side now.
    expect([w.snapshot().mmap, w.snapshot().vma]).toEqual([{ writer: 'none', readers: ['u'] }, [1, 3]]);
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap']) await w.step('u', a);
    expect(w.snapshot().hp).toMatchObject({ u: { ops: [{ api: 'update' }, { api: 'insert_safe', sub: 'new' }] } });
    await w.step('u', 'mmu_interval_notifier_update', { sub: 's1', start: 1, last: 1 });
    await w.step('u', 'mmu_interval_notifier_insert_safe', { sub: 's2', start: 3, last: 3 });
    const mid = w.snapshot();
    expect([mid.deferred, mid.upd, mid.tree]).toEqual([['s2', 's1'], { s1: { start: 1, last: 1 }, s2: { start: 0, last: 0 }, s3: { start: 0, last: 0 } }, ['s1']]);
    for (const a of ['invalidate_unlock', 'mm_change_ptes', 'mn_itree_inv_end']) await w.step('u', a);
    const end = w.snapshot();
    expect([end.tree, end.deferred, end.vma, end.mmap]).toEqual([['s1', 's2'], [], [1, 3], { writer: 'none', readers: [] }]);
    expect(end.subs).toMatchObject({ s1: { start: 1, last: 1 }, s2: { start: 3, last: 3, seq: 3, life: 'in_tree' } });
    expect(w.violations()).toEqual([]);
    expect(HolePunchState.parse(end)).toEqual(end);
  });

  it("a fault's lookup and read_begin are steps of their own; a retry looks the page up again", async () => {
    const w = new HolePunchWorld(model('inside_callback', { faultRecheck: true })).start();
    await w.step('f', 'dmirror_interval_find', { sub: 's1', page: 3 });
    expect(w.snapshot().mmap.readers).toEqual(['f']);
    expect(w.choices('u')).toEqual([]); // munmap needs mmap_write_lock to detach
    await w.step('f', 'mmu_interval_read_begin', { sub: 's1', page: 3 });
    await w.step('f', 'hmm_range_fault');
    expect(w.snapshot().mmap.readers).toEqual([]);
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap', 'mmu_interval_notifier_update', 'mmu_interval_notifier_insert_safe', 'invalidate_unlock', 'mm_change_ptes', 'mn_itree_inv_end', 'wake_up_all']) {
      await w.step('u', a);
    }
    await w.step('f', 'driver_lock');
    await w.step('f', 'mmu_interval_read_retry'); // collided: s1's seq moved (and s1 no longer covers page 3)
    expect(w.choices('f')).toEqual([{ action: 'dmirror_interval_find', args: { sub: 's2', page: 3 } }]);
    await w.step('f', 'dmirror_interval_find');
    expect(w.snapshot().flt.f).toMatchObject({ sub: 's2', page: 3, tries: 2 });
  });
});

/** Random schedules of a hole-punch model; the failure of the first bad one, or null. */
async function firstBadSchedule(config: HolePunchConfig, numRuns: number, check?: string[]): Promise<string | null> {
  const options: RunOptions = { policy: { kind: 'pct', depth: 3, expectedSteps: 30 }, ...(check ? { check } : {}) };
  return firstFailure(
    async (seed) => {
      const choose = seededChooser(seed);
      throwIfBad(await runWorldSchedule(new HolePunchWorld({ ...config, choose }).start(), choose, options));
    },
    numRuns,
    4242,
  );
}

describe('HolePunchWorld under random schedules', () => {
  it('with the fault re-check, inside the callback and outside insert-then-shrink: no violation in 800 schedules each', async () => {
    expect(await firstBadSchedule(model('inside_callback', { faultRecheck: true }), 800)).toBeNull();
    expect(await firstBadSchedule(model('outside_insert_then_shrink', { faultRecheck: true }), 800)).toBeNull();
  });

  it("amdkfd with fix insert_first or unmap_first: none of the amdkfd models' properties fails in 800 schedules each (rmap)", async () => {
    // The properties of spec/models/holepunch/MCHolePunchAmdkfd*.cfg (amdkfd has no ops->release, so the
    // v6 release-list property NoFaultUseAfterRelease is not one of them).
    const props = ['NoStaleDeviceEntry', 'NoCoverageLoss', 'NoUseAfterFree', 'WalkersOnlyWhileOdd', 'DeferredListNoDuplicates'];
    expect(await firstBadSchedule(model('outside_remove_then_insert', { amdkfdFix: 'insert_first' }), 800, props)).toBeNull();
    expect(await firstBadSchedule(model('outside_remove_then_insert', { amdkfdFix: 'unmap_first' }), 800, props)).toBeNull();
  });

  it('outside shrink-then-insert: a stale device entry (SAFE-1), the invalidation falling between the shrink and the insert', async () => {
    const failure = await firstBadSchedule(model('outside_shrink_then_insert'), 3000, ['NoStaleDeviceEntry']);
    expect(failure).toMatch(/violates NoStaleDeviceEntry/);
    expect(failure).toMatch(/w:mmu_interval_notifier_update.*i:mn_itree_inv_start_range.*w:mmu_interval_notifier_insert_safe/);
  });

});

describe("Ralph's fault path needs the coverage re-check (MCHolePunchInside's counterexample)", () => {
  /** f finds s1 for page 3 in u's epoch; u's last end moves page 3 to s2; i invalidates page 3 (only s2); f then reads and commits under s1. */
  async function race(faultRecheck: boolean): Promise<HolePunchWorld> {
    const w = new HolePunchWorld(model('inside_callback', { faultRecheck })).start();
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap', 'mmu_interval_notifier_update', 'mmu_interval_notifier_insert_safe', 'invalidate_unlock', 'mm_change_ptes']) {
      await w.step('u', a);
    }
    await w.step('f', 'dmirror_interval_find', { sub: 's1', page: 3 });
    await w.step('u', 'mn_itree_inv_end');
    await w.step('i', 'mn_itree_inv_start_range', { start: 3, last: 3, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']) await w.step('i', a);
    await w.step('f', 'mmu_interval_read_begin');
    await w.step('f', 'hmm_range_fault');
    await w.step('i', 'mm_change_ptes');
    await w.step('f', 'driver_lock');
    await w.step('f', 'mmu_interval_read_retry');
    return w;
  }

  it('without the re-check, read_retry passes (s1 was never invalidated for page 3) and the commit is stale', async () => {
    const w = await race(false);
    await w.step('f', 'driver_commit', { page: 3, version: 1 });
    expect(w.snapshot()).toMatchObject({ pte: [1, 2, 2], spte: [0, 0, 1] });
    expect(w.violations()).toContain('NoStaleDeviceEntry');
  });

  it('with it, the fault looks page 3 up again and finds the interval that now covers it', async () => {
    const w = await race(true);
    expect(w.snapshot().pc.f).toBe('dmirror_interval_find');
    expect(w.choices('f')).toEqual([{ action: 'dmirror_interval_find', args: { sub: 's2', page: 3 } }]);
    expect(w.violations()).toEqual([]);
  });
});

describe("amdkfd's worker (MCHolePunchAmdkfd's counterexample)", () => {
  /** A GPU entry on page 1, a munmap of page 2, the worker up to the removal of s1's notifier, then a reclaim of page 1. */
  async function window(amdkfdFix: 'none' | 'insert_first'): Promise<HolePunchWorld> {
    const w = new HolePunchWorld(model('outside_remove_then_insert', { amdkfdFix })).start();
    for (const [a, args] of [
      ['dmirror_interval_find', { sub: 's1', page: 1 }],
      ['mmu_interval_read_begin', undefined],
      ['hmm_range_fault', undefined],
      ['driver_lock', undefined],
      ['mmu_interval_read_retry', undefined],
      ['driver_commit', undefined],
    ] as const) {
      await w.step('f', a, args);
    }
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap', 'invalidate_unlock', 'mm_change_ptes', 'mn_itree_inv_end']) {
      await w.step('u', a);
    }
    await w.step('w', 'unmap_work_begin');
    await w.step('w', 'mmu_interval_notifier_insert'); // the split-off right part
    if (amdkfdFix === 'insert_first') await w.step('w', 'mmu_interval_notifier_insert'); // the kept part, before the remove
    await w.step('w', 'mmu_interval_notifier_remove', { sub: 's1' });
    await w.step('i', 'mn_itree_inv_start_range', { start: 1, last: 1, blockable: true });
    return w;
  }

  it('today: the reclaim of the kept page finds no interval, and the re-inserted notifier covers a stale GPU entry', async () => {
    const w = await window('none');
    expect(w.snapshot().pc.i).toBe('mm_change_ptes');
    await w.step('i', 'mm_change_ptes');
    await w.step('w', 'remove_return_free');
    await w.step('w', 'mmu_interval_notifier_insert');
    expect(w.snapshot()).toMatchObject({ pte: [2, 2, 1], spte: [1, 0, 0] });
    expect(w.violations()).toContain('NoStaleDeviceEntry');
  });

  it('insert_first: the reclaim walks the kept part\'s new notifier and unmaps the GPU entry first', async () => {
    const w = await window('insert_first');
    expect(w.snapshot().pc.i).toBe('invalidate_lock');
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap']) await w.step('i', a);
    expect(w.snapshot().spte).toEqual([0, 0, 0]);
    expect(w.violations()).toEqual([]);
  });
});
