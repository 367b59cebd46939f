/**
 * The export model MCExport_OwnerSkip (the fix, set_seq) tells the driver's
 * settings apart: its traces, replayed with full-state comparison and the
 * spec's enabled steps on a world with any other setting of
 * spec/OwnerSkip.tla (the skip as written, no skip, no migration entries, a
 * finalize without the mutex or without the store), fail somewhere; with
 * the model's own setting none fails (export-models.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/codegen/replay.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import type { TraceFile } from '../../src/codegen/trace-format.ts';
import type { OwnerSkipSetting } from '../../src/impl/ownerskip/config.ts';
import { PATHS } from './project.ts';
import { OWNER_SKIP_FIX, OWNER_SKIP_OTHERS, firstOwnerSkipFailure } from './strength-cases.ts';

let file: Promise<TraceFile> | undefined;
function exportFile(): Promise<TraceFile> {
  const model = projectModels(PATHS, 'export').find((m) => m.name === 'MCExport_OwnerSkip');
  if (model === undefined) throw new Error('spec/manifest.json has no export model MCExport_OwnerSkip');
  file ??= tracesOf(PATHS, model).then((g) => g.file);
  return file;
}

/** The first failing replay of the file's traces on `setting`, if any. */
async function firstFailure(setting: OwnerSkipSetting): Promise<ReplayReport | undefined> {
  return firstOwnerSkipFailure(await exportFile(), setting);
}

describe('MCExport_OwnerSkip tells the owner-skip settings apart', () => {
  it('the model is the fix, and its own setting replays every trace', async () => {
    const c = (await exportFile()).constants as Record<string, unknown>;
    expect([c.ownerSkip, c.migrationEntries, c.finalizeTakesLock, c.finalizeStores]).toEqual(['set_seq', true, true, true]);
    expect(await firstFailure(OWNER_SKIP_FIX)).toBeUndefined();
  });

  for (const [name, setting, kind] of OWNER_SKIP_OTHERS) {
    it(`${name}: a replay fails (${kind})`, async () => {
      const r = await firstFailure(setting);
      expect(r?.failure?.kind).toBe(kind);
    });
  }
});
