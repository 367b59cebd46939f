/**
 * The hole-punch spec's states fit src/protocol/hole-punch-state.ts: the
 * counterexample of MCHolePunchShrinkFirst, produced by the real TLC, is
 * converted state by state to JSON and validated. The last state shows the
 * SAFE-1 violation the README walks through: page 3 covered again by the new
 * interval while its device entry still holds the old version.
 */
import { describe, expect, it } from 'vitest';
import { modelFiles, loadManifest } from '../../src/manifest/manifest.ts';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { HolePunchState } from '../../src/protocol/hole-punch-state.ts';
import { runTlc, stateToPlainJson, type TlcState } from 'tla2tools-runner';

/** One TLC state as protocol JSON (an action without arguments has args {}). */
function toJson(state: TlcState): unknown {
  const json = stateToPlainJson(state) as Record<string, unknown>;
  const last = json.lastAction as { args?: unknown } | undefined;
  if (last && Array.isArray(last.args) && last.args.length === 0) last.args = {};
  return json;
}

describe('hole-punch state schema', () => {
  it('accepts every state of the shrink-then-insert counterexample', async () => {
    const model = loadManifest().models.find((m) => m.name === 'MCHolePunchShrinkFirst')!;
    const files = modelFiles(model);
    const result = await runTlc({ spec: files.spec, config: files.config, workers: 1, jarRecordFile: TLC_RECORD_FILE }).result;
    expect(result.violated).toBe('NoStaleDeviceEntry');
    expect(result.trace.length).toBe(model.depth);
    const states = result.trace.map((step) => HolePunchState.parse(toJson(step.state!)));
    const last = states[states.length - 1]!;
    expect(last.lastAction.name).toBe('mmu_interval_notifier_insert_safe');
    expect(last.tree).toEqual(['s1', 's2']);
    expect(last.subs.s1).toMatchObject({ start: 1, last: 1 });
    expect(last.subs.s2).toMatchObject({ start: 3, last: 3 });
    expect(last.spte[2]).not.toBe(last.pte[2]);
    expect(last.spte[2]).not.toBe(0);
  }, 120_000);
});
