/**
 * The variant catalogue and the hole-punch strategies are covered by models
 * of spec/manifest.json: every bug variant of src/protocol/variants.ts has a
 * CI model that must fail, the harmless one a model that must pass, every
 * hole-punch strategy a model, and every failing model names a passing
 * counterpart (the broken/fixed pair). The TLC verdicts themselves are run by
 * test/spec/check.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest, modelFiles, type ManifestModel } from '../../src/manifest/manifest.ts';
import { HOLE_PUNCH_STRATEGIES, VARIANT_NAMES } from '../../src/protocol/variants.ts';

const manifest = loadManifest();
const ciModels = manifest.models.filter((m) => m.ci);
const byName = new Map(manifest.models.map((m) => [m.name, m] as const));

/** Variants whose models are expected to pass (not bugs). */
const HARMLESS = new Set(['mainline', 'deferred_fifo']);

/** The cfg text of a model. */
function cfgOf(model: ManifestModel): string {
  return readFileSync(modelFiles(model).config, 'utf8');
}

describe('variant catalogue coverage', () => {
  it.each(VARIANT_NAMES.filter((v) => !HARMLESS.has(v)))('bug variant %s has a CI model that must fail', (variant) => {
    const models = ciModels.filter((m) => m.variant === variant);
    expect(models.length, variant).toBeGreaterThan(0);
    for (const m of models) expect(m.expected, m.name).not.toBe('success');
  });

  it('the harmless deferred_fifo variant has a CI model that must pass', () => {
    const models = ciModels.filter((m) => m.variant === 'deferred_fifo');
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) expect(m.expected, m.name).toBe('success');
  });

  it('LIFO and FIFO processing of the deferred list explore the same number of states', () => {
    const fifo = byName.get('MCHolePunchTwoUnmapsFifo');
    const lifo = byName.get('MCHolePunchTwoUnmaps');
    expect(fifo?.distinctStates ?? null).not.toBeNull();
    expect(fifo?.distinctStates).toBe(lifo?.distinctStates);
    expect(fifo?.totalStates).toBe(lifo?.totalStates);
  });
});

describe('hole-punch strategies', () => {
  it.each(Object.keys(HOLE_PUNCH_STRATEGIES))('strategy %s is checked by a CI model whose cfg selects it', (strategy) => {
    const models = ciModels.filter((m) => m.strategy === strategy);
    expect(models.length, strategy).toBeGreaterThan(0);
    for (const m of models) expect(cfgOf(m), m.name).toMatch(new RegExp(`Strategy\\s*=\\s*"${strategy}"`));
  });

  it('the inside-callback hole punch passes and shrink-then-insert outside it fails SAFE-1', () => {
    expect(byName.get('MCHolePunchInside')?.expected).toBe('success');
    const outside = byName.get('MCHolePunchShrinkFirst');
    expect([outside?.expected, outside?.violated]).toEqual(['safety failure', 'NoStaleDeviceEntry']);
  });
});

describe('broken/fixed pairs', () => {
  const paired = manifest.models.filter((m) => typeof m.counterpart === 'string');

  it('every failing model with a counterpart is paired with a passing model of the same module', () => {
    expect(paired.length).toBeGreaterThan(0);
    for (const m of paired.filter((x) => x.expected !== 'success')) {
      const twin = byName.get(m.counterpart as string);
      expect(twin, `${m.name} → ${String(m.counterpart)}`).toBeDefined();
      expect(twin?.expected, m.name).toBe('success');
      expect(twin?.module, m.name).toBe(m.module);
    }
  });

  it('a failing model records its counterexample length as its depth', () => {
    for (const m of paired.filter((x) => x.expected !== 'success' && x.counterexampleLength !== undefined)) {
      expect(m.counterexampleLength, m.name).toBe(m.depth);
    }
  });
});
