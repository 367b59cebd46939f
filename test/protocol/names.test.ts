/**
 * The shared vocabulary of src/protocol agrees with the TLA+ spec: every
 * action name is an operator the spec defines, every action the spec's
 * TypeOK admits is in the vocabulary, every variant the spec or a model
 * mentions is a known variant, and the pc lists match the spec's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, PC_VALUES, ProtocolState, VARIANT_NAMES } from '../../src/protocol/index.ts';

const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');
/** Files of the spec folder and its models/ subfolders, as paths relative to it. */
const files = (ext: string) => readdirSync(SPEC_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext));
const read = (f: string) => readFileSync(join(SPEC_DIR, f), 'utf8');
const tlaText = files('.tla').map(read).join('\n');

/** Names defined at the start of a line: `Name ==` or `Name(args) ==`. */
function definedOperators(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\([^)]*\))?\s*==/gm)) names.add(m[1]!);
  return names;
}

/** The string elements of a TLA+ set literal `Name == {"a", "b", ...}` in one module. */
function stringSet(text: string, name: string): string[] {
  const m = new RegExp(`^${name}\\s*==\\s*\\{([^}]*)\\}`, 'm').exec(text);
  if (!m) throw new Error(`spec defines no set ${name}`);
  return [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
}

describe('action names', () => {
  const operators = definedOperators(tlaText);

  it('every action of src/protocol/actions.ts is an operator of the spec', () => {
    const missing = ACTION_NAMES.filter((a) => !operators.has(a));
    expect(missing).toEqual([]);
  });

  it('the actions of the mainline Next are exactly TypeOK\'s ActionNames, all in the vocabulary', () => {
    const main = read('MMUNotifier.tla');
    const body = main.slice(main.indexOf('InvStep(t) =='), main.indexOf('Quiescent =='));
    const disjuncts = [...body.matchAll(/\\\/\s+(?:\\E [^:]+:\s*)?([a-z_]+)\b/g)].map((m) => m[1]!);
    expect(disjuncts.length).toBeGreaterThan(15);
    const inTypeOK = stringSet(read('MMUNotifierProperties.tla'), 'ActionNames').filter((a) => a !== 'Init');
    expect([...disjuncts].sort()).toEqual([...inTypeOK].sort());
    expect(inTypeOK.filter((a) => !(ACTION_NAMES as string[]).includes(a))).toEqual([]);
  });

  it('every Act("name", ...) of the spec is a known action', () => {
    const used = new Set([...tlaText.matchAll(/\bAct\("([^"]+)"/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(10);
    const known = new Set<string>([...ACTION_NAMES, 'Init']);
    const extra = new Set(stringSet(read('MMUNotifierProperties.tla'), 'ActionNames'));
    expect([...used].filter((a) => !known.has(a) && !extra.has(a))).toEqual([]);
  });
});

describe('variant names', () => {
  const known = new Set<string>(VARIANT_NAMES);

  it('every variant the spec tests with Is("...") is in variants.ts', () => {
    const used = [...tlaText.matchAll(/\bIs\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    expect([...new Set(used)].filter((v) => !known.has(v))).toEqual([]);
  });

  it('every Variant a model config sets is in variants.ts', () => {
    const used = files('.cfg').flatMap((f) => [...read(f).matchAll(/^\s*Variant\s*=\s*"([^"]+)"/gm)].map((m) => m[1]!));
    expect(used).toContain('mainline');
    expect([...new Set(used)].filter((v) => !known.has(v))).toEqual([]);
  });

  it('every variant of the manifest is in variants.ts', () => {
    const manifest = JSON.parse(read('manifest.json')) as { models: { variant: string }[] };
    expect(manifest.models.map((m) => m.variant).filter((v) => !known.has(v))).toEqual([]);
  });
});

describe('program counters', () => {
  const base = read('MMUNotifierBase.tla');
  it.each([
    ['invalidator', 'InvPcs'],
    ['faulter', 'FltPcs'],
    ['manager', 'MgrPcs'],
  ] as const)('PC_VALUES.%s equals the spec set %s', (kind, setName) => {
    expect([...stringSet(base, setName)].sort()).toEqual([...PC_VALUES[kind]].sort());
  });
});

describe('state variables', () => {
  it('the JSON state schema has exactly the spec\'s variables', () => {
    const base = read('MMUNotifierBase.tla');
    const block = /^VARIABLES\n([\s\S]*?)\n\n/m.exec(base)?.[1] ?? '';
    const variables = [...block.matchAll(/^\s+([a-zA-Z]+),?\s*\\\*/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(10);
    expect([...variables].sort()).toEqual(Object.keys(ProtocolState.shape).sort());
  });
});
