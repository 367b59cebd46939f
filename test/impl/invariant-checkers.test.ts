/**
 * The worlds' invariant checkers (mainline/invariants.ts,
 * holepunch/invariants.ts, exit/invariants.ts) on states that break one
 * conjunct of the spec's property at a time. Random schedules reach such
 * states only through a bug; here each is set by hand on a world that
 * satisfies every property, so each conjunct is seen to hold, to fail,
 * and to fail by the name the spec gives it.
 */
import { describe, expect, it } from 'vitest';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { World } from '../../src/impl/mainline/world.ts';
import { type RemoveLocals } from '../../src/impl/notifier.ts';
import { type Subscription } from '../../src/impl/subscription.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { type LifeState } from '../../src/protocol/index.ts';
import { SMALL_MODEL } from './small-model.ts';
import { exitWorld, holePunchModel, setPc } from './world-fixtures.ts';

/** SMALL_MODEL after m inserted s2 = [1, 2] (seq 1): every property holds. */
async function mainline(): Promise<World> {
  const w = new World(SMALL_MODEL).start();
  await w.step('m', 'mmu_interval_notifier_insert', { sub: 's2' });
  expect(w.violations()).toEqual([]);
  return w;
}

const mgrOf = (w: SpecWorld): RemoveLocals => w.mgr;
/** An epoch under way: seq odd, one invalidate_range_start running. */
const openEpoch = (w: SpecWorld): void => {
  w.notifier.seq = 3;
  w.notifier.active = 1;
};
/** `s` on the deferred list with `life` and `seq`. */
const defer = (w: SpecWorld, s: Subscription, life: LifeState, seq: number): void => {
  w.notifier.deferred.push(s);
  s.life = life;
  s.seq = seq;
};
const unlinkFromTree = (w: SpecWorld, s: Subscription): void => {
  w.notifier.tree.remove(s.id);
  s.life = 'removed';
};

describe('checkWorld: the counters', () => {
  it('TypeOK: seq at least 2, active at least 0', async () => {
    const w = await mainline();
    w.notifier.seq = 0;
    expect(w.violations()).toEqual(['TypeOK']);
    w.notifier.seq = 2;
    w.notifier.active = -1;
    expect(w.violations()).toEqual(['TypeOK']);
  });

  it('OddSeqImpliesActive: an odd seq with no invalidation running', async () => {
    const w = await mainline();
    w.notifier.seq = 3;
    expect(w.violations()).toEqual(['OddSeqImpliesActive']);
    w.notifier.active = 1;
    expect(w.violations()).toEqual([]);
  });

  it('DeferredOnlyWhileOdd: the deferred list is used only in an epoch', async () => {
    const w = await mainline();
    defer(w, w.sub('s2'), 'pending_remove', 1);
    expect(w.violations()).toEqual(['DeferredOnlyWhileOdd']);
    openEpoch(w);
    expect(w.violations()).toEqual([]);
  });
});

describe('checkWorld: the lifecycle of a subscription', () => {
  it('InsertedSeqsOdd: an inserted interval has an odd seq, whichever of the three lives', async () => {
    for (const life of ['in_tree', 'pending_insert', 'pending_remove'] as const) {
      const w = await mainline();
      w.sub('s2').life = life;
      w.sub('s2').seq = 2;
      expect(w.violations()).toContain('InsertedSeqsOdd');
    }
    const w = await mainline();
    w.sub('s2').seq = 2;
    expect(w.violations()).toEqual(['InsertedSeqsOdd']);
  });

  it('LifecycleMatchesTreeAndList: in the tree = in_tree, on the list only = pending_insert, on both = pending_remove', async () => {
    let w = await mainline();
    w.sub('s2').life = 'removed';
    expect(w.violations()).toEqual(['LifecycleMatchesTreeAndList']);
    w.sub('s2').updated = { start: 1, last: 1 }; // a v5/v6 update under way: in the tree and on the list
    expect(w.violations()).toEqual([]);

    w = await mainline();
    w.sub('s2').life = 'pending_remove';
    expect(w.violations()).toEqual(['LifecycleMatchesTreeAndList']);

    w = await mainline();
    openEpoch(w);
    defer(w, w.sub('s1'), 'pending_insert', 3);
    expect(w.violations()).toEqual([]);
    w.sub('s1').life = 'pending_remove';
    expect(w.violations()).toEqual(['LifecycleMatchesTreeAndList']);
    w.sub('s1').life = 'pending_insert';
    w.notifier.deferred.push(w.sub('s2'));
    expect(w.violations()).toEqual(['LifecycleMatchesTreeAndList']);
    w.sub('s2').life = 'pending_remove';
    expect(w.violations()).toEqual([]);
  });

  it('LifecycleMatchesTreeAndList: off both, only unused, removed and freed', async () => {
    const w = await mainline();
    for (const life of ['unused', 'removed', 'freed'] as const) {
      w.sub('s1').life = life;
      expect(w.violations()).toEqual([]);
    }
    w.sub('s1').life = 'in_tree';
    w.sub('s1').seq = 1;
    expect(w.violations()).toEqual(['LifecycleMatchesTreeAndList']);
  });

  it('PendingInsertSeqIsEpoch: a deferred insert carries the epoch seq', async () => {
    const w = await mainline();
    openEpoch(w);
    defer(w, w.sub('s1'), 'pending_insert', 5);
    expect(w.violations()).toEqual(['PendingInsertSeqIsEpoch']);
  });
});

