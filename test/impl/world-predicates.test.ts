/**
 * The worlds' state predicates besides the invariants: quiescent() (the
 * spec's Quiescent, which tells a finished run from a deadlock), walking()
 * (Walking(t) of some invalidator) and the owner-skip world's own
 * violations() (the shared mainline properties, its strict coverage and the
 * exemption of its migration entries). Each is set by hand, one conjunct
 * at a time.
 */
import { describe, expect, it } from 'vitest';
import { exiterPhaseChoices, type ExitView } from '../../src/impl/exit/choices.ts';
import { HlistWorld } from '../../src/impl/hlist/world.ts';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { stepChoices } from '../../src/impl/mainline/choices.ts';
import { World } from '../../src/impl/mainline/world.ts';
import { DMIRROR_AS_WRITTEN, type OwnerSkipWorldConfig } from '../../src/impl/ownerskip/config.ts';
import { migratorChoices } from '../../src/impl/ownerskip/migrator.ts';
import { OwnerSkipWorld } from '../../src/impl/ownerskip/world.ts';
import { invalidatorChoices } from '../../src/impl/thread-choices.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { SMALL_MODEL } from './small-model.ts';
import { exitWorld, holePunchModel, ONE_FAULT_BOUNDS, setPc } from './world-fixtures.ts';

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

  it('mainline: every faulter counts, not one of them', () => {
    const w = new World({ ...SMALL_MODEL, faulters: ['f1', 'f2'] }).start();
    threadsDone(w, ['i1', 'i2']);
    expect(w.quiescent()).toBe(true);
    setPc(w, 'f2', 'driver_lock');
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

  it('hole punch: every faulter counts', () => {
    const w = new HolePunchWorld(holePunchModel('inside_callback', { faulters: ['f', 'g'] })).start();
    threadsDone(w, ['u', 'i']);
    expect(w.quiescent()).toBe(true);
    setPc(w, 'g', 'hmm_range_fault');
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

describe('the exiter waits for every faulter', () => {
  it('mmput_exit_mmap only while no fault holds the mm (any faulter)', async () => {
    const w = exitWorld({}, ['x', 'i1'], ['f1', 'f2']);
    await w.step('m', 'mmu_interval_notifier_insert');
    expect(w.choices('x').map((c) => c.action)).toEqual(['mmput_exit_mmap']);
    await w.step('f2', 'mmu_interval_read_begin', { sub: 's1', page: 1 });
    expect(w.choices('x')).toEqual([]);
  });
});

describe('stepChoices (mainline)', () => {
  it('none for an unknown thread, a finished one, or one that waits; a label overrides the wait', async () => {
    const w = new World(SMALL_MODEL).start();
    expect(stepChoices(w, 'nobody')).toEqual([]);
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's2' });
    await w.step('i1', 'mn_itree_inv_start_range', { start: 1, last: 1, blockable: true });
    await w.step('m', 'mmu_interval_notifier_remove', { sub: 's2' });
    await w.step('m', 'remove_wait'); // seq still odd: m sleeps on the wait queue
    expect([w.sched.labelOf('m'), w.enabled().includes('m')]).toEqual(['remove_wait', false]);
    expect(stepChoices(w, 'm')).toEqual([]);
    expect(stepChoices(w, 'm', 'remove_wait')).toEqual([{ action: 'remove_wait', args: {} }]);
    while (w.sched.labelOf('i1') !== undefined && w.choices('i1').length > 0) await w.step('i1');
    expect([w.sched.labelOf('i1'), stepChoices(w, 'i1')]).toEqual([undefined, []]);
  });
});

describe('exiterPhaseChoices', () => {
  it('one step per phase of exit_mmap, the two walks only with the spinlock free, none once exited', () => {
    const view = (phase: ExitView['ext']['phase'], spinFree: boolean): ExitView => ({
      exit: { exiter: 'x', driver: 'dmirror', hlistStopsDevice: false, insertGuard: 'mmget' },
      ext: { mm: 'alive', phase, devLive: true, insErr: 'none' },
      npages: 3,
      spinFree,
      faultersIdle: true,
    });
    const whole = { start: 1, last: 3, blockable: true };
    expect(exiterPhaseChoices(view('exiting', true))).toEqual([{ action: 'mn_itree_release', args: whole }]);
    expect(exiterPhaseChoices(view('hlist', true))).toEqual([{ action: 'unmap_vmas', args: whole }]);
    for (const phase of ['exiting', 'hlist'] as const) expect(exiterPhaseChoices(view(phase, false))).toEqual([]);
    expect(exiterPhaseChoices(view('release', false)).map((c) => c.action)).toEqual(['mn_hlist_release']);
    expect(exiterPhaseChoices(view('unmap', false)).map((c) => c.action)).toEqual(['exit_mmap_done']);
    expect(exiterPhaseChoices(view('exited', true))).toEqual([]);
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

describe('HolePunchWorld.findable (the spec Findable)', () => {
  it('an interval in the tree, not being removed, covering the page', () => {
    const w = new HolePunchWorld(holePunchModel('inside_callback')).start();
    expect([1, 2, 3].map((p) => w.findable(p).map((s) => s.id))).toEqual([['s1'], ['s1'], ['s1']]);
    w.sub('s1').last = 2;
    expect(w.findable(3)).toEqual([]);
    w.sub('s1').start = 2;
    expect(w.findable(1)).toEqual([]);
    w.sub('s1').life = 'pending_remove';
    expect(w.findable(2)).toEqual([]);
    w.sub('s1').life = 'in_tree';
    w.notifier.tree.remove('s1');
    expect(w.findable(2)).toEqual([]);
  });
});

/** One subscription s1 = [1, 2] in the tree, the migrator mig, the device fault f1 (and `more` threads). */
function ownerSkip(more: { invalidators?: string[]; migrators?: string[]; faulters?: string[] } = {}, over: Partial<OwnerSkipWorldConfig> = {}): OwnerSkipWorld {
  return new OwnerSkipWorld({
    npages: 2,
    subs: [{ id: 's1', start: 1, last: 2 }],
    ...ONE_FAULT_BOUNDS,
    invalidators: ['mig', ...(more.invalidators ?? [])],
    migrators: ['mig', ...(more.migrators ?? [])],
    faulters: ['f1', ...(more.faulters ?? [])],
    initTree: ['s1'],
    initDevmem: [],
    setting: DMIRROR_AS_WRITTEN,
    ...over,
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

  it('quiescent(): every invalidator, faulter and migration counts', () => {
    const w = ownerSkip({ invalidators: ['i1', 'mig2'], migrators: ['mig2'], faulters: ['f2'] });
    threadsDone(w, ['mig', 'i1', 'mig2']);
    expect(w.quiescent()).toBe(true);
    setPc(w, 'i1', 'idle');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'i1', 'done');
    setPc(w, 'f2', 'driver_commit');
    expect(w.quiescent()).toBe(false);
    setPc(w, 'f2', 'idle');
    w.migrations.mig.mig2!.phase = 'finalize';
    expect(w.quiescent()).toBe(false);
  });

  it('migratorChoices: migrate_vma_setup on one page, blockable, while the spinlock is free and the migrator not done', () => {
    const w = ownerSkip({}, { invRanges: [[1, 1], [1, 2], [2, 2]], blockable: [true, false] });
    expect(migratorChoices(w, 'mig', 'idle', true).map((c) => c.args)).toEqual([
      { start: 1, last: 1, blockable: true },
      { start: 2, last: 2, blockable: true },
    ]);
    expect(migratorChoices(w, 'mig', 'idle', false)).toEqual([]);
    expect(migratorChoices(w, 'mig', 'done', true)).toEqual([]);
  });

  it('migratorChoices: the owner-skip steps only at their own label and setting', () => {
    const none = ownerSkip({}, { setting: { ...DMIRROR_AS_WRITTEN, ownerSkip: 'none' } });
    for (const at of ['invalidate_lock', 'invalidate_zap']) expect(migratorChoices(none, 'mig', at, true)).toEqual(invalidatorChoices(none, 'mig', at));
    const setSeq = ownerSkip({}, { setting: { ...DMIRROR_AS_WRITTEN, ownerSkip: 'set_seq' } });
    expect(migratorChoices(setSeq, 'mig', 'invalidate_lock', true)).toEqual(invalidatorChoices(setSeq, 'mig', 'invalidate_lock'));
    expect(migratorChoices(setSeq, 'mig', 'invalidate_zap', true).map((c) => c.action)).toEqual(['dmirror_skip_do_update']);
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
    w.driver.spte[1] = 0; // uncovered pages without a device entry lose nothing
    expect(w.violations()).toEqual([]);
  });
});

/** SMALL_MODEL with the hlist <<k, n>>: KVM-like k, nouveau's n. */
function hlist(): HlistWorld {
  return new HlistWorld({
    ...SMALL_MODEL,
    hlist: { subs: ['k', 'n'], failing: ['n'], zapping: ['n'], paired: ['k'], pairsEnds: true, fix: 'none' },
  }).start();
}

describe('HlistWorld.violations()', () => {
  it('HlistStartsPaired: an invalidator idle or done with an hlist start not ended', () => {
    const w = hlist();
    expect(w.violations()).toEqual([]);
    w.wrapper.walkOf('i2').started = ['k'];
    expect(w.violations()).toEqual(['HlistStartsPaired']);
    setPc(w, 'i2', 'done');
    expect(w.violations()).toEqual(['HlistStartsPaired']);
    setPc(w, 'i2', 'mn_hlist_invalidate_end');
    expect(w.violations()).toEqual([]);
  });

  it('NoStaleDeviceEntryAnywhere: a device entry other than the page version, covered or not', () => {
    const w = hlist();
    w.driver.spte[1] = 1;
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']);
    w.driver.spte[1] = 2;
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove', 'NoStaleDeviceEntryAnywhere']);
  });
});
