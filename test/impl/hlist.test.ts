/**
 * The hlist notifiers of src/impl/hlist on the implementation's core: the
 * counterexample of spec/README.md "Walk-through: the OOM reaper against
 * nouveau" (MCHlistOomEpochCloses) reproduced step for step with the
 * free-running scheduler, the fix, and v5.10's unpaired start
 * (MCHlistV510HlistStartsPaired). The scripted schedule is the TLC trace's.
 */
import { describe, expect, it } from 'vitest';
import { nouveauHlistSubscriber, pairedHlistSubscriber } from '../../src/impl/hlist/hlist-subscriber.ts';
import { RangeWrapper, type RangeWrapperOptions } from '../../src/impl/hlist/range-wrapper.ts';
import { SimulatedMm } from '../../src/impl/mm.ts';
import { MirrorDriver } from '../../src/impl/mirror-driver.ts';
import { EAGAIN, Subscriptions } from '../../src/impl/notifier.ts';
import { type Task } from '../../src/impl/scheduler.ts';
import { type Invalidation, NONE } from '../../src/impl/subscription.ts';

const task = (id: string): Task => ({ id, pc: 'idle' });
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function inv(id: string, start: number, last: number, blockable: boolean): Invalidation {
  return { task: task(id), start, last, blockable, event: 'clear', curSeq: 0, cursor: NONE };
}

/** One mm with interval s1 = [1, 2] in the tree and the hlist <<kvm, nouveau>>; `actions` records every step. */
function system(options: Partial<RangeWrapperOptions> = {}) {
  const actions: string[] = [];
  const notifier = new Subscriptions({ observer: (t, a) => actions.push(`${t.id}:${a}`) });
  const mm = new SimulatedMm(2);
  const driver = new MirrorDriver({ notifier, mm, record: (t, a) => actions.push(`${t.id}:${a}`), maxTries: 2 });
  const s1 = driver.newSubscription('s1', 1, 2, 1);
  notifier.insert(s1, 1, 2);
  const kvm = pairedHlistSubscriber();
  const nouveau = nouveauHlistSubscriber(driver);
  const wrapper = new RangeWrapper(notifier, { hlist: [kvm, nouveau], observer: (t, a) => actions.push(`${t.id}:${a}`), ...options });
  return { notifier, driver, mm, s1, kvm, wrapper, actions };
}

describe('RangeWrapper: the tree first, then the hlist', () => {
  it('a blockable invalidation zaps in the hlist start and ends both: tree closed, KVM-like start paired', async () => {
    const { notifier, driver, mm, wrapper, kvm, actions } = system();
    driver.spte[0] = 1;
    const i = inv('i1', 1, 1, true);
    expect(await wrapper.invalidateRangeStart(i)).toBe(0);
    expect(driver.spte[0]).toBe(0);
    mm.changePtes(1, 1);
    await wrapper.invalidateRangeEnd(i);
    expect([notifier.active, notifier.seq % 2, kvm.inProgress]).toEqual([0, 0, 0]);
    expect(actions.indexOf('i1:mn_itree_inv_start_range')).toBeLessThan(actions.indexOf('i1:mn_hlist_invalidate_range_start'));
    expect(actions.indexOf('i1:mn_itree_inv_end')).toBeLessThan(actions.indexOf('i1:mn_hlist_invalidate_end'));
  });
});

