import { type SpecWorld } from '../../src/impl/world-api.ts';

/** Takes the steps `thread:action` in order, each with the arguments the world offers for it. */
export async function takeSteps(w: SpecWorld, steps: readonly string[]): Promise<void> {
  for (const s of steps) {
    const [thread, action] = s.split(':') as [string, string];
    await w.step(thread, action);
  }
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