describe('checkWorld: walkers, freed intervals, remove', () => {
  it('WalkersOnlyWhileOdd and WalkersShareEpochSeq hold for each label of Walking(t)', async () => {
    for (const pc of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']) {
      const w = await mainline();
      w.driver.lock.holder = 'i1';
      setPc(w, 'i1', pc);
      w.inv.i1!.curSeq = 2;
      expect(w.violations()).toEqual(['WalkersOnlyWhileOdd']);
      openEpoch(w);
      expect(w.violations()).toEqual(['WalkersShareEpochSeq']);
      w.inv.i1!.curSeq = 3;
      expect(w.violations()).toEqual([]);
    }
    const w = await mainline();
    setPc(w, 'i1', 'mm_change_ptes');
    expect(w.violations()).toEqual([]);
  });

  it('NoUseAfterFree: a freed interval used, in the tree, on the list, under a walker or a fault', async () => {
    let w = await mainline();
    w.sub('s1').usesAfterFree = 1;
    expect(w.violations()).toEqual(['NoUseAfterFree']);
    w = await mainline();
    w.sub('s2').life = 'freed';
    expect(w.violations()).toContain('NoUseAfterFree');
    w = await mainline();
    openEpoch(w);
    defer(w, w.sub('s1'), 'freed', 3);
    expect(w.violations()).toContain('NoUseAfterFree');

    w = await mainline();
    w.sub('s1').life = 'freed';
    expect(w.violations()).toEqual([]);
    w.inv.i1!.cursor = 's1';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
    w.inv.i1!.cursor = 'none';
    w.flt.f1!.sub = 's1';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
  });

  it('NoUseAfterFree: a freed interval under any one of several faults', () => {
    const w = new World({ ...SMALL_MODEL, faulters: ['f1', 'f2'] }).start();
    w.sub('s1').life = 'freed';
    w.flt.f2!.sub = 's1';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
  });

  it('RemoveReturnsUnlinked: at remove_return_free the interval is off the tree, the list and every cursor', async () => {
    const w = await mainline();
    mgrOf(w).sub = 's2';
    expect(w.violations()).toEqual([]); // the manager idle
    setPc(w, 'm', 'remove_return_free');
    expect(w.violations()).toEqual(['RemoveReturnsUnlinked']);
    unlinkFromTree(w, w.sub('s2'));
    expect(w.violations()).toEqual([]);
    w.inv.i1!.cursor = 's2';
    expect(w.violations()).toEqual(['RemoveReturnsUnlinked']);
    w.inv.i1!.cursor = 'none';
    openEpoch(w);
    w.notifier.deferred.push(w.sub('s2'));
    expect(w.violations()).toContain('RemoveReturnsUnlinked');
  });

  it('DriverLockHeldInCriticalSections: each labelled critical section needs the lock, one name for many', async () => {
    for (const pc of ['mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock', 'mmu_interval_read_retry', 'driver_commit']) {
      const w = await mainline();
      setPc(w, 'f1', pc); // a faulter: no walker, whatever the label
      expect(w.violations()).toEqual(['DriverLockHeldInCriticalSections']);
      w.driver.lock.holder = 'f1';
      expect(w.violations()).toEqual([]);
    }
    const w = await mainline();
    setPc(w, 'f1', 'driver_commit');
    setPc(w, 'm', 'mmu_interval_read_retry');
    expect(w.violations()).toEqual(['DriverLockHeldInCriticalSections']);
  });
});

