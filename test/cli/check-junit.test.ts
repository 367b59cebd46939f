/**
 * `check --junit FILE` writes JUnit XML that parses and says per model what
 * TLC said; with GITHUB_ACTIONS=true a mismatch is also an ::error
 * annotation at the violated property's definition. Real TLC, on the tiny
 * MiniCollision fixture (a model expected to pass whose invariant fails).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const FIXTURES = join(import.meta.dirname, '..', 'report', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'check-junit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function entry(name: string, expected: string, violated: string | null) {
  return { name, module: 'MiniCollision.tla', cfg: `${name}.cfg`, kind: 'safety', variant: 'mainline', expected, violated, ci: true, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null };
}

/** A project folder with spec/ holding the fixture and a manifest; returns the manifest's path. */
function fixtureProject(): string {
  const spec = join(work, 'spec');
  mkdirSync(spec, { recursive: true });
  for (const f of ['MiniCollision.tla', 'MiniCollisionCorrect.cfg', 'MiniCollisionSafety.cfg']) copyFileSync(join(FIXTURES, f), join(spec, f));
  const manifest = join(spec, 'manifest.json');
  // The Safety model is wrongly expected to pass: TLC finds its invariant Safe violated.
  writeFileSync(manifest, JSON.stringify({ models: [entry('MiniCollisionCorrect', 'success', null), entry('MiniCollisionSafety', 'success', null)] }));
  return manifest;
}

describe('check --junit and GitHub annotations', () => {
  it('writes valid JUnit with one case per model and annotates the mismatch at its property', async () => {
    const manifest = fixtureProject();
    const junit = join(work, 'junit.xml');
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const status = await main(['check', '--manifest', manifest, '--junit', junit, '--jobs', '1']);
    expect(status).toBe(1);

    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    type Suite = { tests: string; failures: string; testcase: unknown };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { testsuite: Suite } };
    const suite = doc.testsuites.testsuite;
    expect(suite.tests).toBe('2');
    expect(suite.failures).toBe('1');
    const cases = suite.testcase as Array<{ name: string; failure?: { message: string; '#text': string } }>;
    expect(cases.map((c) => c.name)).toEqual(['MiniCollisionCorrect', 'MiniCollisionSafety']);
    expect(cases[0]!.failure).toBeUndefined();
    expect(cases[1]!.failure!.message).toBe('expected success, TLC said safety failure (Safe)');
    // The failure text carries the counterexample as swimlanes (a lane per thread: f1 is the faulter).
    expect(cases[1]!.failure!['#text']).toContain('f1');

    const line = readFileSync(join(work, 'spec', 'MiniCollision.tla'), 'utf8').split('\n').findIndex((l) => l.startsWith('Safe ==')) + 1;
    const annotations = out.filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(new RegExp(`^::error file=spec/MiniCollision\\.tla,line=${line},title=MiniCollisionSafety%3A not as the manifest expects::verdict safety failure`));
  });
});
