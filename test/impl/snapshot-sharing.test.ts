/**
 * The recorder's snapshots (SpecWorld.snapshotter) share unchanged parts
 * with the previous state: each must still equal a fresh snapshot() at
 * its step, no later step may change a state already taken, and unchanged
 * parts must really be shared (else the recording cost is back).
 */
import { describe, expect, it } from 'vitest';
import { holePunchConfigOf, worldConfigOf } from '../../src/codegen/world-config.ts';
import { seededChooser } from '../../src/impl/explore.ts';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { World } from '../../src/impl/mainline/world.ts';
import { SnapshotSharing } from '../../src/impl/snapshot-sharing.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { DEFAULT_SHAPE, holePunchConstants, mainlineConstants } from '../../src/validation/run-shape.ts';

const SHAPE = { ...DEFAULT_SHAPE, subs: 24, pages: 48 };

function worldOf(family: 'mainline' | 'holepunch', seed: number): SpecWorld {
  const choose = seededChooser(seed);
  if (family === 'holepunch') return new HolePunchWorld({ ...holePunchConfigOf(holePunchConstants(SHAPE, seed)), choose }).start();
  const c = mainlineConstants(SHAPE, seed);
  return new World({ ...worldConfigOf(c, c.variant), choose }).start();
}

/** Steps the world at random; per step, the shared snapshot and a fresh one. */
async function run(family: 'mainline' | 'holepunch', seed: number, steps: number) {
  const w = worldOf(family, seed);
  const pick = seededChooser(seed + 1);
  const next = w.snapshotter();
  const shared = [next()];
  const fresh = [JSON.stringify(w.snapshot())];
  for (let k = 0; k < steps; k++) {
    const enabled = w.enabled();
    if (enabled.length === 0) break;
    await w.step(enabled[pick(enabled.length)] as string);
    shared.push(next());
    fresh.push(JSON.stringify(w.snapshot()));
  }
  return { shared, fresh };
}

describe.each(['mainline', 'holepunch'] as const)('%s snapshotter', (family) => {
  it('equals snapshot() at every step, and no state changes afterwards', async () => {
    for (const seed of [1, 2, 3]) {
      const { shared, fresh } = await run(family, seed, 400);
      expect(shared.length).toBeGreaterThan(50);
      // Compared at the end: a part mutated by a later step would show here.
      shared.forEach((s, k) => expect(JSON.parse(JSON.stringify(s)), `seed ${seed}, state ${k}`).toEqual(JSON.parse(fresh[k] as string)));
    }
  });

  it('shares every part a step left alone', async () => {
    const { shared } = await run(family, 4, 200);
    let sharedParts = 0;
    for (let k = 1; k < shared.length; k++) {
      const [a, b] = [shared[k - 1], shared[k]] as [Record<string, unknown>, Record<string, unknown>];
      for (const key of Object.keys(b)) {
        if (key === 'lastAction' || typeof b[key] !== 'object') continue;
        const same = JSON.stringify(a[key]) === JSON.stringify(b[key]);
        // Equal → the same object; changed → a new one.
        expect(a[key] === b[key], `state ${k}, ${key}`).toBe(same);
        if (same) sharedParts++;
      }
    }
    expect(sharedParts).toBeGreaterThan(shared.length);
  });
});

describe('SnapshotSharing, part by part', () => {
  it('a list or sorted set of the same length but other entries is the new one', () => {
    const share = new SnapshotSharing();
    const first = share.sorted('tree', ['b', 'a']);
    expect(first).toEqual(['a', 'b']);
    expect(share.sorted('tree', ['b', 'a'])).toBe(first);
    expect(share.sorted('tree', ['b', 'c'])).toEqual(['b', 'c']);
    expect(share.list('deferred', ['x', 'y'])).toEqual(['x', 'y']);
    expect(share.list('deferred', ['x', 'z'])).toEqual(['x', 'z']);
  });

  it('a page table that grew is copied anew', () => {
    const share = new SnapshotSharing();
    expect(share.numbers('pte', [1, 2])).toEqual([1, 2]);
    expect(share.numbers('pte', [1, 2, 3])).toEqual([1, 2, 3]);
    expect(share.numbers('pte', [1, 2, 4])).toEqual([1, 2, 4]);
  });

  it('a record with fewer or other ids has exactly the live ids', () => {
    const share = new SnapshotSharing();
    // Like the snapshot's parts: the previous entry is kept when there is one for this position.
    const rec = (ids: string[]): Record<string, { of: string }> => share.record('pc', ids, (id) => id, (p: { of: string } | undefined, id) => p ?? { of: id });
    expect(rec(['a', 'b'])).toEqual({ a: { of: 'a' }, b: { of: 'b' } });
    expect(rec(['a'])).toEqual({ a: { of: 'a' } });
    expect(rec(['a', 'c'])).toEqual({ a: { of: 'a' }, c: { of: 'c' } });
    expect(rec(['d', 'c'])).toEqual({ d: { of: 'd' }, c: { of: 'c' } });
  });
});
