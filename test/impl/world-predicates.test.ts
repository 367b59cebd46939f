/**
 * The worlds' state predicates besides the invariants: quiescent() (the
 * spec's Quiescent, which tells a finished run from a deadlock), walking()
 * (Walking(t) of some invalidator) and the owner-skip world's own
 * violations() (the shared mainline properties, its strict coverage and the
 * exemption of its migration entries). Each is set by hand, one conjunct
 * at a time.
 */
import { describe, expect, it } from 'vitest';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { World } from '../../src/impl/mainline/world.ts';
import { DMIRROR_AS_WRITTEN } from '../../src/impl/ownerskip/config.ts';
import { OwnerSkipWorld } from '../../src/impl/ownerskip/world.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { SMALL_MODEL } from './small-model.ts';
import { exitWorld, holePunchModel, ONE_FAULT_BOUNDS } from './world-fixtures.ts';

const setPc = (w: SpecWorld, id: string, pc: string): void => {
  (w.tasks.get(id) as { pc: string }).pc = pc;
};
/** Every invalidator done, every faulter idle: the bounded work of the threads is over. */
const threadsDone = (w: SpecWorld, invalidators: readonly string[]): void => {
  for (const id of invalidators) setPc(w, id, 'done');
};

describe('quiescent()', () => {
  it('mainline: invalidators done, faulters idle or done, no remove under way, no interval inserted', () => {
    const w = new World(SMALL_MODEL).start();
    expect(w.quiescent()).toBe(false);
    setPc(w, 'i1', 'done');
    expect(w.quiescent()).toBe(false); // i2 still idle
    threadsDone(w, ['i1', 'i2']);
    expect(w.quiescent()).toBe(true);
    setPc(w, 'f1', 'done');
    expect(w.quiescent()).toBe(true);
    setPc(w, 'f1', 'hmm_range_fault');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'f1', 'idle');
    for (const pc of ['remove_wait', 'remove_return_free']) {
      setPc(w, 'm', pc);
      expect(w.quiescent()).toBe(false);
    }
    setPc(w, 'm', 'idle');
    for (const life of ['removed', 'freed'] as const) {
      w.sub('s2').life = life;
      expect(w.quiescent()).toBe(true);
    }
    w.sub('s2').life = 'in_tree';
    expect(w.quiescent()).toBe(false);
  });

  it('hole punch: also the worker idle and its queue empty', () => {
    const w = new HolePunchWorld(holePunchModel('outside_remove_then_insert')).start();
    expect(w.quiescent()).toBe(false);
    setPc(w, 'u', 'done');
    expect(w.quiescent()).toBe(false);
    threadsDone(w, ['u', 'i']);
    expect(w.quiescent()).toBe(true); // s1 stays in the tree: the hole-punch models end with intervals inserted
    setPc(w, 'f', 'done');
    expect(w.quiescent()).toBe(true);
    setPc(w, 'f', 'driver_lock');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'f', 'idle');
    setPc(w, 'w', 'mmu_interval_notifier_remove');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'w', 'idle');
    w.work.push({ sub: 's1', start: 2, last: 2 });
    expect(w.quiescent()).toBe(false);
  });

  it('exit: also exit_mmap finished', () => {
    const w = exitWorld();
    threadsDone(w, ['x', 'i1']);
    expect(w.quiescent()).toBe(false);
    w.ext.phase = 'exited';
    expect(w.quiescent()).toBe(true);
    setPc(w, 'i1', 'idle');
    expect(w.quiescent()).toBe(false);
  });
});

describe('walking()', () => {
  it('mainline: an invalidator at a label of Walking(t)', () => {
    const w = new World(SMALL_MODEL).start();
    expect(w.walking()).toBe(false);
    setPc(w, 'i2', 'mm_change_ptes');
    expect(w.walking()).toBe(false);
    for (const pc of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']) {
      setPc(w, 'i2', pc);
      expect(w.walking()).toBe(true);
    }
  });

  it('hole punch: the unmap handler inside the callback walks too', () => {
    const w = new HolePunchWorld(holePunchModel('inside_callback')).start();
    expect(w.walking()).toBe(false);
    for (const pc of ['invalidate_zap', 'dmirror_do_unmap', 'mmu_interval_notifier_remove_deferred']) {
      setPc(w, 'u', pc);
      expect(w.walking()).toBe(true);
    }
  });
});

/** One subscription s1 = [1, 2] in the tree, the migrator mig, the device fault f1. */
function ownerSkip(): OwnerSkipWorld {
  return new OwnerSkipWorld({
    npages: 2,
    subs: [{ id: 's1', start: 1, last: 2 }],
    invalidators: ['mig'],
    migrators: ['mig'],
    ...ONE_FAULT_BOUNDS,
    initTree: ['s1'],
    initDevmem: [],
    setting: DMIRROR_AS_WRITTEN,
  }).start();
}

describe('OwnerSkipWorld', () => {
  it('quiescent(): the migrator done, the faulter idle or done, no migration in flight', () => {
    const w = ownerSkip();
    expect(w.quiescent()).toBe(false);
    setPc(w, 'mig', 'done');
    expect(w.quiescent()).toBe(true); // s1 stays in the tree: spec/OwnerSkip.tla has no remove
    setPc(w, 'f1', 'done');
    expect(w.quiescent()).toBe(true);
    setPc(w, 'f1', 'hmm_range_fault');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'f1', 'idle');
    w.migrations.mig.mig!.phase = 'copy';
    expect(w.quiescent()).toBe(false);
  });

  it('violations(): the mainline properties spec/OwnerSkip.tla shares pass through, the others do not', () => {
    const w = ownerSkip();
    expect(w.violations()).toEqual([]);
    w.notifier.seq = 0;
    expect(w.violations()).toEqual(['TypeOK']);
    w.notifier.seq = 3;
    expect(w.violations()).toEqual(['OddSeqImpliesActive']);
    w.notifier.seq = 2;
    w.sub('s1').seq = 2;
    expect(w.violations()).toEqual(['InsertedSeqsOdd']);
    w.sub('s1').seq = 1;
    setPc(w, 'mig', 'invalidate_lock');
    expect(w.violations()).toEqual(['WalkersOnlyWhileOdd', 'WalkersShareEpochSeq']);
    setPc(w, 'mig', 'idle');
    setPc(w, 'f1', 'driver_commit');
    expect(w.violations()).toEqual(['DriverLockHeldInCriticalSections']);
    setPc(w, 'f1', 'idle');
    w.sub('s1').life = 'removed'; // LifecycleMatchesTreeAndList of the mainline: not a property of spec/OwnerSkip.tla
    expect(w.violations()).toEqual([]);
  });

  it('violations(): NoCoverageLoss strictly, NoStaleDeviceEntry except at a migration entry', () => {
    const w = ownerSkip();
    w.driver.spte[1] = 1;
    expect(w.violations()).toEqual([]);
    w.driver.spte[1] = 3;
    expect(w.violations()).toEqual(['NoStaleDeviceEntry']);
    w.migrations.migent.add(2);
    expect(w.violations()).toEqual([]);
    w.notifier.tree.remove('s1');
    expect(w.violations()).toEqual(['NoCoverageLoss']);
  });
});
