/**
 * The spec's MCSafety model (spec/models/mainline/MCSafety.cfg) as a World configuration,
 * shared by the step-by-step and the random-schedule tests of the world.
 */
import { type WorldConfig } from '../../src/impl/world.ts';

/** Two invalidators, one faulter, the manager; s1 = [1,1], s2 = [1,2]. */
export const MC_SAFETY: WorldConfig = {
  npages: 2,
  subs: [
    { id: 's1', start: 1, last: 1 },
    { id: 's2', start: 1, last: 2 },
  ],
  invalidators: ['i1', 'i2'],
  faulters: ['f1'],
  invRanges: [
    [1, 1],
    [2, 2],
    [1, 2],
  ],
  maxInv: 1,
  maxFaults: 1,
  maxTries: 2,
};
