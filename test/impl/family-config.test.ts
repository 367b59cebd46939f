/**
 * The option checks of the hlist, exit and owner-skip worlds: every
 * constant the spec does not have is refused with a message naming it,
 * and each constant the spec has is taken.
 */
import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../src/impl/errors.ts';
import { checkExitConfig, type ExitConfig, type ExitWorldConfig } from '../../src/impl/exit/config.ts';
import { type HlistConfig, hlistKinds } from '../../src/impl/hlist/config.ts';
import { HolePunchWorld } from '../../src/impl/holepunch/world.ts';
import { checkOwnerSkipConfig, DMIRROR_AS_WRITTEN, type OwnerSkipWorldConfig } from '../../src/impl/ownerskip/config.ts';
import { SMALL_MODEL } from './small-model.ts';
import { holePunchModel } from './world-fixtures.ts';

/** spec/HlistNotifier.tla's two kinds: KVM-like k (start + end) and nouveau's n (failing, zapping). */
const HLIST: HlistConfig = { subs: ['k', 'n'], failing: ['n'], zapping: ['n'], paired: ['k'], pairsEnds: true, fix: 'none' };

describe('hlistKinds', () => {
  it('names nouveau and paired subscribers, with either fix', () => {
    expect([...hlistKinds(HLIST)]).toEqual([
      ['k', 'paired'],
      ['n', 'nouveau'],
    ]);
    expect([...hlistKinds({ ...HLIST, fix: 'itree_inv_end_on_hlist_eagain' }).keys()]).toEqual(['k', 'n']);
  });

  it('refuses a fix the spec does not have, listing the ones it has', () => {
    expect(() => hlistKinds({ ...HLIST, fix: 'other' as HlistConfig['fix'] })).toThrow(
      new OptionsError('unknown hlist fix other: use one of none, itree_inv_end_on_hlist_eagain'),
    );
  });

  it('refuses every other mix of failing, zapping and paired', () => {
    const mixes: Array<Partial<HlistConfig>> = [
      { failing: ['n'], zapping: [], paired: [] }, // failing only
      { failing: [], zapping: ['n'], paired: [] }, // zapping only
      { failing: ['n'], zapping: ['n'], paired: ['n'] }, // nouveau's and paired
      { failing: [], zapping: [], paired: [] }, // nothing
    ];
    for (const mix of mixes) {
      expect(() => hlistKinds({ ...HLIST, subs: ['n'], ...mix })).toThrow(
        new OptionsError("hlist subscriber n: supported are nouveau's (failing and zapping) and a paired one (start + end)"),
      );
    }
    for (const mix of [{ failing: ['k'] }, { zapping: ['k'] }]) {
      expect(() => hlistKinds({ ...HLIST, subs: ['k'], ...mix })).toThrow(/hlist subscriber k:/);
    }
  });
});

const EXIT: ExitConfig = { exiter: 'i2', driver: 'dmirror', hlistStopsDevice: false, insertGuard: 'mmget' };
const exitModel = (e: Partial<ExitConfig>): ExitWorldConfig => ({ ...SMALL_MODEL, exit: { ...EXIT, ...e } });

describe('checkExitConfig', () => {
  it('returns the exit constants it accepts', () => {
    expect(checkExitConfig(exitModel({}))).toEqual(EXIT);
    expect(checkExitConfig(exitModel({ exiter: 'i1', driver: 'amdkfd_mmget', insertGuard: 'none' }))).toMatchObject({ exiter: 'i1' });
  });

  it('refuses an exiter that is not an invalidator, an unknown driver and an unknown insert guard', () => {
    expect(() => checkExitConfig(exitModel({ exiter: 'f1' }))).toThrow(new OptionsError('the exiter f1 must be one of the invalidators (i1, i2)'));
    expect(() => checkExitConfig(exitModel({ driver: 'nouveau' as ExitConfig['driver'] }))).toThrow(
      new OptionsError('unknown exit driver nouveau: use one of dmirror, amdkfd, amdkfd_mmget'),
    );
    expect(() => checkExitConfig(exitModel({ insertGuard: 'lock' as ExitConfig['insertGuard'] }))).toThrow(
      new OptionsError('unknown insert guard lock: use one of mmget, none'),
    );
  });
});

const ownerSkipModel = (c: Partial<OwnerSkipWorldConfig>): OwnerSkipWorldConfig => ({
  ...SMALL_MODEL,
  migrators: ['i1'],
  initTree: ['s2'],
  initDevmem: [1, 2],
  setting: DMIRROR_AS_WRITTEN,
  ...c,
});

describe('checkOwnerSkipConfig', () => {
  it('accepts every owner-skip mode and pages at both ends of the mm', () => {
    for (const ownerSkip of ['dmirror', 'set_seq', 'none'] as const) {
      expect(() => checkOwnerSkipConfig(ownerSkipModel({ setting: { ...DMIRROR_AS_WRITTEN, ownerSkip } }))).not.toThrow();
    }
  });

  it('refuses an unknown mode, a migrator that is not an invalidator, an unknown initTree id and a page outside the mm', () => {
    const refused = (c: Partial<OwnerSkipWorldConfig>, message: string): void => {
      expect(() => checkOwnerSkipConfig(ownerSkipModel(c))).toThrow(new OptionsError(message));
    };
    refused({ setting: { ...DMIRROR_AS_WRITTEN, ownerSkip: 'kfd' as 'none' } }, 'unknown owner skip kfd: use one of dmirror, set_seq, none');
    refused({ migrators: ['i1', 'f1'] }, 'migrator f1 must be one of the invalidators (i1, i2)');
    refused({ initTree: ['s1', 's9'] }, 'initTree names s9, which is not a subscription of the model');
    refused({ initDevmem: [0] }, 'initDevmem page 0 must lie within 1..2');
    refused({ initDevmem: [3] }, 'initDevmem page 3 must lie within 1..2');
    refused({ initDevmem: [1.5] }, 'initDevmem page 1.5 must lie within 1..2');
  });
});

describe('HolePunchWorld options', () => {
  it('refuses an unmapper that is not an invalidator', () => {
    expect(() => new HolePunchWorld(holePunchModel('inside_callback', { unmappers: ['u', 'f'] }))).toThrow(new OptionsError('every unmapper must be an invalidator'));
    expect(() => new HolePunchWorld(holePunchModel('inside_callback', { unmappers: ['u', 'i'] }))).not.toThrow();
  });
});