describe('checkWorld: the device page table', () => {
  it('NoStaleDeviceEntry: a covered device entry is 0 or the page version, one name for many pages', async () => {
    const w = await mainline();
    w.driver.spte[1] = 1;
    expect(w.violations()).toEqual([]);
    w.driver.spte[1] = 5;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry']);
    w.driver.spte[0] = 5;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry']);
  });

  it('NoCoverageLossOutsideRemove: an uncovered device entry, unless the interval being removed covered it', async () => {
    const w = await mainline();
    unlinkFromTree(w, w.sub('s2'));
    w.driver.spte[1] = 1;
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']);
    mgrOf(w).sub = 's2';
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']); // the manager idle: no remove under way
    setPc(w, 'm', 'remove_wait');
    expect(w.violations()).toEqual([]);
    w.driver.spte[0] = 1;
    expect(w.violations()).toEqual([]);
    mgrOf(w).sub = 's1'; // [1, 1]: page 2 lies after it
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']);
    w.driver.spte[1] = 0;
    Object.assign(w.sub('s1'), { start: 2, last: 2 }); // page 1 lies before it
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']);
  });

  it('ZappedBeforeMutate: at mm_change_ptes the walked, covered pages have no device entry', async () => {
    const w = await mainline();
    setPc(w, 'i1', 'mm_change_ptes');
    Object.assign(w.inv.i1!, { start: 1, last: 1 });
    w.driver.spte[1] = 1; // outside the walk
    expect(w.violations()).toEqual([]);
    w.driver.spte[0] = 1;
    expect(w.violations()).toEqual(['ZappedBeforeMutate']);
    Object.assign(w.inv.i1!, { start: 2, last: 2 });
    w.driver.spte[0] = 0;
    expect(w.violations()).toEqual(['ZappedBeforeMutate']);
    setPc(w, 'i2', 'mm_change_ptes');
    Object.assign(w.inv.i2!, { start: 1, last: 2 });
    expect(w.violations()).toEqual(['ZappedBeforeMutate']);
  });
});

/** spec/MCHolePunch*.cfg's world at Init: s1 = [1, 3] in the tree. */
function holePunch(): HolePunchWorld {
  const w = new HolePunchWorld(holePunchModel('inside_callback')).start();
  expect(w.violations()).toEqual([]);
  return w;
}

