/** The fixture models of test/report/fixtures as a check list, with their expected verdicts. */
import { join } from 'node:path';
import { loadManifest, MANIFEST_FILE, type ManifestModel } from '../../src/manifest/manifest.ts';
import { ciModelsToCheck, type ModelToCheck } from '../../src/pipeline/check-models.ts';

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

/**
 * The real hole-punch race of docs/kernel-protocol.md §5.4 A, as spec/manifest.json lists
 * it (expected verdict and property, recorded state counts, its words) and as
 * `run` checks it: the driver punches a hole outside the invalidate callback,
 * shrinking the interval before inserting its right part.
 */
export function holePunchShrinkFirst(): ModelToCheck {
  const model = ciModelsToCheck().find((m) => m.name === 'MCHolePunchShrinkFirst');
  if (!model) throw new Error('spec/manifest.json has no CI model MCHolePunchShrinkFirst');
  return model;
}

/** The manifest entry of a model, read on its own (the test's independent source of its words). */
export function manifestEntry(name: string): ManifestModel {
  const entry = loadManifest(MANIFEST_FILE).models.find((m) => m.name === name);
  if (!entry) throw new Error(`spec/manifest.json has no model ${name}`);
  return entry;
}
