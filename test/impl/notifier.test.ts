import { describe, expect, it } from 'vitest';
import {
  AlreadyInsertedError,
  CallbackContextError,
  ContractError,
  NotInsertedError,
  OptionsError,
  RangeOverflowError,
} from '../../src/impl/errors.ts';
import { EAGAIN, Subscriptions } from '../../src/impl/notifier.ts';
import { type Task } from '../../src/impl/scheduler.ts';
import { type IntervalOps, type Invalidation, NONE, Subscription } from '../../src/impl/subscription.ts';
import { type VariantName } from '../../src/protocol/index.ts';

const task = (id: string): Task => ({ id, pc: 'idle' });
const okOps: IntervalOps = { invalidate: () => true };
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function inv(id: string, start: number, last: number, blockable = true): Invalidation {
  return { task: task(id), start, last, blockable, event: 'clear', curSeq: 0, cursor: NONE };
}

/** A promise's settledness, observed after the event loop has run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await tick();
  return done;
}

/** The observable core state, to assert "unchanged" after an error. */
function state(n: Subscriptions): unknown {
  return { seq: n.seq, active: n.active, tree: n.tree.entries().map((e) => e.id), deferred: n.deferred.map((s) => s.id) };
}

describe('insert: the three cases of §1.3', () => {
  it('idle: inserts now with seq - 1, leaves seq alone', () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 10, 5);
    expect([s.start, s.last, s.seq, s.life]).toEqual([10, 14, 1, 'in_tree']);
    expect(n.tree.has('s1')).toBe(true);
    expect(n.seq).toBe(2);
  });

  it('fully excluded (odd): defers with the epoch seq; the last inv_end applies it', async () => {
    const n = new Subscriptions();
    n.insert(new Subscription('s0', okOps), 0, 100);
    const i = inv('i1', 5, 5);
    expect(await n.invalidateRangeStart(i)).toBe(0);
    expect([n.seq, n.active, i.curSeq]).toEqual([3, 1, 3]);
    const s = new Subscription('s1', okOps);
    n.insert(s, 10, 5);
    expect([s.seq, s.life, n.tree.has('s1'), n.deferred.map((x) => x.id)]).toEqual([3, 'pending_insert', false, ['s1']]);
    await n.invalidateRangeEnd(i);
    expect([n.seq, n.active, s.life, n.tree.has('s1'), n.deferred.length]).toEqual([4, 0, 'in_tree', true, 0]);
  });

  it('partially excluded (even, active): seq |= 1 and inserts now with the new odd seq', async () => {
    const n = new Subscriptions();
    const i = inv('i1', 50, 60);
    expect(await n.invalidateRangeStart(i)).toBe(0);
    expect([n.seq, n.active, i.curSeq, i.cursor]).toEqual([2, 1, 0, NONE]);
    const s = new Subscription('s1', okOps);
    n.insert(s, 55, 1);
    expect([n.seq, s.seq, s.life, n.tree.has('s1')]).toEqual([3, 3, 'in_tree', true]);
    await n.invalidateRangeEnd(i);
    expect([n.seq, n.active]).toEqual([4, 0]);
  });
});

describe('remove: the three cases of §3.7', () => {
  it('even: removes from the tree at once, no wait', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 1, 1);
    const locals = { sub: NONE, waitSeq: -1 };
    await n.remove(task('m'), s, locals);
    expect([s.life, n.tree.has('s1'), locals.waitSeq]).toEqual(['removed', false, 0]);
  });

  it('odd and pending insert: cancels the insert without waiting', async () => {
    const n = new Subscriptions();
    n.insert(new Subscription('s0', okOps), 0, 9);
    const i = inv('i1', 0, 0);
    await n.invalidateRangeStart(i);
    const s = new Subscription('s1', okOps);
    n.insert(s, 3, 1);
    const locals = { sub: NONE, waitSeq: -1 };
    await n.remove(task('m'), s, locals);
    expect([s.life, n.deferred.length, locals.waitSeq]).toEqual(['removed', 0, 0]);
    await n.invalidateRangeEnd(i);
    expect(n.tree.has('s1')).toBe(false);
  });

  it('odd and in the tree: defers and waits until the last inv_end has unlinked it', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 0, 9);
    const i1 = inv('i1', 0, 0);
    const i2 = inv('i2', 0, 0);
    await n.invalidateRangeStart(i1);
    await n.invalidateRangeStart(i2);
    const locals = { sub: NONE, waitSeq: 0 };
    const removing = n.remove(task('m'), s, locals);
    expect([s.life, locals.waitSeq, n.wq.ids()]).toEqual(['pending_remove', 3, ['m']]);
    await n.invalidateRangeEnd(i1);
    expect(await settled(removing)).toBe(false); // not the last end
    await n.invalidateRangeEnd(i2);
    expect(await settled(removing)).toBe(true);
    expect([s.life, n.tree.has('s1'), n.seq]).toEqual(['removed', false, 4]);
  });
});

