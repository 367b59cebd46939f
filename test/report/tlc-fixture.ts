/**
 * Runs the real TLC on the report's fixture spec (test/report/fixtures) and
 * returns the counterexample it finds, as the report would receive it.
 */
import { join } from 'node:path';
import { runTlc } from 'tla2tools-runner';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { counterexampleFromTlc } from '../../src/report/from-tlc.ts';
import type { Counterexample } from '../../src/report/counterexample.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The fixture models: a safety counterexample and a liveness lasso. */
export type FixtureModel = 'MiniCollisionSafety' | 'MiniCollisionLiveness';

/** Model-checks one fixture model with TLC (-workers 1) and returns its counterexample. */
export async function fixtureCounterexample(model: FixtureModel): Promise<Counterexample> {
  const handle = runTlc({
    spec: join(FIXTURES, 'MiniCollision.tla'),
    config: join(FIXTURES, `${model}.cfg`),
    workers: 1,
    jarRecordFile: TLC_RECORD_FILE,
    timeoutMs: 120_000,
  });
  const result = await handle.result;
  const cx = counterexampleFromTlc(result, model);
  if (cx === null) throw new Error(`TLC gave no counterexample for ${model}: ${result.outcome} ${result.errors.join('\n')}`);
  return cx;
}
