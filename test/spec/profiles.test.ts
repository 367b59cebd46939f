/**
 * The deep and simulate profiles of spec/manifest.json: the schema accepts
 * the profile field and rejects what does not fit it, `check --profile`
 * selects the profile's models (listed, not run: the deep ones take hours),
 * reduced models agree with their unreduced twins, and a simulate model is
 * judged by the real TLC (violation found = as expected; not found within
 * the budget = a mismatch).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { selectModels } from '../../src/cli/commands/check.ts';
import { loadManifest, type ManifestModel } from '../../src/manifest/manifest.ts';
import { checkModel, modelToCheck } from '../../src/pipeline/check-models.ts';

const dir = mkdtempSync(join(tmpdir(), 'profiles-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'tlc');

function model(name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, module: 'MC.tla', cfg: `${name}.cfg`, kind: 'safety', variant: 'mainline', expected: 'success',
    violated: null, ci: false, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null, ...over,
  };
}

function manifestFile(name: string, models: Record<string, unknown>[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ models }));
  return path;
}

const SIM = { profile: 'simulate', kind: 'simulation', expected: 'safety failure', violated: 'P', simulate: { depth: 10, seed: 1, budgetSeconds: 5 } };

describe('the profile field of the manifest schema', () => {
  it('is optional: an entry without it and deep/simulate entries are accepted', () => {
    const path = manifestFile('ok.json', [model('Ci', { ci: true }), model('Deep', { profile: 'deep' }), model('Sim', SIM)]);
    expect(loadManifest(path).models.map((m) => m.profile)).toEqual([undefined, 'deep', 'simulate']);
  });
  it('rejects an unknown profile, naming the field', () => {
    expect(() => loadManifest(manifestFile('p.json', [model('A', { profile: 'huge' })]))).toThrow(/models\.0\.profile/);
  });
  it('rejects a profile model in CI', () => {
    expect(() => loadManifest(manifestFile('ci.json', [model('A', { profile: 'deep', ci: true })]))).toThrow(/never a CI model/);
  });
  it('rejects a simulate model without settings, settings without the profile, and a simulate model expecting success', () => {
    const noSettings = { ...SIM, simulate: undefined };
    expect(() => loadManifest(manifestFile('s1.json', [model('A', noSettings)]))).toThrow(/models\.0\.simulate/);
    expect(() => loadManifest(manifestFile('s2.json', [model('A', { simulate: SIM.simulate })]))).toThrow(/go together/);
    expect(() => loadManifest(manifestFile('s3.json', [model('A', { ...SIM, expected: 'success', violated: null })]))).toThrow(/must expect a violation/);
  });
  it('rejects malformed simulate settings and partial-run figures', () => {
    expect(() => loadManifest(manifestFile('s4.json', [model('A', { ...SIM, simulate: { depth: 0, seed: 1, budgetSeconds: 5 } })]))).toThrow(/simulate\.depth/);
    expect(() => loadManifest(manifestFile('pr.json', [model('A', { profile: 'deep', partial: { minutes: 7 } })]))).toThrow(/models\.0\.partial/);
  });
  it('rejects a reducedFrom naming no model', () => {
    expect(() => loadManifest(manifestFile('r.json', [model('A', { reducedFrom: 'Nope' })]))).toThrow(/reducedFrom Nope/);
  });
});

describe('check --profile', () => {
  const manifest = loadManifest();
  const names = (models: ManifestModel[]): string[] => models.map((m) => m.name);

  it('selects exactly the models of the profile, none of them CI', () => {
    for (const profile of ['deep', 'simulate'] as const) {
      const selected = selectModels(manifest, [], false, profile);
      expect(selected.length, profile).toBeGreaterThan(0);
      expect(names(selected)).toEqual(names(manifest.models.filter((m) => m.profile === profile)));
      expect(selected.filter((m) => m.ci)).toEqual([]);
    }
    expect(names(selectModels(manifest, [], false))).not.toContain('MCDeepLarge');
  });

  it('simulate has one model per bug variant of the main family, each at the large bounds', () => {
    const sims = selectModels(manifest, [], false, 'simulate');
    const bugVariants = new Set(manifest.models.filter((m) => m.module === 'MC.tla' && m.expected !== 'success').map((m) => m.variant));
    expect(new Set(sims.map((m) => m.variant))).toEqual(bugVariants);
    expect(sims.length).toBe(bugVariants.size);
  });

  it('--list prints the selected models of a fixture manifest and runs nothing', async () => {
    const path = manifestFile('list.json', [model('Ci', { ci: true }), model('Deep', { profile: 'deep' }), model('Sim', SIM)]);
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    expect(await main(['check', '--manifest', path, '--profile', 'deep', '--list'])).toBe(0);
    expect(await main(['check', '--manifest', path, '--profile', 'simulate', '--list'])).toBe(0);
    expect(out).toEqual(['Deep\tdeep\tDeep.cfg', 'Sim\tsimulate\tSim.cfg']);
  });

  it('an unknown profile, or --profile with --all, is bad usage (exit 2)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    expect(await main(['check', '--profile', 'huge', '--list'])).toBe(2);
    expect(await main(['check', '--profile', 'deep', '--all', '--list'])).toBe(2);
    expect(errors[0]).toMatch(/--profile wants one of deep, simulate/);
  });
});

describe('reduced models', () => {
  const manifest = loadManifest();
  const reduced = manifest.models.filter((m) => m.reducedFrom !== undefined);

  it('give the verdict of their unreduced model with fewer states, at the same depth', () => {
    expect(reduced.length).toBeGreaterThan(0);
    for (const m of reduced) {
      const full = manifest.models.find((x) => x.name === m.reducedFrom);
      expect([m.expected, m.violated], m.name).toEqual([full?.expected, full?.violated]);
      expect(m.distinctStates, m.name).toBeLessThan(full?.distinctStates ?? 0);
      expect(m.depth, m.name).toBe(full?.depth);
    }
  });
});

describe('judging a simulate model with the real TLC', () => {
  const tlc = { jarRecordFile: TLC_RECORD_FILE };

  it('MCSimBug_M4_InsertedSeqsOdd: simulation at the large bounds finds the violation', async () => {
    const entry = loadManifest().models.find((m) => m.name === 'MCSimBug_M4_InsertedSeqsOdd');
    expect(entry?.profile).toBe('simulate');
    const { check, result } = await checkModel(modelToCheck(entry!), { tlc });
    expect(check.mismatches).toEqual([]);
    expect(check.ok).toBe(true);
    expect([check.actual, check.violated]).toEqual(['safety failure', 'InsertedSeqsOdd']);
    expect(result.trace.length).toBeGreaterThan(1);
  }, 120_000);

  it('a fixture manifest: a violation is found, and a property that holds is "not found within the budget"', async () => {
    const rel = (file: string): string => relative(dir, join(FIXTURES, file));
    const path = manifestFile('sim.json', [
      // The budget includes the JVM's start (seconds on a loaded machine).
      model('Found', { ...SIM, module: rel('InvariantViolation.tla'), cfg: rel('InvariantViolation.cfg'), violated: 'CountBelowTwo', simulate: { depth: 10, seed: 1, budgetSeconds: 60 } }),
      model('NotFound', { ...SIM, module: rel('Counter.tla'), cfg: rel('Counter.cfg'), violated: 'TypeOK', simulate: { depth: 10, seed: 1, budgetSeconds: 15 } }),
    ]);
    const [found, notFound] = loadManifest(path).models.map((m) => modelToCheck(m, path));
    const yes = await checkModel(found!, { tlc });
    expect([yes.check.ok, yes.check.actual, yes.check.violated]).toEqual([true, 'safety failure', 'CountBelowTwo']);
    const no = await checkModel(notFound!, { tlc });
    expect(no.check.ok).toBe(false);
    expect(no.check.actual).toBe('error');
    expect(no.check.errors.join('\n')).toMatch(/stopped/);
  }, 120_000);
});
