/**
 * The mainline world the step-by-step and random-schedule tests share,
 * given as the constants TLC prints for a model (`ExportConstants` of
 * spec/MCExport.tla, decoded by src/codegen/model-constants.ts) and built
 * by the same src/codegen/world-config.ts a replay uses. It is MCSafety's
 * subscriptions and threads (spec/MCSafety.cfg: s1 = [1,1], s2 = [1,2], two
 * invalidators, one faulter, the manager) with more behaviour than
 * MCSafety: the three ranges of MCRanges (MCSafety has MCRangesSmall, no
 * [1,2]) and non-blockable invalidations too (MCSafety: Blockable = {TRUE}).
 */
import { worldConfigOf } from '../../src/codegen/world-config.ts';
import { MainlineConstants } from '../../src/codegen/model-constants.ts';
import { type WorldConfig } from '../../src/impl/mainline/config.ts';

/** The constants, in the shape TLC prints them. */
export const SMALL_CONSTANTS: MainlineConstants = MainlineConstants.parse({
  variant: 'mainline',
  npages: 2,
  subList: ['s1', 's2'],
  subStart: { s1: 1, s2: 1 },
  subLast: { s1: 1, s2: 2 },
  invalidators: ['i1', 'i2'],
  faulters: ['f1'],
  mgr: 'm',
  invRanges: [
    [1, 1],
    [2, 2],
    [1, 2],
  ],
  blockable: [true, false],
  maxInv: 1,
  maxFaults: 1,
  maxTries: 2,
});

/** The world configuration of {@link SMALL_CONSTANTS}. */
export const SMALL_MODEL: WorldConfig = worldConfigOf(SMALL_CONSTANTS);