describe('checkHolePunchWorld', () => {
  it('TypeOK, OddSeqImpliesActive, DeferredOnlyWhileOdd, DeferredListNoDuplicates', () => {
    const w = holePunch();
    w.notifier.seq = 0;
    expect(w.violations()).toEqual(['TypeOK']);
    w.notifier.seq = 2;
    w.notifier.active = -1;
    expect(w.violations()).toEqual(['TypeOK']);
    w.notifier.active = 0;
    w.notifier.seq = 3;
    expect(w.violations()).toEqual(['OddSeqImpliesActive']);
    w.notifier.active = 1;
    expect(w.violations()).toEqual([]);
    w.notifier.deferred.push(w.sub('s1'));
    w.sub('s1').life = 'pending_remove';
    expect(w.violations()).toEqual([]);
    w.notifier.deferred.push(w.sub('s1'));
    expect(w.violations()).toEqual(['DeferredListNoDuplicates']);
    w.notifier.deferred.length = 1;
    w.notifier.seq = 2;
    w.notifier.active = 0;
    expect(w.violations()).toEqual(['DeferredOnlyWhileOdd']);
  });

  it('InsertedSeqsOdd and PendingInsertSeqIsEpoch', () => {
    for (const life of ['in_tree', 'pending_insert', 'pending_remove'] as const) {
      const w = holePunch();
      w.sub('s1').life = life;
      w.sub('s1').seq = 2;
      expect(w.violations()).toContain('InsertedSeqsOdd');
    }
    const w = holePunch();
    w.sub('s1').seq = 2;
    expect(w.violations()).toEqual(['InsertedSeqsOdd']);
    w.sub('s1').seq = 1;
    w.sub('s2').life = 'removed';
    w.sub('s2').seq = 2;
    expect(w.violations()).toEqual([]);
    openEpoch(w);
    defer(w, w.sub('s2'), 'pending_insert', 3);
    expect(w.violations()).toEqual([]);
    w.sub('s2').seq = 5;
    expect(w.violations()).toEqual(['PendingInsertSeqIsEpoch']);
  });

  it('WalkersOnlyWhileOdd for each label of HPWalking(t), the unmap handler included', () => {
    // spec/HolePunch.tla's set written out, not read from HP_WALKING: a label dropped there must fail here.
    const labels = [
      'invalidate_lock',
      'mmu_interval_set_seq',
      'invalidate_zap',
      'invalidate_unlock',
      'dmirror_do_unmap',
      'mmu_interval_notifier_update',
      'mmu_interval_notifier_insert_safe',
      'mmu_interval_notifier_remove_deferred',
    ];
    for (const pc of labels) {
      const w = holePunch();
      setPc(w, 'i', pc);
      w.inv.i!.curSeq = 2;
      expect(w.violations()).toEqual(['WalkersOnlyWhileOdd']);
      openEpoch(w);
      expect(w.violations()).toEqual(['WalkersOnlyWhileOdd']);
      w.inv.i!.curSeq = 3;
      expect(w.violations()).toEqual([]);
    }
    const w = holePunch();
    setPc(w, 'i', 'mm_change_ptes');
    expect(w.violations()).toEqual([]);
  });

  it('NoUseAfterFree and NoFaultUseAfterRelease', () => {
    let w = holePunch();
    w.sub('s2').usesAfterFree = 1;
    expect(w.violations()).toEqual(['NoUseAfterFree']);
    w = holePunch();
    w.sub('s1').life = 'freed';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
    w = holePunch();
    w.sub('s2').life = 'freed';
    expect(w.violations()).toEqual([]);
    w.inv.i!.cursor = 's2';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
    w.inv.i!.cursor = 'none';
    w.flt.f!.sub = 's2';
    expect(w.violations()).toEqual(['NoFaultUseAfterRelease']);
    w.flt.f!.sub = 's1';
    expect(w.violations()).toEqual([]);
    openEpoch(w);
    w.notifier.deferred.push(w.sub('s2'));
    w.flt.f!.sub = 'none';
    expect(w.violations()).toEqual(['NoUseAfterFree']);
  });

  it('NoStaleDeviceEntry and NoCoverageLoss, each once for many pages', () => {
    const w = holePunch();
    w.driver.spte[2] = 1;
    expect(w.violations()).toEqual([]);
    w.driver.spte[0] = 4;
    w.driver.spte[1] = 4;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry']);
    w.notifier.tree.remove('s1');
    w.sub('s1').life = 'removed';
    expect(w.violations()).toEqual(['NoCoverageLoss']);
  });

  it('NoOverlapWhenSettled: overlapping intervals only while work is left', () => {
    const w = holePunch();
    const s2 = w.sub('s2');
    Object.assign(s2, { start: 3, last: 3, life: 'in_tree', seq: 1 });
    w.notifier.tree.insert(3, 3, 1, 's2', s2);
    expect(w.violations()).toEqual(['NoOverlapWhenSettled']);
    w.work.push({ sub: 's1', start: 2, last: 2 });
    expect(w.violations()).toEqual([]);
    w.work.length = 0;
    w.hp.u!.ops.push({ api: 'update', sub: 's1', start: 1, last: 2 });
    expect(w.violations()).toEqual([]);
    w.hp.u!.ops.length = 0;
    openEpoch(w);
    expect(w.violations()).toEqual([]);
    w.notifier.seq = 4;
    expect(w.violations()).toEqual([]); // active: not settled
    w.notifier.tree.remove('s2');
    w.notifier.active = 0;
    Object.assign(s2, { start: 4, last: 4 });
    w.notifier.tree.insert(4, 4, 1, 's2', s2);
    expect(w.violations()).toEqual([]); // disjoint
    w.notifier.tree.remove('s1');
    w.notifier.tree.insert(4, 5, 0, 's1', w.sub('s1')); // s1 = [4, 5] before s2 = [4, 4] in the tree's order
    expect(w.violations()).toContain('NoOverlapWhenSettled');
  });

  it('NoFaultUseAfterRelease: any one of several faults', () => {
    const w = new HolePunchWorld(holePunchModel('inside_callback', { faulters: ['f', 'g'] })).start();
    w.sub('s2').life = 'freed';
    w.flt.g!.sub = 's2';
    expect(w.violations()).toEqual(['NoFaultUseAfterRelease']);
  });
});

describe('exitViolations', () => {
  it('ZappedBeforeUnmap replaces ZappedBeforeMutate, except on the exiter release walk', async () => {
    const w = exitWorld();
    await w.step('m', 'mmu_interval_notifier_insert');
    expect(w.violations()).toEqual([]);
    setPc(w, 'i1', 'mm_change_ptes');
    Object.assign(w.inv.i1!, { start: 1, last: 1 });
    w.driver.spte[0] = 1;
    expect(w.violations()).toEqual(['ZappedBeforeUnmap']);
    Object.assign(w.inv.i1!, { start: 2, last: 2 });
    expect(w.violations()).toEqual([]);
    setPc(w, 'i1', 'idle');
    setPc(w, 'x', 'mm_change_ptes');
    Object.assign(w.inv.x!, { start: 1, last: 2 });
    expect(w.violations()).toEqual(['ZappedBeforeUnmap']);
    w.ext.phase = 'release';
    expect(w.violations()).toEqual([]);
  });

  it('NoStaleDeviceEntryWhileDeviceRuns beside NoStaleDeviceEntry, and NoInsertAfterExit', async () => {
    const w = exitWorld();
    await w.step('m', 'mmu_interval_notifier_insert');
    w.driver.spte[1] = 7;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry', 'NoStaleDeviceEntryWhileDeviceRuns']);
    w.ext.devLive = false;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry']);
    w.driver.spte[1] = 0;
    w.ext.insErr = 'EINVAL';
    expect(w.violations()).toEqual(['NoInsertAfterExit']);
  });
});
