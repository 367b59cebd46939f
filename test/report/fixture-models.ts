/** The fixture models of test/report/fixtures as a check list, with their expected verdicts. */
import { join } from 'node:path';
import { checkList } from '../../src/cli/commands/run.ts';
import { loadManifest, MANIFEST_FILE, type ManifestModel } from '../../src/manifest/manifest.ts';
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

/**
 * The real hole-punch race of reference §5.4 A, as spec/manifest.json lists
 * it (expected verdict and property, recorded state counts) and as `run`
 * checks it: the driver punches a hole outside the invalidate callback,
 * shrinking the interval before inserting its right part.
 */
export function holePunchShrinkFirst(): ModelToCheck {
  const model = checkList(MANIFEST_FILE).find((m) => m.name === 'MCHolePunchShrinkFirst');
  if (!model) throw new Error('spec/manifest.json has no CI model MCHolePunchShrinkFirst');
  const entry = manifestEntry(model.name);
  const judge = model.judge!;
  // The report reads a model's question and family from its check result:
  // the manifest's words travel with the verdict (see src/report/html/model-groups.ts).
  return { ...model, judge: (r) => ({ ...judge(r), ...manifestWords(entry) }) };
}

/** The manifest entry of a model. */
export function manifestEntry(name: string): ManifestModel {
  const entry = loadManifest(MANIFEST_FILE).models.find((m) => m.name === name);
  if (!entry) throw new Error(`spec/manifest.json has no model ${name}`);
  return entry;
}

/** The fields of a manifest entry that the report shows in words. */
export function manifestWords(entry: ManifestModel): Record<string, unknown> {
  const { description, question, counterpart, variant } = entry as ManifestModel & { question?: string };
  return { description, question, counterpart, variant };
}
