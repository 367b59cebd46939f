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
import { HolePunchState, type HolePunchStrategy, type VariantName } from '../../src/protocol/index.ts';
import { firstFailure, throwIfBad } from './first-failure.ts';

/** spec/MCHolePunch*.cfg: N = s1 = [1, 3] in the tree, spares s2, s3; u unmaps page 2, i invalidates page 1 or 3. */
function model(strategy: HolePunchStrategy, variant: VariantName = 'mainline', extra: Partial<HolePunchConfig> = {}): HolePunchConfig {
  return {
    variant,
    strategy,
    npages: 3,
    subs: [
      { id: 's1', start: 1, last: 3 },
      { id: 's2', start: 0, last: 0 },
      { id: 's3', start: 0, last: 0 },
    ],
    initTree: ['s1'],
    invalidators: ['u', 'i'],
    unmappers: ['u'],
    unmapRanges: [[2, 2]],
    invRanges: [
      [1, 1],
      [3, 3],
    ],
    otherInvMmapLock: false,
    faulters: ['f'],
    mgr: 'w',
    blockable: [true],
    maxInv: 1,
    maxFaults: 1,
    maxTries: 2,
    ...extra,
  };
}

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
  });
});

describe('HolePunchWorld, step by step', () => {
  it('inside the callback: one step per API call, both applied by the last inv_end, then the release list is empty', async () => {
    const w = new HolePunchWorld(model('inside_callback')).start();
    expect(HolePunchState.parse(w.snapshot())).toEqual(w.snapshot());
    expect(w.snapshot()).toMatchObject({ tree: ['s1'], vma: [1, 2, 3], mmap: { writer: 'none', readers: [] } });
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    expect(w.snapshot().mmap).toEqual({ writer: 'u', readers: [] });
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

  it('a fault on the unmapped page fails, and a retry finds the interval that now covers its page', async () => {
    const w = new HolePunchWorld(model('inside_callback')).start();
    await w.step('f', 'mmu_interval_read_begin', { sub: 's1', page: 3 });
    await w.step('f', 'hmm_range_fault');
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap', 'mmu_interval_notifier_update', 'mmu_interval_notifier_insert_safe', 'invalidate_unlock', 'mm_change_ptes', 'mn_itree_inv_end', 'wake_up_all']) {
      await w.step('u', a);
    }
    await w.step('f', 'driver_lock');
    await w.step('f', 'mmu_interval_read_retry'); // collided: s1's seq moved (and s1 no longer covers page 3)
    expect(w.choices('f')).toEqual([{ action: 'mmu_interval_read_begin', args: { sub: 's2', page: 3 } }]);
    await w.step('f', 'mmu_interval_read_begin');
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
  it('inside the callback and outside insert-then-shrink: no violation in 800 schedules each', async () => {
    expect(await firstBadSchedule(model('inside_callback'), 800)).toBeNull();
    expect(await firstBadSchedule(model('outside_insert_then_shrink'), 800)).toBeNull();
  });

  it('outside shrink-then-insert: a stale device entry (SAFE-1), the invalidation falling between the shrink and the insert', async () => {
    const failure = await firstBadSchedule(model('outside_shrink_then_insert'), 3000, ['NoStaleDeviceEntry']);
    expect(failure).toMatch(/violates NoStaleDeviceEntry/);
    expect(failure).toMatch(/w:mmu_interval_notifier_update.*i:mn_itree_inv_start_range.*w:mmu_interval_notifier_insert_safe/);
  });

});

describe('the fault path must re-check coverage (V6_fault_no_recheck)', () => {
  /** f's read_begin on s1 for page 3 sleeps in u's epoch; u's punch moves page 3 to s2; i then invalidates page 3 (only s2). */
  async function race(variant: VariantName): Promise<HolePunchWorld> {
    const w = new HolePunchWorld(model('inside_callback', variant)).start();
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'dmirror_do_unmap', 'mmu_interval_notifier_update', 'mmu_interval_notifier_insert_safe', 'invalidate_unlock']) {
      await w.step('u', a);
    }
    // s1 still covers page 3 (its shrink is deferred); its seq is the epoch's: read_begin sleeps.
    await w.step('f', 'mmu_interval_read_begin', { sub: 's1', page: 3 });
    await w.step('f', 'read_begin_wait');
    for (const a of ['mm_change_ptes', 'mn_itree_inv_end', 'wake_up_all']) await w.step('u', a);
    await w.step('f', 'read_begin_wait');
    await w.step('f', 'hmm_range_fault');
    await w.step('i', 'mn_itree_inv_start_range', { start: 3, last: 3, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock', 'mm_change_ptes', 'mn_itree_inv_end', 'wake_up_all']) {
      await w.step('i', a);
    }
    await w.step('f', 'driver_lock');
    await w.step('f', 'mmu_interval_read_retry');
    return w;
  }

  it('without the re-check, read_retry passes (s1 was never invalidated for page 3) and the commit is stale', async () => {
    const w = await race('V6_fault_no_recheck');
    await w.step('f', 'driver_commit', { page: 3, version: 1 });
    expect(w.snapshot()).toMatchObject({ pte: [1, 2, 2], spte: [0, 0, 1] });
    expect(w.violations()).toContain('NoStaleDeviceEntry');
  });

  it('with it (the v6 dmirror), the fault retries on the interval that now covers page 3', async () => {
    const w = await race('mainline');
    expect(w.snapshot().pc.f).toBe('mmu_interval_read_begin');
    expect(w.choices('f')).toEqual([{ action: 'mmu_interval_read_begin', args: { sub: 's2', page: 3 } }]);
    expect(w.violations()).toEqual([]);
  });
});

describe('hole punching, step by step (kernel facts: the v5/v6 series of mmu_interval_notifier_update / _insert_safe)', () => {
  /** Steps thread `t` with its first choice until its pc is `pc`. */
  async function runUntil(w: HolePunchWorld, t: string, pc: string): Promise<void> {
    while (w.snapshot().pc[t] !== pc) await w.step(t);
  }

  it('two unmaps of one interval in one epoch (kept open by a reclaim): the last update wins, no coverage is lost, the right parts overlap', async () => {
    const w = new HolePunchWorld({
      ...model('inside_callback'),
      npages: 4,
      subs: [
        { id: 's1', start: 1, last: 4 },
        { id: 's2', start: 0, last: 0 },
        { id: 's3', start: 0, last: 0 },
      ],
      invalidators: ['u1', 'u2', 'i'],
      unmappers: ['u1', 'u2'],
      unmapRanges: [
        [2, 2],
        [3, 3],
      ],
      invRanges: [[1, 1]],
      faulters: [],
    }).start();
    await w.step('i', 'mn_itree_inv_start_range', { start: 1, last: 1, blockable: true }); // the epoch stays odd until i ends
    await w.step('u1', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    await runUntil(w, 'u1', 'done');
    await w.step('u2', 'mn_itree_inv_start_range', { start: 3, last: 3, blockable: true });
    await runUntil(w, 'u2', 'done');
    // Both callbacks planned from s1's old bounds [1, 4]: u2's update to [1, 2] replaced u1's [1, 1].
    expect(w.snapshot().upd.s1).toEqual({ start: 1, last: 2 });
    await runUntil(w, 'i', 'done');
    const bounds = w.notifier.tree.entries().map((e) => [e.id, e.start, e.last]);
    expect(bounds).toEqual([
      ['s1', 1, 2],
      ['s2', 3, 4],
      ['s3', 4, 4],
    ]);
    // spec/MCHolePunchTwoUnmaps(Overlap).cfg: coverage and SAFE-1 hold, the settled tree overlaps.
    expect(w.violations()).toEqual(['NoOverlapWhenSettled']);
  });

  it('outside, shrink then insert: an invalidation between the two finds no interval and leaves a stale device entry (SAFE-1)', async () => {
    const w = new HolePunchWorld(model('outside_shrink_then_insert')).start();
    await w.step('f', 'mmu_interval_read_begin', { sub: 's1', page: 3 });
    await runUntil(w, 'f', 'done');
    expect(w.snapshot().spte).toEqual([0, 0, 1]);
    await w.step('u', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    await runUntil(w, 'u', 'done');
    expect(w.snapshot().work).toEqual([{ sub: 's1', start: 2, last: 2 }]);
    await w.step('w', 'unmap_work_begin', { sub: 's1' });
    await w.step('w', 'mmu_interval_notifier_update', { sub: 's1', start: 1, last: 1 });
    await w.step('i', 'mn_itree_inv_start_range', { start: 3, last: 3, blockable: true });
    expect(w.snapshot().inv.i?.cursor).toBe('none'); // no interval covers page 3 now
    await w.step('w', 'mmu_interval_notifier_insert_safe', { sub: 's2', start: 3, last: 3 });
    await w.step('i', 'mm_change_ptes', { start: 3, last: 3 });
    expect(w.violations()).toContain('NoStaleDeviceEntry');
  });
});
