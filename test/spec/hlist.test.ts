/**
 * The hlist family (spec/HlistNotifier.tla, spec/models/hlist/): the manifest
 * asks the questions of spec/README.md "Classic (hlist) notifiers" with the
 * verdicts below (check.test.ts runs every CI model through TLC and compares
 * them), and the real TLC's counterexample of the OOM-reaper model is the one
 * the README walks through: nouveau's hlist start returns -EAGAIN after the
 * tree walk raised `active` and made `seq` odd, the invalidation ends without
 * mn_itree_inv_end, and the epoch stays open with the invalidator done.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest, modelFiles, type ManifestModel } from '../../src/manifest/manifest.ts';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { runTlc, stateToPlainJson, type TlcResult } from 'tla2tools-runner';

const manifest = loadManifest();
const hlist = manifest.models.filter((m) => m.module === 'MCHlist.tla');
const byName = new Map(hlist.map((m) => [m.name, m] as const));

/** The expected verdict and violated property of a model. */
function verdictOf(name: string): [string | undefined, string | null | undefined] {
  const m = byName.get(name);
  return [m?.expected, m?.violated];
}

/** One TLC run of a manifest model with -workers 1. */
async function tlc(model: ManifestModel): Promise<TlcResult> {
  const files = modelFiles(model);
  return runTlc({ spec: files.spec, config: files.config, workers: 1, jarRecordFile: TLC_RECORD_FILE }).result;
}

/** The variables of a trace state, as plain JSON. */
interface HlistStateJson {
  seq: number;
  active: number;
  pc: Record<string, string>;
  hl: Record<string, { next: number; failed: boolean; started: string[] }>;
  lastAction: { name: string; thread: string; args: unknown };
}

describe('hlist models in the manifest', () => {
  it('every hlist model is spec/models/hlist/<name>.cfg, mainline, with recorded figures', () => {
    expect(hlist.length).toBeGreaterThanOrEqual(8);
    for (const m of hlist) {
      expect(m.cfg, m.name).toBe(`models/hlist/${m.name}.cfg`);
      expect(m.variant, m.name).toBe('mainline');
      expect(m.distinctStates, m.name).not.toBeNull();
    }
  });

  it('answers: the OOM reaper -EAGAIN from an hlist start breaks LIVE-2..4, the fix holds, nouveau keeps SAFE-1', () => {
    expect(verdictOf('MCHlistLiveness')).toEqual(['success', null]);
    expect(verdictOf('MCHlistOomEpochCloses')).toEqual(['liveness failure', 'EpochCloses']);
    expect(verdictOf('MCHlistOomReadBeginReturns')).toEqual(['liveness failure', 'ReadBeginReturns']);
    expect(verdictOf('MCHlistOomRemoveReturns')).toEqual(['liveness failure', 'RemoveReturns']);
    expect(verdictOf('MCHlistOomFixed')).toEqual(['success', null]);
    expect(verdictOf('MCHlistV510HlistStartsPaired')).toEqual(['safety failure', 'HlistStartsPaired']);
    expect(verdictOf('MCHlistNouveauSafetyBlockable')).toEqual(['success', null]);
    for (const name of ['MCHlistOomEpochCloses', 'MCHlistOomReadBeginReturns', 'MCHlistOomRemoveReturns']) {
      expect(byName.get(name)?.counterpart, name).toBe('MCHlistOomFixed');
    }
  });

  it('the fixed model differs from the failing ones only in the fix and the blockabilities', () => {
    /** The constant assignments of a model's cfg, without HlistFix and Blockable. */
    const constants = (name: string) =>
      readFileSync(modelFiles(byName.get(name)!).config, 'utf8')
        .split('\n')
        .filter((l) => /^ {4}\w+ (=|<-) /.test(l) && !/^ {4}(HlistFix|Blockable) /.test(l));
    expect(readFileSync(modelFiles(byName.get('MCHlistOomFixed')!).config, 'utf8')).toMatch(/HlistFix = "itree_inv_end_on_hlist_eagain"/);
    expect(constants('MCHlistOomEpochCloses').length).toBeGreaterThan(20);
    expect(constants('MCHlistOomEpochCloses')).toEqual(constants('MCHlistOomFixed'));
  });
});

describe('the OOM-reaper counterexample (MCHlistOomEpochCloses, real TLC)', () => {
  it('ends with the invalidator done, active leaked and seq odd; its hlist start failed and no mn_itree_inv_end ran', async () => {
    const result = await tlc(byName.get('MCHlistOomEpochCloses')!);
    expect([result.outcome, result.violated]).toEqual(['liveness', 'EpochCloses']);
    const states = result.trace.filter((s) => s.state).map((s) => stateToPlainJson(s.state!) as unknown as HlistStateJson);
    const last = states[states.length - 1]!;
    expect(last.pc.i1).toBe('done');
    expect(last.active).toBe(1);
    expect(last.seq % 2).toBe(1);
    expect(last.hl.i1).toMatchObject({ failed: true, started: [] });
    const actions = states.map((s) => `${s.lastAction.thread}:${s.lastAction.name}`);
    const failed = states.findIndex((s) => s.lastAction.name === 'mn_hlist_invalidate_range_start' && (s.lastAction.args as { eagain?: boolean }).eagain === true);
    expect(failed).toBeGreaterThan(0);
    expect(actions.slice(failed)).toContain('i1:mn_hlist_unwind_end');
    expect(actions).not.toContain('i1:mn_itree_inv_end');
  }, 120_000);
});