describe('the OOM reaper against nouveau (MCHlistOomEpochCloses) on the implementation', () => {
  it('EAGAIN from the hlist after the tree walk leaves active raised and seq odd; no mn_itree_inv_end runs', async () => {
    const { notifier, wrapper, kvm, actions } = system();
    expect(await wrapper.invalidateRangeStart(inv('i1', 1, 1, false))).toBe(EAGAIN);
    expect(notifier.active).toBe(1);
    expect(notifier.seq % 2).toBe(1);
    expect(kvm.inProgress).toBe(0);
    expect(actions).toContain('i1:mn_hlist_unwind_end');
    expect(actions).not.toContain('i1:mn_itree_inv_end');
  });

  it('afterwards a blockable invalidation cannot close the epoch, and read_begin and remove never return', async () => {
    const { notifier, wrapper, s1 } = system();
    await wrapper.invalidateRangeStart(inv('i1', 1, 1, false));
    const later = inv('i2', 2, 2, true);
    expect(await wrapper.invalidateRangeStart(later)).toBe(0);
    await wrapper.invalidateRangeEnd(later);
    expect([notifier.active, notifier.seq % 2]).toEqual([1, 1]);
    let returned = 0;
    void notifier.readBegin(task('f1'), s1).then(() => (returned += 1));
    void notifier.remove(task('m'), s1).then(() => (returned += 1));
    await tick();
    await tick();
    expect(returned).toBe(0);
  });

  it('with the fix itree_inv_end_on_hlist_eagain the failed start ends the tree walk: the epoch closes', async () => {
    const { notifier, wrapper, s1, actions } = system({ fix: 'itree_inv_end_on_hlist_eagain' });
    expect(await wrapper.invalidateRangeStart(inv('i1', 1, 1, false))).toBe(EAGAIN);
    expect([notifier.active, notifier.seq % 2]).toEqual([0, 0]);
    expect(actions.slice(actions.indexOf('i1:mn_hlist_unwind_end'))).toContain('i1:mn_itree_inv_end');
    expect(await notifier.readBegin(task('f1'), s1)).toBe(s1.seq);
  });

  it("v5.10's failure path (pairsEnds false) leaves the KVM-like start unpaired (MCHlistV510HlistStartsPaired)", async () => {
    const { wrapper, kvm } = system({ pairsEnds: false });
    expect(await wrapper.invalidateRangeStart(inv('i1', 1, 1, false))).toBe(EAGAIN);
    expect(kvm.inProgress).toBe(1);
  });
});

describe('RangeWrapper and the hlist subscribers, details', () => {
  it('remembers the started subscribers as a sorted set, and ends each', async () => {
    const notifier = new Subscriptions();
    const [b, a] = [pairedHlistSubscriber('b'), pairedHlistSubscriber('a')];
    const actions: string[] = [];
    const wrapper = new RangeWrapper(notifier, { hlist: [b, a], observer: (t, x) => actions.push(`${t.id}:${x}`) });
    const i = inv('i1', 1, 1, true);
    expect(await wrapper.invalidateRangeStart(i)).toBe(0);
    expect(wrapper.walkOf('i1')).toEqual({ next: 3, failed: false, started: ['a', 'b'] });
    await wrapper.invalidateRangeEnd(i);
    expect([a.inProgress, b.inProgress, wrapper.walkOf('i1').started]).toEqual([0, 0, []]);
    expect(actions.filter((x) => x.includes('hlist'))).toEqual([
      'i1:mn_hlist_invalidate_range_start',
      'i1:mn_hlist_invalidate_range_start',
      'i1:mn_hlist_invalidate_end',
    ]);
  });

  it('runs without an observer, the failure path included', async () => {
    const { driver, notifier } = system();
    const wrapper = new RangeWrapper(notifier, { hlist: [pairedHlistSubscriber(), nouveauHlistSubscriber(driver)] });
    expect(await wrapper.invalidateRangeStart(inv('i1', 1, 1, false))).toBe(EAGAIN);
    const i = inv('i2', 2, 2, true);
    expect(await wrapper.invalidateRangeStart(i)).toBe(0);
    await wrapper.invalidateRangeEnd(i);
    expect(wrapper.walkOf('i2').started).toEqual([]);
  });

  it('with the fix, a start that succeeds leaves the tree epoch open until the end', async () => {
    const { notifier, wrapper } = system({ fix: 'itree_inv_end_on_hlist_eagain' });
    const i = inv('i1', 1, 1, true);
    expect(await wrapper.invalidateRangeStart(i)).toBe(0);
    expect(notifier.active).toBe(1);
    await wrapper.invalidateRangeEnd(i);
    expect(notifier.active).toBe(0);
  });

  it('names the subscribers kvm and nouveau by default; nouveau refuses a start while the driver lock is held', () => {
    const { driver } = system();
    const nouveau = nouveauHlistSubscriber(driver);
    expect([pairedHlistSubscriber().id, nouveau.id]).toEqual(['kvm', 'nouveau']);
    expect(driver.lock.tryLock(task('f1'))).toBe(true);
    expect(() => nouveau.invalidateRangeStart(inv('i1', 1, 1, true))).toThrow('nouveau: the start step ran while f1 holds the driver lock');
  });
});