describe('invalidate_range_start/end', () => {
  it('calls every intersecting callback in tree order with the same odd cur_seq', async () => {
    const calls: Array<[string, number]> = [];
    const ops: IntervalOps = { invalidate: (sub, _r, cur) => (calls.push([sub.id, cur]), true) };
    const n = new Subscriptions();
    n.insert(new Subscription('b', ops, 0, 0, 2), 5, 10);
    n.insert(new Subscription('a', ops, 0, 0, 1), 5, 10);
    n.insert(new Subscription('c', ops), 0, 4);
    n.insert(new Subscription('far', ops), 50, 1);
    await n.invalidateRangeStart(inv('i1', 3, 7));
    expect(calls).toEqual([['c', 3], ['a', 3], ['b', 3]]);
  });

  // interval_tree_insert (include/linux/interval_tree_generic.h) links an equal start to the
  // right, so the kernel walks equal starts in insert order; the default rank (creation
  // order) gives the same order when subscriptions are inserted as they are created.
  it('without an explicit rank, equal starts are walked in insert order', async () => {
    const calls: string[] = [];
    const ops: IntervalOps = { invalidate: (sub) => (calls.push(sub.id), true) };
    const first = new Subscription('first', ops);
    const second = new Subscription('second', ops);
    const n = new Subscriptions();
    n.insert(first, 5, 10);
    n.insert(second, 5, 10);
    await n.invalidateRangeStart(inv('i1', 5, 5));
    expect(calls).toEqual(['first', 'second']);
  });

  it('non-blockable: a callback returning false stops the walk, ends the epoch itself, returns -EAGAIN', async () => {
    const calls: string[] = [];
    const ops: IntervalOps = { invalidate: (sub) => (calls.push(sub.id), sub.id !== 'a') };
    const n = new Subscriptions();
    n.insert(new Subscription('a', ops, 0, 0, 1), 1, 1);
    n.insert(new Subscription('b', ops, 0, 0, 2), 1, 1);
    const i = inv('i1', 1, 1, false);
    expect(await n.invalidateRangeStart(i)).toBe(EAGAIN);
    expect(calls).toEqual(['a']);
    expect([n.active, n.seq, i.cursor]).toEqual([0, 4, NONE]);
  });

  it('counts a range that hits nothing in active without making seq odd', async () => {
    const n = new Subscriptions();
    const i = inv('i1', 1, 1);
    await n.invalidateRangeStart(i);
    expect([n.active, n.seq]).toEqual([1, 2]);
    await n.invalidateRangeEnd(i);
    expect([n.active, n.seq]).toEqual([0, 2]);
  });
});

describe('read side', () => {
  it('read_begin returns at once when idle, and read_retry sees a later set_seq', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', { invalidate: (sub, _r, cur) => (n.setSeq(sub, cur), true) });
    n.insert(s, 0, 9);
    const seq = await n.readBegin(task('f1'), s);
    expect(seq).toBe(1);
    expect(n.readRetry(s, seq)).toBe(false);
    const i = inv('i1', 2, 2);
    await n.invalidateRangeStart(i);
    expect([n.readRetry(s, seq), n.checkRetry(s, seq)]).toEqual([true, true]);
    await n.invalidateRangeEnd(i);
  });

  it('read_begin sleeps while the interval was invalidated in the open epoch, until the last end wakes it', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', { invalidate: (sub, _r, cur) => (n.setSeq(sub, cur), true) });
    n.insert(s, 0, 9);
    const i = inv('i1', 2, 2);
    await n.invalidateRangeStart(i);
    const reading = n.readBegin(task('f1'), s);
    expect(await settled(reading)).toBe(false);
    expect(n.wq.ids()).toEqual(['f1']);
    await n.invalidateRangeEnd(i);
    expect(await reading).toBe(3);
    expect(n.wq.ids()).toEqual([]);
  });

  it('read_begin on a pending insert sleeps until the insert is applied', async () => {
    const n = new Subscriptions();
    n.insert(new Subscription('s0', okOps), 0, 9);
    const i = inv('i1', 0, 0);
    await n.invalidateRangeStart(i);
    const s = new Subscription('s1', okOps);
    n.insert(s, 20, 1);
    const reading = n.readBegin(task('f1'), s);
    expect(await settled(reading)).toBe(false);
    await n.invalidateRangeEnd(i);
    expect(await reading).toBe(3);
    expect(s.life).toBe('in_tree');
  });
});

