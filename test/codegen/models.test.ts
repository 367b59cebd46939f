/**
 * The generator's model list (src/codegen/models.ts): every failing model of
 * spec/manifest.json becomes a counterexample model, except those no
 * implementation world replays (`replay: false`, profile models), which the
 * manifest still lists and `check` still runs.
 */
import { describe, expect, it } from 'vitest';
import { discoverModels } from '../../src/codegen/models.ts';
import { loadManifest, replaysOnImplementation } from '../../src/manifest/manifest.ts';
import { PATHS } from '../conformance/project.ts';

const specDir = PATHS.specDir;
const failing = loadManifest().models.filter((m) => m.expected !== 'success');

describe('discoverModels', () => {
  const counterexamples = new Set(discoverModels(specDir).filter((m) => m.kind === 'counterexample').map((m) => m.name));

  it('takes every failing model whose module has an implementation world', () => {
    const replayable = failing.filter(replaysOnImplementation).map((m) => m.name);
    expect(replayable.length).toBeGreaterThan(0);
    expect(replayable.filter((n) => !counterexamples.has(n))).toEqual([]);
  });

  it('leaves out the failing models no implementation world replays, which the manifest lists', () => {
    const specOnly = failing.filter((m) => !replaysOnImplementation(m)).map((m) => m.name);
    expect(specOnly).toEqual(expect.arrayContaining(['MCOwnerSkipToDevice', 'MCOwnerSkipDevmemFault']));
    expect(specOnly.filter((n) => counterexamples.has(n))).toEqual([]);
  });
});
