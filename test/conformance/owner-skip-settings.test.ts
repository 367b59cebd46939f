/**
 * The export model MCExport_OwnerSkip (the fix, set_seq) tells the driver's
 * settings apart: its traces, replayed with full-state comparison and the
 * spec's enabled steps on a world with any other setting of
 * spec/OwnerSkip.tla (the skip as written, no skip, no migration entries, a
 * finalize without the mutex or without the store), fail somewhere; with
 * the model's own setting none fails (export-models.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { enabledSteps } from '../../src/codegen/enabled-steps.ts';
import { replayTrace, type ReplayReport } from '../../src/codegen/replay.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { expandTrace, type TraceFile } from '../../src/codegen/trace-format.ts';
import { DMIRROR_AS_WRITTEN, type OwnerSkipSetting } from '../../src/impl/ownerskip/config.ts';
import { PATHS } from './project.ts';

const FIX: OwnerSkipSetting = { ...DMIRROR_AS_WRITTEN, ownerSkip: 'set_seq' };

let file: Promise<TraceFile> | undefined;
function exportFile(): Promise<TraceFile> {
  const model = projectModels(PATHS, 'export').find((m) => m.name === 'MCExport_OwnerSkip');
  if (model === undefined) throw new Error('spec/manifest.json has no export model MCExport_OwnerSkip');
  file ??= tracesOf(PATHS, model).then((g) => g.file);
  return file;
}

/** The first failing replay of the file's traces on `setting`, if any. */
async function firstFailure(setting: OwnerSkipSetting): Promise<ReplayReport | undefined> {
  const f = await exportFile();
  const enabled = enabledSteps(f);
  for (const entry of f.traces) {
    const r = await replayTrace(expandTrace(f, entry), { ownerSkipSetting: setting, enabled });
    if (r.failure) return r;
  }
  return undefined;
}

describe('MCExport_OwnerSkip tells the owner-skip settings apart', () => {
  it('the model is the fix, and its own setting replays every trace', async () => {
    const c = (await exportFile()).constants as Record<string, unknown>;
    expect([c.ownerSkip, c.migrationEntries, c.finalizeTakesLock, c.finalizeStores]).toEqual(['set_seq', true, true, true]);
    expect(await firstFailure(FIX)).toBeUndefined();
  });

  const others: Array<[string, OwnerSkipSetting, string]> = [
    ['the skip as written', DMIRROR_AS_WRITTEN, 'enabled'],
    ['no skip (the zap runs)', { ...FIX, ownerSkip: 'none' }, 'enabled'],
    ['no migration entries', { ...FIX, migrationEntries: false }, 'mismatch'],
    ['finalize without the mutex', { ...FIX, finalizeTakesLock: false }, 'enabled'],
    ['finalize without the store', { ...FIX, finalizeStores: false }, 'mismatch'],
  ];
  for (const [name, setting, kind] of others) {
    it(`${name}: a replay fails (${kind})`, async () => {
      const r = await firstFailure(setting);
      expect(r?.failure?.kind).toBe(kind);
    });
  }
});
