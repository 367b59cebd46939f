/** The fixture models of test/report/fixtures as a check list, with their expected verdicts. */
import { join } from 'node:path';
import type { ModelToCheck } from '../../src/report/run-models.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function model(name: string, expected: string, expectedViolated: string | null): ModelToCheck {
  return { name, spec: join(FIXTURES, 'MiniCollision.tla'), config: join(FIXTURES, `${name}.cfg`), expected, expectedViolated };
}

/** A passing model, a safety failure and a liveness failure (the last two expected). */
export const FIXTURE_MODELS: readonly ModelToCheck[] = [
  model('MiniCollisionCorrect', 'success', null),
  model('MiniCollisionSafety', 'safety failure', 'Safe'),
  model('MiniCollisionLiveness', 'liveness failure', 'FaultCompletes'),
];

const SPEC = join(import.meta.dirname, '../../spec');

/**
 * The real hole-punch race of reference §5.4 A: the driver punches a hole
 * outside the invalidate callback, shrinking the interval before inserting
 * its right part; the spec says SAFE-1 (NoStaleDeviceEntry) fails.
 */
export const HOLE_PUNCH_SHRINK_FIRST: ModelToCheck = {
  name: 'MCHolePunchShrinkFirst',
  spec: join(SPEC, 'MCHolePunch.tla'),
  config: join(SPEC, 'MCHolePunchShrinkFirst.cfg'),
  expected: 'safety failure',
  expectedViolated: 'NoStaleDeviceEntry',
};
