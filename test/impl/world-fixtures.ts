import { type ExitConfig } from '../../src/impl/exit/config.ts';
import { ExitWorld } from '../../src/impl/exit/world.ts';
import { type HolePunchConfig } from '../../src/impl/holepunch/config.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { type HolePunchStrategy } from '../../src/protocol/index.ts';

/** Takes the steps `thread:action` in order, each with the arguments the world offers for it. */
export async function takeSteps(w: SpecWorld, steps: readonly string[]): Promise<void> {
  for (const s of steps) {
    const [thread, action] = s.split(':') as [string, string];
    await w.step(thread, action);
  }
}

/** Puts thread `id` at label `pc` by hand, for tests of what the world reads of a state. */
export function setPc(w: SpecWorld, id: string, pc: string): void {
  (w.tasks.get(id) as { pc: string }).pc = pc;
}

/** The smallest bounds of the hand-stepped family worlds: one faulter f1, one blockable invalidation of page 1, one fault, two tries. */
export const ONE_FAULT_BOUNDS = {
  faulters: ['f1'],
  invRanges: [[1, 1]] as [number, number][],
  blockable: [true],
  maxInv: 1,
  maxFaults: 1,
  maxTries: 2,
};

/** spec/MCHolePunch*.cfg: N = s1 = [1, 3] in the tree, spares s2, s3; u unmaps page 2, i invalidates page 1 or 3. */
export function holePunchModel(strategy: HolePunchStrategy, extra: Partial<HolePunchConfig> = {}): HolePunchConfig {
  return {
    variant: 'mainline',
    strategy,
    npages: 3,
    subs: [
      { id: 's1', start: 1, last: 3 },
      { id: 's2', start: 0, last: 0 },
      { id: 's3', start: 0, last: 0 },
    ],
    initTree: ['s1'],
    invalidators: ['u', 'i'],
    unmappers: ['u'],
    unmapRanges: [[2, 2]],
    invRanges: [
      [1, 1],
      [3, 3],
    ],
    invalidatorContext: 'rmap',
    faultRecheck: false,
    faulters: ['f'],
    mgr: 'w',
    blockable: [true],
    maxInv: 1,
    maxFaults: 1,
    maxTries: 2,
    ...extra,
  };
}

/** A started exit world: one subscription s1 = [1, 2], the exiter x, a reclaim i1 of page 1, one faulter, the manager. */
export function exitWorld(exit: Partial<ExitConfig> = {}, invalidators = ['x', 'i1'], faulters = ['f1']): ExitWorld {
  return new ExitWorld({
    npages: 2,
    subs: [{ id: 's1', start: 1, last: 2 }],
    invalidators,
    ...ONE_FAULT_BOUNDS,
    faulters,
    exit: { exiter: 'x', driver: 'dmirror', hlistStopsDevice: false, insertGuard: 'mmget', ...exit },
  }).start();
}
