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
