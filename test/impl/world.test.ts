/**
 * The world against the spec's step semantics: the initial state is the
 * spec's Init, every step changes exactly what the spec's action changes,
 * snapshots match the zod contract, and impossible steps are refused.
 */
import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/impl/errors.ts';
import { World } from '../../src/impl/mainline/world.ts';
import { ProtocolState } from '../../src/protocol/index.ts';
import { SMALL_MODEL } from './small-model.ts';

const idleInv = (done = 0): unknown => ({ start: 0, last: 0, blockable: true, curSeq: 0, cursor: 'none', done });
const idleFlt = (done = 0): unknown => ({ sub: 'none', page: 0, s: 0, snap: 0, tries: 0, done });

describe('World', () => {
  it('starts in the spec Init state, in the shape of the zod contract', () => {
    const w = new World(SMALL_MODEL).start();
    const s = w.snapshot();
    expect(ProtocolState.parse(s)).toEqual(s);
    expect(s).toEqual({
      seq: 2,
      active: 0,
      tree: [],
      deferred: [],
      waitq: [],
      subs: { s1: { start: 1, last: 1, seq: 0, life: 'unused' }, s2: { start: 1, last: 2, seq: 0, life: 'unused' } },
      pte: [1, 1],
      spte: [0, 0],
      ulock: 'none',
      pc: { i1: 'idle', i2: 'idle', f1: 'idle', m: 'idle' },
      inv: { i1: idleInv(), i2: idleInv() },
      flt: { f1: idleFlt() },
      mgr: { sub: 'none', waitSeq: 0 },
      lastAction: { name: 'Init', thread: 'none', args: {} },
    });
  });

  it('follows a collision: the fault read before the invalidation retries and then commits the new version', async () => {
    const w = new World(SMALL_MODEL).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's2' });
    expect(w.snapshot()).toMatchObject({ tree: ['s2'], subs: { s2: { seq: 1, life: 'in_tree' } } });
    await w.step('f1', 'mmu_interval_read_begin', { sub: 's2', page: 2 });
    await w.step('f1', 'hmm_range_fault', { page: 2 });
    expect(w.snapshot().flt.f1).toEqual({ sub: 's2', page: 2, s: 1, snap: 1, tries: 1, done: 0 });
    await w.step('i1', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    let s = w.snapshot();
    expect([s.seq, s.active, s.pc.i1, s.inv.i1]).toEqual([3, 1, 'invalidate_lock', { start: 2, last: 2, blockable: true, curSeq: 3, cursor: 's2', done: 0 }]);
    await w.step('f1', 'driver_lock');
    // The callback needs the lock the fault holds: the blockable walker is not enabled.
    expect(w.enabled()).not.toContain('i1');
    await w.step('f1', 'mmu_interval_read_retry');
    expect(w.snapshot().pc.f1).toBe('driver_commit');
    await w.step('f1', 'driver_commit', { page: 2, version: 1 });
    expect(w.snapshot().spte).toEqual([0, 1]);
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']) await w.step('i1', a);
    s = w.snapshot();
    expect([s.spte, s.subs.s2?.seq, s.ulock, s.pc.i1, s.inv.i1?.cursor]).toEqual([[0, 0], 3, 'none', 'mm_change_ptes', 'none']);
    await w.step('i1', 'mm_change_ptes', { start: 2, last: 2 });
    await w.step('i1', 'mn_itree_inv_end');
    s = w.snapshot();
    expect([s.seq, s.active, s.pte, s.pc.i1]).toEqual([4, 0, [1, 2], 'wake_up_all']);
    await w.step('i1', 'wake_up_all');
    s = w.snapshot();
    expect([s.pc.i1, s.inv.i1, s.lastAction]).toEqual(['done', idleInv(1), { name: 'wake_up_all', thread: 'i1', args: {} }]);
    expect(w.violations()).toEqual([]);
    expect(ProtocolState.parse(s)).toEqual(s);
  });

  it('reports NoCoverageLossOutsideRemove for an entry outside every interval, except the removed interval\'s until the driver drops them', async () => {
    const w = new World(SMALL_MODEL).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's1' });
    for (const [a, args] of [['mmu_interval_read_begin', { sub: 's1', page: 1 }], ['hmm_range_fault', { page: 1 }], ['driver_lock', {}], ['mmu_interval_read_retry', {}], ['driver_commit', { page: 1, version: 1 }]] as const) {
      await w.step('f1', a, args);
    }
    await w.step('m', 'mmu_interval_notifier_remove', { sub: 's1' });
    // Out of the tree, entry still there: the window dmirror_fops_release leaves (remove, then xa_destroy).
    expect([w.snapshot().tree, w.snapshot().spte, w.violations()]).toEqual([[], [1, 0], []]);
    await w.step('m', 'remove_return_free', { sub: 's1' });
    expect([w.snapshot().spte, w.violations()]).toEqual([[0, 0], []]);
    w.driver.spte[1] = 1; // page 2: no interval covers it, no remove under way
    expect(w.violations()).toEqual(['NoCoverageLossOutsideRemove']);
  });

  it('puts a sleeper on waitq and lets wake_up_all release it (read_begin_wait)', async () => {
    const w = new World(SMALL_MODEL).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's1' });
    await w.step('i1', 'mn_itree_inv_start_range', { start: 1, last: 1, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq', 'invalidate_zap', 'invalidate_unlock']) await w.step('i1', a);
    await w.step('f1', 'mmu_interval_read_begin', { sub: 's1', page: 1 });
    expect(w.snapshot().pc.f1).toBe('read_begin_wait');
    await w.step('f1', 'read_begin_wait');
    expect(w.snapshot().waitq).toEqual(['f1']);
    expect(w.enabled()).not.toContain('f1');
    await w.step('i1', 'mm_change_ptes');
    await w.step('i1', 'mn_itree_inv_end');
    expect(w.enabled()).not.toContain('f1'); // asleep until woken, although seq changed
    await w.step('i1', 'wake_up_all');
    expect(w.snapshot().waitq).toEqual([]);
    await w.step('f1', 'read_begin_wait');
    expect(w.snapshot().pc.f1).toBe('hmm_range_fault');
  });

  it('takes invalidate_trylock_fail for a non-blockable walker when the lock is held, then the -EAGAIN end', async () => {
    const w = new World(SMALL_MODEL).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's1' });
    await w.step('f1', 'mmu_interval_read_begin', { sub: 's1', page: 1 });
    await w.step('f1', 'hmm_range_fault');
    await w.step('f1', 'driver_lock');
    await w.step('i2', 'mn_itree_inv_start_range', { start: 1, last: 1, blockable: false });
    expect(w.choices('i2')).toEqual([{ action: 'invalidate_trylock_fail', args: { sub: 's1' } }]);
    await w.step('i2', 'invalidate_trylock_fail');
    expect([w.snapshot().pc.i2, w.snapshot().inv.i2?.cursor]).toEqual(['mn_itree_inv_end', 'none']);
    await w.step('i2', 'mn_itree_inv_end');
    await w.step('i2', 'wake_up_all');
    const s = w.snapshot();
    expect([s.seq, s.active, s.pte, s.pc.i2]).toEqual([4, 0, [1, 1], 'done']);
  });

  it('refuses a step the thread cannot take (a divergence), naming what is possible', async () => {
    const w = new World(SMALL_MODEL).start();
    await expect(w.step('f1', 'mmu_interval_read_begin', { sub: 's1', page: 1 })).rejects.toThrow(ScheduleError);
    await expect(w.step('i1', 'mm_change_ptes')).rejects.toThrow(/possible: \[\{"action":"mn_itree_inv_start_range"/);
    expect(w.snapshot().lastAction.name).toBe('Init');
  });

  it('says which thread, where and what it was asked to take; extra arguments match no choice', async () => {
    const w = new World(SMALL_MODEL).start();
    await expect(w.step('f1', 'mmu_interval_read_begin', { sub: 's1', page: 1 })).rejects.toThrow(
      'thread f1 at idle cannot take mmu_interval_read_begin {"sub":"s1","page":1}; possible: ',
    );
    const [insert] = w.choices('m').filter((c) => c.action === 'mmu_interval_notifier_insert');
    expect(insert).toBeDefined();
    await expect(w.step('m', insert!.action, { ...insert!.args, extra: 1 })).rejects.toThrow(ScheduleError);
    expect(() => w.sub('nope')).toThrow(new ScheduleError('unknown subscription nope'));
  });

  it('asks the chooser only when several choices fit the step', async () => {
    let asked = 0;
    const w = new World({ ...SMALL_MODEL, choose: () => (asked++, 0) }).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's2' });
    expect(asked).toBe(0);
    await w.step('m');
    expect(asked).toBe(1);
  });

  it('rejects bad world options with a clear message', () => {
    expect(() => new World({ ...SMALL_MODEL, npages: 0 })).toThrow(/npages must be a positive integer/);
    expect(() => new World({ ...SMALL_MODEL, subs: [{ id: 's1', start: 2, last: 3 }] })).toThrow(/within pages 1..2/);
    expect(() => new World({ ...SMALL_MODEL, faulters: ['i1'] })).toThrow(/distinct/);
  });

  it('tells step observers every step taken, as lastAction records it, until they unregister', async () => {
    const w = new World(SMALL_MODEL).start();
    const seen: string[] = [];
    const stop = w.onStep((task, action, args) => seen.push(`${task.id} ${action} ${JSON.stringify(args)}`));
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's1' });
    await w.step('f1', 'mmu_interval_read_begin', { sub: 's1', page: 1 });
    expect(seen).toEqual(['m mmu_interval_notifier_insert {"sub":"s1"}', 'f1 mmu_interval_read_begin {"sub":"s1","page":1}']);
    stop();
    await w.step('f1', 'hmm_range_fault');
    expect(seen).toHaveLength(2);
    expect(w.lastAction.name).toBe('hmm_range_fault');
  });

  it("offers the lockless check_retry exit by asking the notifier's checkRetry (a broken one changes the choices)", async () => {
    const w = new World(SMALL_MODEL).start();
    await w.step('m', 'mmu_interval_notifier_insert', { sub: 's2' });
    await w.step('f1', 'mmu_interval_read_begin', { sub: 's2', page: 2 });
    await w.step('i1', 'mn_itree_inv_start_range', { start: 2, last: 2, blockable: true });
    for (const a of ['invalidate_lock', 'mmu_interval_set_seq']) await w.step('i1', a);
    expect(w.choices('f1').map((c) => c.action)).toEqual(['hmm_range_fault', 'mmu_interval_check_retry']);
    w.notifier.checkRetry = () => false;
    expect(w.choices('f1').map((c) => c.action)).toEqual(['hmm_range_fault']);
  });
});
