/**
 * The concurrency primitives: the free-running scheduler adds no hop, the
 * controlled scheduler runs exactly one step per call, wait_event re-checks
 * after every wake-up and never misses a wake-up between check and sleep,
 * and the driver lock is a mutex with trylock.
 */
import { describe, expect, it } from 'vitest';
import { ControlledScheduler } from '../../src/impl/controlled-scheduler.ts';
import { DriverLock, NO_HOLDER } from '../../src/impl/driver-lock.ts';
import { ScheduleError } from '../../src/impl/errors.ts';
import { FREE_RUNNING, type Task } from '../../src/impl/scheduler.ts';
import { WaitQueue, waitEvent } from '../../src/impl/wait-queue.ts';

const task = (id: string): Task => ({ id, pc: 'idle' });
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('FreeRunningScheduler', () => {
  it('lets an enabled step continue synchronously (no promise, no microtask)', () => {
    const t = task('a');
    expect(FREE_RUNNING.point(t, 'mmu_interval_set_seq')).toBeUndefined();
    const lock = new DriverLock();
    expect(FREE_RUNNING.point(t, 'driver_lock', lock.blocker)).toBeUndefined();
  });

  it('waits for a blocked step until its blocker is ready', async () => {
    const lock = new DriverLock();
    const a = task('a');
    const b = task('b');
    await lock.lock(FREE_RUNNING, a, 'driver_lock');
    let got = false;
    const waiting = lock.lock(FREE_RUNNING, b, 'driver_lock').then(() => (got = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toBe(false);
    lock.unlock(a);
    await waiting;
    expect(lock.holder).toBe('b');
  });
});

describe('ControlledScheduler', () => {
  it('runs exactly one step per step() and reports the next label', async () => {
    const s = new ControlledScheduler();
    const log: string[] = [];
    const t = task('t');
    s.spawn(t, async () => {
      for (const label of ['one', 'two']) {
        await s.point(t, label);
        log.push(label);
      }
    });
    expect([s.labelOf('t'), log]).toEqual(['one', []]);
    await s.step('t');
    expect([s.labelOf('t'), log]).toEqual(['two', ['one']]);
    await s.step('t');
    expect([s.statusOf('t'), t.pc, log]).toEqual(['done', 'done', ['one', 'two']]);
    await expect(s.step('t')).rejects.toThrow(ScheduleError);
  });

  it('refuses a blocked step and hands step arguments to the task', async () => {
    const s = new ControlledScheduler();
    const lock = new DriverLock();
    const a = task('a');
    const b = task('b');
    let seen: unknown;
    s.spawn(a, async () => {
      await lock.lock(s, a, 'driver_lock');
      await s.point(a, 'unlock');
      seen = a.args;
      lock.unlock(a);
    });
    s.spawn(b, () => lock.lock(s, b, 'driver_lock'));
    await s.step('a');
    expect(s.enabled()).toEqual(['a']);
    await expect(s.step('b')).rejects.toThrow(/blocked/);
    await s.step('a', { why: 'test' });
    expect(seen).toEqual({ why: 'test' });
    expect(s.enabled()).toEqual(['b']);
  });

  it('records a thrown error as the task failure', async () => {
    const s = new ControlledScheduler();
    const t = task('t');
    s.spawn(t, async () => {
      await s.point(t, 'boom');
      throw new Error('bad step');
    });
    await s.step('t');
    expect(s.statusOf('t')).toBe('failed');
    expect((s.failureOf('t') as Error).message).toBe('bad step');
    expect(s.failed()).toEqual([{ id: 't', error: s.failureOf('t') }]);
  });

  it('refuses a program that does not park at a step point before spawn returns', () => {
    const s = new ControlledScheduler();
    const never = new Promise<void>(() => undefined);
    expect(() => s.spawn(task('t'), () => never)).toThrow(/task t did not reach a step point synchronously/);
  });

  it('names a task that is not parked by its status, and an unknown one as unknown', async () => {
    const s = new ControlledScheduler();
    const t = task('t');
    s.spawn(t, () => s.point(t, 'only'));
    await s.step('t');
    expect(s.labelOf('t')).toBeUndefined();
    await expect(s.step('t')).rejects.toThrow('task t is not at a step point (status: done)');
    await expect(s.step('x')).rejects.toThrow('task x is not at a step point (status: unknown)');
  });

  it('refuses a second step while one is running', async () => {
    const s = new ControlledScheduler();
    const [a, b] = [task('a'), task('b')];
    s.spawn(a, async () => {
      await s.point(a, 'first');
      await new Promise((r) => setTimeout(r, 0));
      await s.point(a, 'second');
    });
    s.spawn(b, () => s.point(b, 'first'));
    const running = s.step('a');
    await expect(s.step('b')).rejects.toThrow('step() called while another step is running');
    await running;
    expect(s.labelOf('a')).toBe('second');
    expect(s.parkedIds()).toEqual(['a', 'b']);
  });
});

describe('wait_event / wake_up_all', () => {
  it('a sleeper stays asleep until woken even if its condition became true, then re-checks', async () => {
    const s = new ControlledScheduler();
    const wq = new WaitQueue();
    let seq = 3;
    const t = task('f1');
    let returned = false;
    s.spawn(t, async () => {
      await waitEvent(s, wq, t, 'read_begin_wait', () => seq !== 3);
      returned = true;
    });
    await s.step('f1'); // condition false: enqueue
    expect(wq.ids()).toEqual(['f1']);
    seq = 4; // changed without a wake-up (variant M6): still asleep
    expect(s.enabled()).toEqual([]);
    wq.wakeUpAll();
    expect(s.enabled()).toEqual(['f1']);
    await s.step('f1'); // re-check: true now
    expect(returned).toBe(true);
  });

  it('wake_up_all wakes every sleeper; one whose condition is still false sleeps again', async () => {
    const s = new ControlledScheduler();
    const wq = new WaitQueue();
    let seq = 3;
    const a = task('a');
    const b = task('b');
    s.spawn(a, () => waitEvent(s, wq, a, 'w', () => seq !== 3));
    s.spawn(b, () => waitEvent(s, wq, b, 'w', () => seq > 5));
    await s.step('a');
    await s.step('b');
    expect(wq.ids()).toEqual(['a', 'b']);
    seq = 4;
    wq.wakeUpAll();
    await s.step('a');
    await s.step('b');
    expect([s.statusOf('a'), s.statusOf('b'), wq.ids()]).toEqual(['done', 'parked', ['b']]);
  });
});

describe('wait_event under the free-running scheduler', () => {
  it('a true condition returns within the synchronous stretch (no hop)', () => {
    const wq = new WaitQueue();
    let steps = 0;
    const t = task('f');
    let returned = false;
    void waitEvent(FREE_RUNNING, wq, t, 'w', () => true, () => steps++).then(() => (returned = true));
    expect(steps).toBe(1);
    expect(wq.ids()).toEqual([]);
    return Promise.resolve().then(() => expect(returned).toBe(true));
  });

  it('a false condition sleeps once on the queue; with a further blocker (`also`) the woken sleeper waits for both', async () => {
    const wq = new WaitQueue();
    const lock = new DriverLock();
    const holder = task('h');
    expect(lock.tryLock(holder)).toBe(true);
    let ok = false;
    let steps = 0;
    const t = task('f');
    const done = waitEvent(FREE_RUNNING, wq, t, 'w', () => ok, () => steps++, lock.blocker);
    // The first step needs the lock free as well: nothing ran yet.
    expect(steps).toBe(0);
    lock.unlock(holder);
    await tick();
    expect([steps, wq.ids()]).toEqual([1, ['f']]);
    expect(wq.has(t)).toBe(true);
    // Woken while the further blocker is not ready: no step.
    expect(lock.tryLock(holder)).toBe(true);
    ok = true;
    wq.wakeUpAll();
    await tick();
    expect(steps).toBe(1);
    lock.unlock(holder);
    await done;
    expect(steps).toBe(2);
  });

  it('enqueue of a task already asleep keeps one entry', () => {
    const wq = new WaitQueue();
    const t = task('f');
    wq.enqueue(t);
    wq.enqueue(t);
    expect(wq.ids()).toEqual(['f']);
    expect(wq.has(task('g'))).toBe(false);
  });
});

describe('DriverLock', () => {
  it('trylock fails while held; unlock by a non-holder is a driver bug', () => {
    const lock = new DriverLock();
    const a = task('a');
    const b = task('b');
    expect(lock.tryLock(a)).toBe(true);
    expect(lock.tryLock(b)).toBe(false);
    expect(() => lock.unlock(b)).toThrow(/held by a/);
    // The refused unlock changed nothing: a still holds it, b still cannot take it.
    expect(lock.holder).toBe('a');
    expect(lock.tryLock(b)).toBe(false);
    lock.unlock(a);
    expect(lock.holder).toBe(NO_HOLDER);
  });

  it('a free lock is taken without a hop under the free-running scheduler', () => {
    const lock = new DriverLock();
    const pending = lock.lock(FREE_RUNNING, task('a'), 'driver_lock');
    // Still inside the synchronous stretch of lock(): no await was passed.
    expect(lock.holder).toBe('a');
    return pending;
  });

  it('on unlock the woken waiters re-compete: one takes the lock, the other waits for the next unlock', async () => {
    const lock = new DriverLock();
    const [a, b, c] = [task('a'), task('b'), task('c')];
    await lock.lock(FREE_RUNNING, a, 'driver_lock');
    const got: string[] = [];
    const waitB = lock.lock(FREE_RUNNING, b, 'driver_lock').then(() => got.push('b'));
    const waitC = lock.lock(FREE_RUNNING, c, 'driver_lock').then(() => got.push('c'));
    await new Promise((r) => setTimeout(r, 0));
    lock.unlock(a);
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toHaveLength(1);
    expect(lock.holder).toBe(got[0]);
    lock.unlock(got[0] === 'b' ? b : c);
    await Promise.all([waitB, waitC]);
    expect(got.slice().sort()).toEqual(['b', 'c']);
    expect(lock.holder).toBe(got[1]);
  });
});
