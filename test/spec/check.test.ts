/**
 * Every CI model of spec/manifest.json, run through the real TLC by the code
 * of `mmu-notifier check`, gives the verdict, violated property and state
 * counts the manifest records. Also: the manifest itself is consistent with
 * the files and conventions of spec/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModels, compareWithManifest, modelToCheck, type ModelCheck } from '../../src/pipeline/check-models.ts';
import { loadManifest, modelFiles } from '../../src/manifest/manifest.ts';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { judgeTlcResult, verdictDiffers } from '../../src/manifest/verdict.ts';
import type { TlcResult } from 'tla2tools-runner';

const manifest = loadManifest();
const ciModels = manifest.models.filter((m) => m.ci);

describe('spec/manifest.json', () => {
  it('lists models whose files exist and whose cfg sets the listed variant', () => {
    for (const m of manifest.models) {
      const { spec, config } = modelFiles(m);
      expect(existsSync(spec), spec).toBe(true);
      expect(existsSync(config), config).toBe(true);
      expect(readFileSync(config, 'utf8'), m.name).toMatch(new RegExp(`Variant\\s*=\\s*"${m.variant}"`));
    }
  });

  it('names the violated property of every failing model except deadlocks, and none for passing ones', () => {
    for (const m of manifest.models) {
      const wantsProperty = m.expected === 'safety failure' || m.expected === 'liveness failure';
      expect(m.violated !== null, m.name).toBe(wantsProperty);
    }
  });

  it('has a mainline safety, a mainline liveness and an export model in CI', () => {
    const mainline = ciModels.filter((m) => m.variant === 'mainline' && m.expected === 'success');
    expect(mainline.map((m) => m.kind)).toEqual(expect.arrayContaining(['safety', 'liveness', 'export']));
  });

  it('uses no SYMMETRY in liveness or export models', () => {
    for (const m of manifest.models.filter((x) => x.kind !== 'safety')) {
      expect(readFileSync(modelFiles(m).config, 'utf8'), m.name).not.toMatch(/^\s*SYMMETRY/m);
    }
  });
});

describe('compareWithManifest', () => {
  const model = manifest.models.find((m) => m.expected === 'safety failure' && m.distinctStates !== null)!;
  const result = (over: Partial<TlcResult>): TlcResult =>
    ({ outcome: 'safety', violated: model.violated, distinctStates: model.distinctStates, generatedStates: model.totalStates, depth: 3, durationMs: 10, errors: [], ...over }) as TlcResult;

  it('accepts the recorded verdict, property and counts', () => {
    expect(compareWithManifest(model, result({})).ok).toBe(true);
  });
  it('ignores the counts of a failing temporal property (TLC finds it at a time-dependent point)', () => {
    const live = manifest.models.find((m) => m.kind === 'liveness' && m.expected === 'liveness failure')!;
    const r = { outcome: 'liveness', violated: live.violated, distinctStates: 1, generatedStates: 1, depth: null, durationMs: 1, errors: [] } as unknown as TlcResult;
    expect(compareWithManifest(live, r).ok).toBe(true);
  });
  it('rejects another verdict, another property, or other counts', () => {
    expect(compareWithManifest(model, result({ outcome: 'success', violated: null })).mismatches[0]).toMatch(/verdict success/);
    expect(compareWithManifest(model, result({ violated: 'SomethingElse' })).ok).toBe(false);
    expect(compareWithManifest(model, result({ distinctStates: (model.distinctStates ?? 0) + 1 })).ok).toBe(false);
  });
});

describe('the verdict rule (src/manifest/verdict.ts)', () => {
  const figures = { outcome: 'safety' as const, violated: 'Safe', distinctStates: 10, generatedStates: 20 };
  it('spells TLC verdicts as the manifest does and compares only what the expectation names', () => {
    expect(judgeTlcResult({ expected: 'safety failure', violated: 'Safe' }, figures)).toEqual({ actual: 'safety failure', mismatches: [], ok: true });
    expect(judgeTlcResult({ expected: 'success', violated: null }, figures).mismatches).toEqual(['verdict safety failure, expected success']);
  });
  it('skips counts that are not reproducible, compares the others', () => {
    expect(judgeTlcResult({ expected: 'safety failure', violated: 'Safe', distinctStates: 11, countsReproducible: false }, figures).ok).toBe(true);
    expect(judgeTlcResult({ expected: 'safety failure', violated: 'Safe', distinctStates: 11 }, figures).mismatches).toEqual(['10 distinct states, recorded 11']);
  });
  it('reads an old results file\'s runner spelling as the same verdict', () => {
    expect(verdictDiffers({ expected: 'safety', actual: 'safety failure', violated: 'Safe', expectedViolated: 'Safe' })).toBe(false);
    expect(verdictDiffers({ expected: 'success', actual: 'safety failure', violated: 'Safe' })).toBe(true);
  });
});

describe('TLC verdicts of the CI models', () => {
  // All CI models, two TLC runs at a time (as `mmu-notifier check` does on two cores).
  let checks: Map<string, ModelCheck>;
  beforeAll(async () => {
    const results = await checkModels(ciModels.map((m) => modelToCheck(m)), { jobs: Math.min(2, availableParallelism()), tlc: { jarRecordFile: TLC_RECORD_FILE } });
    checks = new Map(results.map(({ check }) => [check.name, check]));
  }, 900_000);

  it.each(ciModels.map((m) => [m.name, m] as const))('%s', (_name, model) => {
    const check = checks.get(model.name)!;
    expect({ actual: check.actual, violated: check.violated, mismatches: check.mismatches }).toEqual({
      actual: model.expected,
      violated: model.violated ?? check.violated,
      mismatches: [],
    });
    expect(check.distinctStates).toBeGreaterThan(0);
  });
});
