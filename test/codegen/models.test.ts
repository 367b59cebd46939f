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
    // The owner-skip family has its world (src/impl/ownerskip).
    expect([...counterexamples]).toEqual(expect.arrayContaining(['MCOwnerSkipToDevice', 'MCOwnerSkipDevmemFault']));
  });

  it('leaves out the failing models no implementation world replays, which the manifest lists', () => {
    const specOnly = failing.filter((m) => !replaysOnImplementation(m)).map((m) => m.name);
    // The simulation profile's bug models: bounds far beyond an exported graph.
    expect(specOnly).toEqual(expect.arrayContaining(['MCSimBug_M2_RemoveReturnsUnlinked', 'MCSimBug_M4_InsertedSeqsOdd']));
    expect(specOnly.filter((n) => counterexamples.has(n))).toEqual([]);
  });
});
