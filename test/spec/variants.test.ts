/**
 * The variant catalogue and the hole-punch strategies are covered by models
 * of spec/manifest.json: every bug variant of src/protocol/variants.ts has a
 * CI model that must fail, the harmless one a model that must pass, every
 * hole-punch strategy a model, and every failing model names a passing
 * counterpart (the broken/fixed pair). A mainline-family model lives in
 * spec/models/<family>/<name>.cfg, and a bug model's name, config file, cfg
 * constants and manifest entry say the same thing. The TLC verdicts
 * themselves are run by test/spec/check.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, MANIFEST_FILE, modelFiles, type ManifestModel } from '../../src/manifest/manifest.ts';
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
    const lifo = byName.get('MCHolePunchTwoUnmapsRecheck');
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

  it("the inside-callback hole punch passes only with the coverage re-check; Ralph's fault path and shrink-then-insert fail SAFE-1", () => {
    expect(byName.get('MCHolePunchInsideRecheck')?.expected).toBe('success');
    for (const name of ['MCHolePunchInside', 'MCHolePunchShrinkFirst']) {
      const m = byName.get(name);
      expect([m?.expected, m?.violated], name).toEqual(['safety failure', 'NoStaleDeviceEntry']);
    }
  });
});

/** The value a cfg assigns to CONSTANT `name`, or undefined. */
function constantOf(cfg: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}\\s*=\\s*"?([A-Za-z_]+)"?`, 'm').exec(cfg)?.[1];
}

describe('hole-punch manifest fields', () => {
  const holePunch = manifest.models.filter((m) => m.module === 'MCHolePunch.tla' || m.module === 'MCExportHolePunch.tla');

  it('every hole-punch entry records strategy, faultRecheck and invalidatorContext as its cfg sets them, amdkfd entries also fix', () => {
    expect(holePunch.length).toBeGreaterThan(0);
    for (const m of holePunch) {
      const cfg = cfgOf(m);
      expect(constantOf(cfg, 'Strategy'), m.name).toBe(m.strategy);
      expect(constantOf(cfg, 'FaultRecheck'), m.name).toBe(m.faultRecheck ? 'TRUE' : 'FALSE');
      expect(constantOf(cfg, 'InvalidatorContext'), m.name).toBe(m.invalidatorContext);
      expect(['rmap', 'mmap_read', 'per_vma'], m.name).toContain(m.invalidatorContext);
      if (m.strategy === 'outside_remove_then_insert') expect(constantOf(cfg, 'AmdkfdFix'), m.name).toBe(m.fix);
      else expect(m.fix, m.name).toBeUndefined();
    }
  });

  it('every dmirror strategy is checked both with and without the fault re-check', () => {
    for (const strategy of Object.keys(HOLE_PUNCH_STRATEGIES)) {
      const models = holePunch.filter((m) => m.kind !== 'export' && m.strategy === strategy);
      expect(new Set(models.map((m) => m.faultRecheck)), strategy).toEqual(new Set([false, true]));
    }
  });

  it('amdkfd today fails SAFE-1 against rmap and per-VMA invalidations, and some fix holds in every context', () => {
    const amdkfd = holePunch.filter((m) => m.kind !== 'export' && m.strategy === 'outside_remove_then_insert');
    const today = (ctx: string) => amdkfd.find((m) => m.fix === 'none' && m.invalidatorContext === ctx && !m.faultRecheck);
    expect([today('rmap')?.expected, today('rmap')?.violated]).toEqual(['safety failure', 'NoStaleDeviceEntry']);
    expect([today('per_vma')?.expected, today('per_vma')?.violated]).toEqual(['safety failure', 'NoStaleDeviceEntry']);
    expect(today('mmap_read')?.expected).toBe('success');
    const safeEverywhere = [...new Set(amdkfd.map((m) => m.fix))].filter(
      (fix) =>
        fix !== 'none' &&
        ['rmap', 'mmap_read', 'per_vma'].every((ctx) => amdkfd.some((m) => m.fix === fix && m.invalidatorContext === ctx && m.expected === 'success')) &&
        amdkfd.filter((m) => m.fix === fix).every((m) => m.expected === 'success'),
    );
    expect(safeEverywhere).toContain('insert_first');
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

/** The section keywords the model configs of this repository use. */
const CFG_KEYWORDS = new Set(['CONSTANTS', 'SPECIFICATION', 'INVARIANTS', 'PROPERTIES', 'SYMMETRY', 'VIEW', 'CHECK_DEADLOCK']);

/** The words of one section (e.g. INVARIANTS) of a TLC config, line comments removed. */
function cfgSection(cfg: string, keyword: string): string[] {
  const words = cfg.replace(/\\\*.*$/gm, ' ').split(/\s+/).filter(Boolean);
  expect(words.filter((w) => /^[A-Z_]{4,}$/.test(w) && !['TRUE', 'FALSE'].includes(w) && !CFG_KEYWORDS.has(w))).toEqual([]);
  const out: string[] = [];
  let inside = false;
  for (const w of words) {
    if (CFG_KEYWORDS.has(w)) inside = w === keyword;
    else if (inside) out.push(w);
  }
  return out;
}

describe('model files of the mainline family (MC.tla, MCExport.tla)', () => {
  const SPEC_DIR = dirname(MANIFEST_FILE);
  const family = manifest.models.filter((m) => m.module === 'MC.tla' || m.module === 'MCExport.tla');
  /** The folder a model belongs in: bugs for failing models, export for export models, else mainline. */
  const folderOf = (m: ManifestModel): string => (m.expected !== 'success' ? 'bugs' : m.kind === 'export' ? 'export' : 'mainline');

  it('every model is spec/models/<folder>/<name>.cfg', () => {
    expect(family.length).toBeGreaterThan(30);
    for (const m of family) expect(m.cfg, m.name).toBe(`models/${folderOf(m)}/${m.name}.cfg`);
  });

  it('every config in spec/models/bugs is a manifest model', () => {
    const files = readdirSync(join(SPEC_DIR, 'models', 'bugs')).filter((f) => f.endsWith('.cfg'));
    expect(files.length).toBeGreaterThan(20);
    const names = new Set(manifest.models.map((m) => m.name));
    expect(files.map((f) => basename(f, '.cfg')).filter((n) => !names.has(n))).toEqual([]);
  });

  describe.each(family.filter((m) => m.expected !== 'success').map((m) => [m.name, m] as const))('bug model %s', (name, m) => {
    const cfg = cfgOf(m);
    // MCBug_<variant id>_<what fails>: the violated property as TLC names it, or Deadlock.
    const failing = m.expected === 'deadlock failure' ? 'Deadlock' : m.violated;
    const variantId = m.variant.split('_')[0];

    it('is named MCBug_<variant id>_<violated property or Deadlock>', () => {
      expect(failing, name).not.toBeNull();
      expect(name).toBe(`MCBug_${variantId}_${failing}`);
    });

    it('its cfg sets the manifest variant', () => {
      expect(cfgSection(cfg, 'CONSTANTS').join(' ')).toMatch(new RegExp(`(^| )Variant = "${m.variant}"( |$)`));
    });

    it('its cfg checks the violated property, or deadlock', () => {
      const checked = [...cfgSection(cfg, 'INVARIANTS'), ...cfgSection(cfg, 'PROPERTIES')];
      const deadlock = cfgSection(cfg, 'CHECK_DEADLOCK');
      if (m.expected === 'deadlock failure') {
        expect(deadlock).toEqual(['TRUE']);
        expect(checked).toEqual([]);
      } else {
        expect(checked).toEqual([m.violated]);
      }
    });
  });
});
