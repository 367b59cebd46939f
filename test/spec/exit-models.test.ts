/**
 * The process-exit models (spec/ProcessExit.tla, spec/MCExit.tla,
 * spec/models/exit): the manifest records the answers spec/README.md
 * ("Process exit") gives, each cfg selects the driver shape it is named for,
 * a failing model checks only its property, and every model's counterexample
 * is replayed on the implementation (src/impl/exit's ExitWorld, through
 * spec/MCExportExit.tla). The TLC verdicts of the CI ones are run by
 * test/spec/check.test.ts; the replays by test/conformance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverModels } from '../../src/codegen/models.ts';
import { loadManifest, modelFiles, replaysOnImplementation, type ManifestModel } from '../../src/manifest/manifest.ts';
import { PATHS } from '../conformance/project.ts';
import { constantAssignmentsOfConfig } from 'tla2tools-runner';

const manifest = loadManifest();
const exitModels = manifest.models.filter((m) => m.module === 'MCExit.tla');
const byName = new Map(manifest.models.map((m) => [m.name, m] as const));
const cfgOf = (m: ManifestModel): string => readFileSync(modelFiles(m).config, 'utf8');
const constants = (m: ManifestModel): Record<string, string> => constantAssignmentsOfConfig(cfgOf(m));

/** The names listed under INVARIANTS and PROPERTIES of a cfg. */
function checked(cfg: string): string[] {
  const words = cfg.replace(/\\\*.*$/gm, ' ').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let inside = false;
  for (const w of words) {
    if (/^[A-Z_]+$/.test(w) && w.length > 3 && !['TRUE', 'FALSE'].includes(w)) inside = w === 'INVARIANTS' || w === 'PROPERTIES';
    else if (inside) out.push(w);
  }
  return out;
}

describe('process-exit models', () => {
  it('live in spec/models/exit and admit the exit actions in TypeOK', () => {
    expect(exitModels.length).toBeGreaterThanOrEqual(8);
    for (const m of exitModels) {
      expect(m.cfg, m.name).toBe(`models/exit/${m.name}.cfg`);
      expect(constants(m).ExtraActionNames, m.name).toBe('ExitActionNames');
    }
  });

  it('record the answers: dmirror and first-shape amdkfd are safe, amdkfd after fa582c6f3684 is not', () => {
    const answer = (name: string) => {
      const m = byName.get(name);
      return [m?.expected, m?.violated, m && constants(m).ExitDriver];
    };
    expect(answer('MCExitDmirror')).toEqual(['success', null, '"dmirror"']);
    expect(answer('MCExitAmdkfd')).toEqual(['success', null, '"amdkfd"']);
    expect(answer('MCExitAmdkfdMmget_NoStaleDeviceEntry')).toEqual(['safety failure', 'NoStaleDeviceEntry', '"amdkfd_mmget"']);
    expect(answer('MCExitAmdkfdMmgetExitOnly')).toEqual(['success', null, '"amdkfd_mmget"']);
    expect(answer('MCExitAmdkfdMmget_NoStaleDeviceEntryWhileDeviceRuns')).toEqual(['safety failure', 'NoStaleDeviceEntryWhileDeviceRuns', '"amdkfd_mmget"']);
    expect(answer('MCExitInsertUnguarded_NoInsertAfterExit')).toEqual(['safety failure', 'NoInsertAfterExit', '"dmirror"']);
  });

  it('check SAFE-1 in the passing safety models that claim it, and the liveness properties under ExitFairSpec', () => {
    for (const name of ['MCExitDmirror', 'MCExitAmdkfd']) expect(checked(cfgOf(byName.get(name)!)), name).toContain('NoStaleDeviceEntry');
    for (const m of exitModels.filter((x) => x.kind === 'liveness')) {
      expect(cfgOf(m), m.name).toMatch(/^SPECIFICATION ExitFairSpec$/m);
      expect(checked(cfgOf(m)), m.name).toEqual(expect.arrayContaining(['EpochCloses', 'ReadBeginReturns', 'RemoveReturns', 'ExitCompletes']));
    }
  });

  it('a failing model is named <what>_<violated property>, checks only the types and that property, and names a passing counterpart', () => {
    const failing = exitModels.filter((m) => m.expected !== 'success');
    expect(failing.length).toBe(3);
    for (const m of failing) {
      expect(m.name.endsWith(`_${m.violated}`), m.name).toBe(true);
      expect(checked(cfgOf(m)), m.name).toEqual(['TypeOK', 'ExitTypeOK', m.violated]);
      expect(byName.get(m.counterpart as string)?.expected, m.name).toBe('success');
    }
  });

  it('the failing models are replayed on the implementation, through the exit wrapper', () => {
    const failing = exitModels.filter((m) => m.expected !== 'success');
    expect(failing.filter((m) => !replaysOnImplementation(m)).map((m) => m.name)).toEqual([]);
    const generated = new Map(discoverModels(PATHS.specDir).map((r) => [r.name, r] as const));
    for (const m of failing) expect(generated.get(m.name)?.spec, m.name).toMatch(/MCExportExit\.tla$/);
  });
});