describe('v5/v6 extensions', () => {
  it('update applies at once while idle and is deferred (last caller wins) while odd', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 0, 10);
    n.update(s, 0, 5);
    expect(n.tree.get('s1')).toMatchObject({ start: 0, last: 4 });
    const i = inv('i1', 0, 0);
    await n.invalidateRangeStart(i);
    n.update(s, 0, 2);
    n.update(s, 1, 3);
    expect([s.start, s.last, n.deferred.map((x) => x.id)]).toEqual([0, 4, ['s1']]);
    await n.invalidateRangeEnd(i);
    expect([s.start, s.last, s.life, n.tree.get('s1')?.last]).toEqual([1, 3, 'in_tree', 3]);
  });

  it('insertSafe and update from inside a callback become visible together at the last end', async () => {
    const n = new Subscriptions();
    const right = new Subscription('right', okOps);
    const ops: IntervalOps = {
      invalidate: (sub) => {
        n.update(sub, 0, 5);
        n.insertSafe(right, 7, 3);
        return true;
      },
    };
    const left = new Subscription('left', ops);
    n.insert(left, 0, 10);
    const i = inv('i1', 5, 6);
    await n.invalidateRangeStart(i);
    expect(n.tree.entries().map((e) => [e.id, e.start, e.last])).toEqual([['left', 0, 9]]);
    await n.invalidateRangeEnd(i);
    expect(n.tree.entries().map((e) => [e.id, e.start, e.last])).toEqual([['left', 0, 4], ['right', 7, 9]]);
    expect(right.seq).toBe(3);
  });

  it('removeDeferred calls release after the last end, or at once when idle', async () => {
    const released: string[] = [];
    const ops: IntervalOps = { invalidate: () => true, release: (s) => released.push(s.id) };
    const n = new Subscriptions();
    const a = new Subscription('a', ops);
    const b = new Subscription('b', ops);
    n.insert(a, 0, 1);
    n.insert(b, 5, 1);
    n.removeDeferred(b);
    expect([released, b.life, n.tree.has('b')]).toEqual([['b'], 'removed', false]);
    const i = inv('i1', 0, 0);
    await n.invalidateRangeStart(i);
    n.removeDeferred(a);
    expect([released, a.life]).toEqual([['b'], 'pending_remove']);
    await n.invalidateRangeEnd(i);
    expect([released, a.life, n.tree.size]).toEqual([['b', 'a'], 'removed', 0]);
  });

  it('removeDeferred of an insert still pending in the open epoch cancels it and releases at once', async () => {
    const released: string[] = [];
    const ops: IntervalOps = { invalidate: () => true, release: (s) => released.push(s.id) };
    const n = new Subscriptions();
    n.insert(new Subscription('a', ops), 0, 1);
    const i = inv('i1', 0, 0);
    await n.invalidateRangeStart(i);
    const late = new Subscription('late', ops);
    n.insert(late, 5, 1); // odd: deferred
    n.removeDeferred(late, task('t'));
    expect([released, late.life, n.deferred.map((s) => s.id)]).toEqual([['late'], 'removed', []]);
    await n.invalidateRangeEnd(i);
    expect([released, n.tree.entries().map((e) => e.id)]).toEqual([['late'], ['a']]);
  });

  it('a removed subscription can be inserted again (the kernel re-initialises it in insert)', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s', okOps);
    n.insert(s, 0, 4);
    await n.remove(task('t'), s);
    n.insert(s, 8, 2);
    expect([s.life, n.tree.entries().map((e) => [e.id, e.start, e.last])]).toEqual(['in_tree', [['s', 8, 9]]]);
  });

  it('the API calls that name a task need no observer', () => {
    const released: string[] = [];
    const ops: IntervalOps = { invalidate: () => true, release: (s) => released.push(s.id) };
    const n = new Subscriptions();
    const s = new Subscription('s', ops);
    const t = task('t');
    n.insertSafe(s, 0, 4, t);
    n.update(s, 2, 4, t);
    n.removeDeferred(s, t);
    expect([released, s.life]).toEqual([['s'], 'removed']);
    // With an observer, each of them is recorded as the task's step.
    const seen: string[] = [];
    const o = new Subscriptions({ observer: (who, action) => seen.push(`${who.id} ${action}`) });
    const s2 = new Subscription('s2', ops);
    o.insertSafe(s2, 0, 4, t);
    o.update(s2, 2, 4, t);
    o.removeDeferred(s2, t);
    expect(seen).toEqual(['t mmu_interval_notifier_insert_safe', 't mmu_interval_notifier_update', 't mmu_interval_notifier_remove_deferred']);
  });

  it('removeDeferred without ops.release is a ContractError', () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 0, 1);
    expect(() => n.removeDeferred(s)).toThrow(ContractError);
    expect(s.life).toBe('in_tree');
  });
});

