/**
 * ExitWorld (src/impl/exit/world.ts), the world of spec/ProcessExit.tla,
 * stepped by hand: the exiter's steps and labels, the two amdkfd shapes
 * against a reclaim during the exit (spec/README.md "Walk-through: a
 * reclaim during the exit"), and the insert after exit. The conformance
 * suites replay TLC's traces of the exit models on the same world.
 */
import { describe, expect, it } from 'vitest';
import { OptionsError, ScheduleError } from '../../src/impl/errors.ts';
import { ExitWorld } from '../../src/impl/exit/world.ts';
import { type ExitDriver } from '../../src/protocol/exit-state.ts';
import { exitWorld as world, takeSteps } from './world-fixtures.ts';

const FAULT_PAGE_1 = ['f1:mmu_interval_read_begin', 'f1:hmm_range_fault', 'f1:driver_lock', 'f1:mmu_interval_read_retry', 'f1:driver_commit'];
const CALLBACK = ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock'];

describe('ExitWorld: the exit thread', () => {
  it('runs mmput -> exit_mmap with the spec labels; between its walks its pc is done (MaxInv 1)', async () => {
    const w = world({}, ['x']);
    await takeSteps(w, ['m:mmu_interval_notifier_insert', ...FAULT_PAGE_1, 'x:mmput_exit_mmap', 'x:mn_itree_release']);
    expect([w.snapshot().pc.x, w.snapshot().seq, w.snapshot().inv.x]).toEqual([
      'invalidate_lock',
      3,
      { start: 1, last: 2, blockable: true, curSeq: 3, cursor: 's1', done: 0 },
    ]);
    await takeSteps(w, CALLBACK.map((a) => `x:${a}`));
    expect(w.snapshot().pc.x).toBe('mm_change_ptes');
    await takeSteps(w, ['x:mn_itree_release_loop_done', 'x:mn_itree_inv_end', 'x:wake_up_all']);
    expect([w.snapshot().pc.x, w.snapshot().pte, w.snapshot().spte, w.ext.phase]).toEqual(['done', [1, 1], [0, 0], 'release']);
    await takeSteps(w, ['x:mn_hlist_release', 'x:unmap_vmas', ...CALLBACK.map((a) => `x:${a}`), 'x:mm_change_ptes', 'x:mn_itree_inv_end', 'x:wake_up_all']);
    expect(w.snapshot().pte).toEqual([2, 2]);
    const recorded = w.snapshotter();
    await w.step('x', 'exit_mmap_done');
    expect(recorded()).toEqual(w.snapshot());
    expect([w.snapshot().pc.x, w.snapshot().ext, w.enabled()]).toEqual(['done', { mm: 'dead', phase: 'exited', devLive: true, insErr: 'none' }, ['m']]);
    expect(w.violations()).toEqual([]);
  });

  it('mmput waits for the faults in flight, and no new fault starts after it', async () => {
    const w = world();
    await takeSteps(w, ['m:mmu_interval_notifier_insert', 'f1:mmu_interval_read_begin']);
    expect(w.choices('x')).toEqual([]);
    const v = world();
    await takeSteps(v, ['m:mmu_interval_notifier_insert', 'x:mmput_exit_mmap']);
    expect(v.choices('f1')).toEqual([]);
    expect(v.enabled()).not.toContain('f1');
  });
});

/** The reclaim i1 of page 1 hits s1, f1 commits page 1, x drops the last reference; then i1's callback. */
async function reclaimDuringExit(driver: ExitDriver): Promise<ExitWorld> {
  const w = world({ driver, hlistStopsDevice: true });
  await takeSteps(w, ['m:mmu_interval_notifier_insert', 'i1:mn_itree_inv_start_range', ...FAULT_PAGE_1, 'x:mmput_exit_mmap']);
  return w;
}

describe('ExitWorld: amdkfd and a reclaim during the exit', () => {
  it('after fa582c6f3684 the callback returns at once and the PTE change leaves a stale entry while the device runs', async () => {
    const w = await reclaimDuringExit('amdkfd_mmget');
    expect(w.choices('i1')).toEqual([{ action: 'invalidate_skip', args: { sub: 's1' } }]);
    await w.step('i1', 'invalidate_skip');
    // At mm_change_ptes with the device entry of page 1 still there: SAFE-2 is broken first.
    expect(w.violations()).toEqual(['ZappedBeforeUnmap']);
    await w.step('i1', 'mm_change_ptes');
    expect([w.snapshot().spte[0], w.snapshot().pte[0], w.ext.devLive]).toEqual([1, 2, true]);
    expect(w.violations()).toEqual(['NoStaleDeviceEntry', 'NoStaleDeviceEntryWhileDeviceRuns']);
  });

  it('the first shape (RELEASE only) cannot skip it: the callback sets the seq and zaps', async () => {
    const w = await reclaimDuringExit('amdkfd');
    await expect(w.step('i1', 'invalidate_skip')).rejects.toBeInstanceOf(ScheduleError);
    await takeSteps(w, [...CALLBACK.map((a) => `i1:${a}`), 'i1:mm_change_ptes']);
    expect([w.snapshot().spte[0], w.snapshot().subs.s1?.seq]).toEqual([0, 3]);
    expect(w.violations()).toEqual([]);
  });

  it('both amdkfd shapes skip the release walk; the hlist release stops the device', async () => {
    const w = world({ driver: 'amdkfd', hlistStopsDevice: true }, ['x']);
    await takeSteps(w, ['m:mmu_interval_notifier_insert', 'x:mmput_exit_mmap', 'x:mn_itree_release', 'x:invalidate_skip', 'x:mn_itree_release_loop_done']);
    expect(w.snapshot().subs.s1?.seq).toBe(1);
    await takeSteps(w, ['x:mn_itree_inv_end', 'x:wake_up_all', 'x:mn_hlist_release']);
    expect(w.ext).toEqual({ mm: 'dead', phase: 'hlist', devLive: false, insErr: 'none' });
  });
});

describe('ExitWorld: insert after exit', () => {
  it('without mmget_not_zero the insert fails with -EINVAL (once) and nothing else changes', async () => {
    const w = world({ insertGuard: 'none' });
    await w.step('x', 'mmput_exit_mmap');
    const before = w.snapshot();
    expect(w.choices('m')).toEqual([{ action: 'insert_after_exit', args: { sub: 's1' } }]);
    await w.step('m', 'insert_after_exit');
    const after = w.snapshot();
    expect(after.ext.insErr).toBe('EINVAL');
    expect({ ...after, ext: before.ext, lastAction: before.lastAction }).toEqual(before);
    expect(w.violations()).toEqual(['NoInsertAfterExit']);
    expect(w.choices('m')).toEqual([]);
  });

  it('with mmget_not_zero the driver does not insert at all', async () => {
    const w = world({ insertGuard: 'mmget' });
    await w.step('x', 'mmput_exit_mmap');
    expect(w.choices('m')).toEqual([]);
  });

  it('the exiter must be an invalidator', () => {
    expect(() => world({ exiter: 'f1' })).toThrow(OptionsError);
  });
});
