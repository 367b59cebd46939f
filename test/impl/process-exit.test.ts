/**
 * Process exit on the implementation (src/impl/exit/release.ts): the
 * release walk of mn_itree_release and the -EINVAL of an insert after exit
 * (spec/ProcessExit.tla, docs/kernel-protocol.md §9.2).
 */
import { describe, expect, it } from 'vitest';
import { MmExitedError, NotifierError } from '../../src/impl/errors.ts';
import { mmuNotifierRelease } from '../../src/impl/exit/release.ts';
import { Subscriptions } from '../../src/impl/notifier.ts';
import { type Task } from '../../src/impl/scheduler.ts';
import { type IntervalOps, type Invalidation, NONE, Subscription } from '../../src/impl/subscription.ts';

const task = (id: string): Task => ({ id, pc: 'idle' });

/** Ops that record every callback's event and seq, and set_seq like dmirror. */
function recordingOps(notifier: () => Subscriptions, seen: string[]): IntervalOps {
  return {
    invalidate: (sub, range, curSeq) => {
      seen.push(`${sub.id}:${range.event}:${curSeq}`);
      notifier().setSeq(sub, curSeq);
      return true;
    },
  };
}

describe('mmuNotifierRelease (mn_itree_release)', () => {
  it('walks every interval once as a blockable RELEASE invalidation, closes the epoch and removes nothing', async () => {
    const seen: string[] = [];
    const n = new Subscriptions();
    const ops = recordingOps(() => n, seen);
    const a = new Subscription('a', ops);
    const b = new Subscription('b', ops);
    n.insert(a, 1, 2);
    n.insert(b, 100, 50);
    await mmuNotifierRelease(n, task('x'));
    expect(seen).toEqual(['a:release:3', 'b:release:3']);
    expect([n.seq, n.active, n.tree.entries().map((e) => e.id), a.seq, b.seq]).toEqual([4, 0, ['a', 'b'], 3, 3]);
  });

  it('leaves the tree to the unmap invalidation that follows (event unmap still reaches the intervals)', async () => {
    const seen: string[] = [];
    const n = new Subscriptions();
    n.insert(new Subscription('a', recordingOps(() => n, seen)), 1, 2);
    await mmuNotifierRelease(n, task('x'));
    const unmap: Invalidation = { task: task('x'), start: 0, last: 10, blockable: true, event: 'unmap', curSeq: 0, cursor: NONE };
    expect(await n.invalidateRangeStart(unmap)).toBe(0);
    await n.invalidateRangeEnd(unmap);
    expect(seen).toEqual(['a:release:3', 'a:unmap:5']);
  });

  it('a callback that skips RELEASE (amdkfd) leaves the interval seq alone, and the epoch still closes', async () => {
    const n = new Subscriptions();
    const s = new Subscription('s', { invalidate: (_sub, range) => range.event === 'release' });
    n.insert(s, 1, 2);
    await mmuNotifierRelease(n, task('x'));
    expect([n.seq, n.active, s.seq]).toEqual([4, 0, 1]);
  });
});

describe('insert after exit', () => {
  it('fails with MmExitedError (-EINVAL) and changes nothing', async () => {
    const n = new Subscriptions();
    n.insert(new Subscription('a', { invalidate: () => true }), 1, 2);
    await mmuNotifierRelease(n, task('x'));
    const before = { seq: n.seq, active: n.active, tree: n.tree.entries().map((e) => e.id) };
    const late = new Subscription('late', { invalidate: () => true });
    let caught: unknown;
    try {
      n.insert(late, 5, 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MmExitedError);
    expect(caught).toBeInstanceOf(NotifierError);
    expect((caught as MmExitedError).errno).toBe(-22);
    expect({ seq: n.seq, active: n.active, tree: n.tree.entries().map((e) => e.id) }).toEqual(before);
    expect(late.life).toBe('unused');
  });

  it('a remove after exit still works (the subscriptions object outlives the mm)', async () => {
    const n = new Subscriptions();
    const a = new Subscription('a', { invalidate: () => true });
    n.insert(a, 1, 2);
    await mmuNotifierRelease(n, task('x'));
    await n.remove(task('m'), a);
    expect([n.tree.has('a'), a.life]).toEqual([false, 'removed']);
  });
});

/**
 * MCExitAmdkfdMmget_NoStaleDeviceEntryWhileDeviceRuns on the implementation's
 * core alone, by hand (ExitWorld runs it with the driver and the exit thread:
 * test/impl/exit-world.test.ts, and TLC's trace in test/conformance): a reclaim of page 1
 * starts, a fault commits page 1, the exit's release walk runs, and only
 * then the reclaim's callback. amdkfd after fa582c6f3684 skips it (mm_users
 * is 0); the first shape (RELEASE only) sets the seq and zaps.
 */
async function reclaimDuringExit(skipsWhenUsersGone: boolean): Promise<{ spte: number; pte: number; covered: boolean }> {
  const n = new Subscriptions();
  let pte = 1;
  let spte = 0;
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((r) => (openGate = r));
  const s1 = new Subscription('s1', {
    invalidate: async (sub, range, curSeq) => {
      if (range.task.id === 'i1') await gate; // the reclaim's callback runs late
      if (range.event === 'release') return true; // amdkfd: RELEASE returns at once
      if (skipsWhenUsersGone && n.mmUsersGone) return true; // fa582c6f3684: !mmget_not_zero
      n.setSeq(sub, curSeq);
      spte = 0; // unmap from the GPU
      return true;
    },
  });
  n.insert(s1, 1, 2);
  const reclaim: Invalidation = { task: task('i1'), start: 1, last: 1, blockable: true, event: 'clear', curSeq: 0, cursor: NONE };
  const started = n.invalidateRangeStart(reclaim); // hits s1; its callback waits
  const s = await n.readBegin(task('f1'), s1); // s1.seq is not the open epoch's: no wait
  const snap = pte;
  if (!n.readRetry(s1, s)) spte = snap; // the fault commits version 1
  await mmuNotifierRelease(n, task('x')); // mmput, then mn_itree_release
  openGate();
  await started;
  pte += 1; // the reclaim changes page 1
  await n.invalidateRangeEnd(reclaim);
  return { spte, pte, covered: n.tree.has('s1') };
}

describe('amdkfd and process exit, on the implementation', () => {
  it('after fa582c6f3684: the reclaim callback is skipped and a stale device entry remains on a covered page', async () => {
    expect(await reclaimDuringExit(true)).toEqual({ spte: 1, pte: 2, covered: true });
  });

  it('first shape (RELEASE-only early return): the reclaim callback zaps the entry', async () => {
    expect(await reclaimDuringExit(false)).toEqual({ spte: 0, pte: 2, covered: true });
  });
});