describe('misuse errors leave the state unchanged', () => {
  it('length 0 and overflowing ranges give RangeOverflowError (-EOVERFLOW)', () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    const before = state(n);
    expect(() => n.insert(s, 5, 0)).toThrow(RangeOverflowError);
    expect(() => n.insert(s, Number.MAX_SAFE_INTEGER, 2)).toThrow(/EOVERFLOW/);
    expect(() => n.insert(s, 1.5, 2)).toThrow(RangeOverflowError);
    expect(state(n)).toEqual(before);
    expect(s.life).toBe('unused');
  });

  it('insert of a subscription already inserted gives AlreadyInsertedError', () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 0, 1);
    const before = state(n);
    expect(() => n.insert(s, 5, 1)).toThrow(AlreadyInsertedError);
    expect([state(n), s.start]).toEqual([before, 0]);
  });

  it('remove of a subscription never inserted, or already removed, gives NotInsertedError', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    await expect(n.remove(task('m'), s)).rejects.toThrow(NotInsertedError);
    n.insert(s, 0, 1);
    await n.remove(task('m'), s);
    const before = state(n);
    await expect(n.remove(task('m'), s)).rejects.toThrow(/insert it first/);
    expect(state(n)).toEqual(before);
  });

  it('insert of a freed subscription (life "freed", as the worlds mark it after remove returns) gives ContractError', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s1', okOps);
    n.insert(s, 0, 1);
    await n.remove(task('m'), s);
    s.life = 'freed';
    const before = state(n);
    expect(() => n.insert(s, 0, 1)).toThrow(ContractError);
    expect(state(n)).toEqual(before);
  });

  it('removeDeferred of a subscription already removed gives NotInsertedError and calls no release', () => {
    const released: string[] = [];
    const n = new Subscriptions();
    const s = new Subscription('s1', { invalidate: () => true, release: (x) => released.push(x.id) });
    n.insert(s, 0, 1);
    n.removeDeferred(s);
    const before = state(n);
    expect(() => n.removeDeferred(s)).toThrow(NotInsertedError);
    expect([state(n), released]).toEqual([before, ['s1']]);
  });

  it('remove or read_begin from inside a callback gives CallbackContextError (kernel: self-deadlock)', async () => {
    const n = new Subscriptions();
    let seen: unknown[] = [];
    const ops: IntervalOps = {
      invalidate: async (sub, range) => {
        const snapshot = state(n);
        const errors = await Promise.allSettled([n.remove(range.task, sub), n.readBegin(range.task, sub)]);
        seen = errors.map((e): unknown => (e.status === 'rejected' ? (e.reason as unknown) : null));
        expect(state(n)).toEqual(snapshot);
        return true;
      },
    };
    const s = new Subscription('s1', ops);
    n.insert(s, 0, 1);
    await n.invalidateRangeStart(inv('i1', 0, 0));
    expect(seen).toHaveLength(2);
    for (const e of seen) expect(e).toBeInstanceOf(CallbackContextError);
    expect(s.life).toBe('in_tree');
  });

  it('bad options give OptionsError naming what is allowed', () => {
    expect(() => new Subscriptions({ variant: 'M99' as VariantName })).toThrow(/unknown variant "M99": use one of mainline/);
    expect(() => new Subscriptions({ initialSeq: 3 })).toThrow(OptionsError);
    expect(() => new Subscriptions({ scheduler: {} as never })).toThrow(/point/);
  });
});
