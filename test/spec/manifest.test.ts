/**
 * The manifest reader rejects bad files with a message that names the file
 * and the problem; model selection and figure recording of `check`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verdictOfOutcome } from '../../src/manifest/verdict.ts';
import type { ModelCheck } from '../../src/pipeline/check-models.ts';
import { recordFigures, selectModels } from '../../src/cli/commands/check.ts';
import { loadManifest, ManifestError, type Manifest, type ManifestModel } from '../../src/manifest/manifest.ts';

const dir = mkdtempSync(join(tmpdir(), 'manifest-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(name: string, over: Partial<ManifestModel> = {}): ManifestModel {
  return {
    name, module: 'MC.tla', cfg: `${name}.cfg`, kind: 'safety', variant: 'mainline', expected: 'success',
    violated: null, ci: true, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null, ...over,
  };
}

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadManifest', () => {
  it('reads a valid manifest', () => {
    const path = write('ok.json', JSON.stringify({ models: [model('A')] }));
    expect(loadManifest(path).models.map((m) => m.name)).toEqual(['A']);
  });
  it('names the file when it is not JSON', () => {
    const path = write('bad.json', '{ models: ');
    expect(() => loadManifest(path)).toThrow(ManifestError);
    expect(() => loadManifest(path)).toThrow(/bad\.json/);
  });
  it('names the field of an invalid entry', () => {
    const path = write('field.json', JSON.stringify({ models: [{ ...model('A'), expected: 'fails somehow' }] }));
    expect(() => loadManifest(path)).toThrow(/models\.0\.expected/);
  });
  it('rejects a duplicate model name', () => {
    const path = write('dup.json', JSON.stringify({ models: [model('A'), model('A')] }));
    expect(() => loadManifest(path)).toThrow(/A appears twice/);
  });
  it('reports a missing file as a ManifestError', () => {
    expect(() => loadManifest(join(dir, 'absent.json'))).toThrow(ManifestError);
  });
});

describe('selectModels', () => {
  const manifest: Manifest = { models: [model('A'), model('B', { ci: false })] };
  it('takes the CI models by default, all with --all, named ones on request', () => {
    expect(selectModels(manifest, [], false).map((m) => m.name)).toEqual(['A']);
    expect(selectModels(manifest, [], true).map((m) => m.name)).toEqual(['A', 'B']);
    expect(selectModels(manifest, ['B'], false).map((m) => m.name)).toEqual(['B']);
  });
  it('rejects an unknown name', () => {
    expect(() => selectModels(manifest, ['C'], false)).toThrow(/no model named 'C'/);
  });
});

describe('recordFigures', () => {
  const check = (name: string, actual: string): ModelCheck => ({
    name, expected: 'success', actual, violated: null, distinctStates: 10, totalStates: 20, depth: 3,
    durationMs: 1234, mismatches: [], ok: true, errors: [],
  });
  it('records the figures of models whose verdict matched, and only those', () => {
    const manifest: Manifest = { models: [model('A'), model('B')] };
    expect(recordFigures(manifest, [check('A', 'success'), check('B', 'safety failure')])).toBe(1);
    expect(manifest.models[0]).toMatchObject({ distinctStates: 10, totalStates: 20, depth: 3, runtimeSeconds: 1.2 });
    expect(manifest.models[1]?.distinctStates).toBeNull();
  });
});

describe('verdictOfOutcome', () => {
  it('spells TLC outcomes as the manifest does', () => {
    expect(verdictOfOutcome('success')).toBe('success');
    expect(verdictOfOutcome('safety')).toBe('safety failure');
    expect(verdictOfOutcome('deadlock')).toBe('deadlock failure');
    expect(verdictOfOutcome('error')).toBe('error');
  });
});
