/**
 * The spec families whose states src/validation writes as TLA+. A run can
 * be validated against two: the mainline modules (spec/MMUNotifier.tla,
 * World) and the hole-punch modules (spec/HolePunch.tla, HolePunchWorld).
 * The invariant probe also reads the process-exit, hlist and owner-skip
 * families (their checkers against TLC). What the generators need of each:
 * the module to extend, the variables (in the spec's order), which JSON
 * arrays are TLA+ sets, and the spec's constants as cfg lines.
 */
import { isExit, isHlist, isHolePunch, isOwnerSkip, type ModelConstants } from '../codegen/model-constants.ts';
import { tlaString } from './tla-text.ts';

/** What differs between the families for the generated modules (trace specs, invariant probes). */
export interface StateFamily {
  readonly name: 'mainline' | 'holepunch' | 'exit' | 'hlist' | 'ownerskip';
  /** The spec module the generated module EXTENDS (for trace validation it defines Init, InvStep, FltStep, MgrStep, Next). */
  readonly module: string;
  /**
   * What the family's models add to the cfg's CONSTANTS: the hook
   * definitions they override (`ExtraInvPcs <- HlistExtraInvPcs`, on which
   * TypeOK depends) and values for spec/MC.tla's i1, i2.
   */
  readonly cfgLines?: readonly string[];
  /**
   * The safety invariants every recorded state must satisfy (names of
   * the module's operators): the set every safety model of the family
   * checks (spec/models/mainline/MCSafety.cfg; the invariants common to
   * all of spec/models/holepunch/*.cfg).
   */
  readonly invariants: readonly string[];
  /** The state variables, in the spec's order. */
  readonly variables: readonly string[];
  /** Whether the JSON array at `path` (`tree`, `relq.i1`, `lastAction.args.subs`) is a TLA+ set. */
  isSet(path: string): boolean;
}

const MAINLINE_VARS = ['seq', 'active', 'tree', 'deferred', 'waitq', 'subs', 'pte', 'spte', 'ulock', 'pc', 'inv', 'flt', 'mgr', 'lastAction'] as const;

/** spec/MMUNotifier.tla: `deferred` is a set. */
export const MAINLINE: StateFamily = {
  name: 'mainline',
  module: 'MMUNotifierProperties',
  invariants: [
    'TypeOK', 'OddSeqImpliesActive', 'DeferredOnlyWhileOdd', 'InsertedSeqsOdd', 'LifecycleMatchesTreeAndList', 'WalkersOnlyWhileOdd',
    'WalkersShareEpochSeq', 'NoUseAfterFree', 'RemoveReturnsUnlinked', 'PendingInsertSeqIsEpoch', 'DriverLockHeldInCriticalSections',
    'NoStaleDeviceEntry', 'ZappedBeforeMutate',
  ],
  variables: MAINLINE_VARS,
  isSet: (path) => path === 'tree' || path === 'waitq' || path === 'deferred',
};

/**
 * spec/HolePunch.tla (through HolePunchProperties, which EXTENDS it and
 * defines the invariants): `deferred` is a sequence (the hlist); upd, relq,
 * hp, work, mmap, vma added. NoCoverageLoss, NoFaultUseAfterRelease and
 * NoOverlapWhenSettled are left out: only some hole-punch models check them
 * (they are the questions of those models, not properties of every strategy).
 */
export const HOLEPUNCH: StateFamily = {
  name: 'holepunch',
  module: 'HolePunchProperties',
  invariants: [
    'TypeOK', 'OddSeqImpliesActive', 'DeferredOnlyWhileOdd', 'DeferredListNoDuplicates', 'InsertedSeqsOdd', 'WalkersOnlyWhileOdd',
    'PendingInsertSeqIsEpoch', 'NoUseAfterFree', 'NoStaleDeviceEntry',
  ],
  variables: [...MAINLINE_VARS, 'upd', 'relq', 'hp', 'work', 'mmap', 'vma'],
  isSet: (path) =>
    path === 'tree' || path === 'waitq' || path === 'vma' || path === 'mmap.readers' || path === 'lastAction.args.subs' || /^relq\.[^.]+$/.test(path),
};

/**
 * spec/ProcessExit.tla, through spec/MCExit.tla, which defines the exit
 * models' invariants (and, through spec/MC.tla, the model values i1, i2).
 * The mainline invariants less ZappedBeforeMutate, which the release walk
 * passes without changing a PTE (ZappedBeforeUnmap instead).
 */
export const EXIT: StateFamily = {
  name: 'exit',
  module: 'MCExit',
  cfgLines: ['i1 = "i1"', 'i2 = "i2"', 'ExtraActionNames <- ExitActionNames'],
  invariants: [
    ...MAINLINE.invariants.filter((i) => i !== 'ZappedBeforeMutate'),
    'NoCoverageLossOutsideRemove', 'ZappedBeforeUnmap', 'NoInsertAfterExit', 'NoStaleDeviceEntryWhileDeviceRuns',
  ],
  variables: [...MAINLINE_VARS, 'ext'],
  isSet: (path) => MAINLINE.isSet(path),
};

/** spec/HlistNotifier.tla: `hl[t].started` is a set of hlist subscribers. */
export const HLIST: StateFamily = {
  name: 'hlist',
  module: 'HlistNotifier',
  // As spec/models/export/MCExport_Hlist.cfg: dmirror's shape with the hlist walk after the tree's.
  cfgLines: ['AfterTreeWalk <- HlistAfterTreeWalk', 'HlistEndOwed <- HlistEndOwedHere', 'ExtraInvPcs <- HlistExtraInvPcs', 'ExtraActionNames <- HlistExtraActionNames'],
  invariants: [...MAINLINE.invariants, 'HlistStartsPaired', 'NoStaleDeviceEntryAnywhere'],
  variables: [...MAINLINE_VARS, 'hl'],
  isSet: (path) => MAINLINE.isSet(path) || /^hl\.[^.]+\.started$/.test(path),
};

/** spec/OwnerSkip.tla: devmem and migent are sets of pages. The invariants of its models. */
export const OWNERSKIP: StateFamily = {
  name: 'ownerskip',
  module: 'OwnerSkip',
  invariants: [
    'TypeOK', 'OddSeqImpliesActive', 'InsertedSeqsOdd', 'WalkersOnlyWhileOdd', 'WalkersShareEpochSeq', 'DriverLockHeldInCriticalSections',
    'NoCoverageLoss', 'NoStaleDeviceEntry',
  ],
  variables: [...MAINLINE_VARS, 'devmem', 'migent', 'mig'],
  isSet: (path) => MAINLINE.isSet(path) || path === 'devmem' || path === 'migent',
};

/** The family whose constants these are (trace validation: mainline or hole punch). */
export function familyOf(c: ModelConstants): StateFamily {
  return isHolePunch(c) ? HOLEPUNCH : MAINLINE;
}

const set = (xs: readonly string[]): string => `{${xs.map(tlaString).join(', ')}}`;
const seq = (xs: readonly string[]): string => `<<${xs.map(tlaString).join(', ')}>>`;
const bool = (b: boolean): string => (b ? 'TRUE' : 'FALSE');
const pairs = (xs: ReadonlyArray<readonly [number, number]>): string => `{${xs.map(([a, b]) => `<<${a}, ${b}>>`).join(', ')}}`;
const fn = (ids: readonly string[], m: Record<string, number>): string =>
  ids.length === 0 ? '<<>>' : `(${ids.map((id) => `${tlaString(id)} :> ${m[id] ?? 0}`).join(' @@ ')})`;

/**
 * The constants as TLA+ definitions (for the module) and cfg lines that
 * bind the spec's CONSTANTS to them, so any size can be validated without
 * a model of its own (the small models of spec/MC*.tla stay as they are).
 */
export function constantBindings(c: ModelConstants): { definitions: string[]; cfg: string[] } {
  const defs: Array<[constant: string, value: string]> = [
    ['Variant', tlaString(c.variant)],
    ['NPages', String(c.npages)],
    ['SubList', seq(c.subList)],
    ['SubStart', fn(c.subList, c.subStart)],
    ['SubLast', fn(c.subList, c.subLast)],
    ['Invalidators', set(c.invalidators)],
    ['Faulters', set(c.faulters)],
    ['Mgr', tlaString(c.mgr)],
    ['InvRanges', pairs(c.invRanges)],
    ['Blockable', `{${c.blockable.map(bool).join(', ')}}`],
    ['MaxInv', String(c.maxInv)],
    ['MaxFaults', String(c.maxFaults)],
    ['MaxTries', String(c.maxTries)],
  ];
  if (isHolePunch(c)) {
    defs.push(
      ['Strategy', tlaString(c.strategy)],
      ['Unmappers', set(c.unmappers)],
      ['UnmapRanges', pairs(c.unmapRanges)],
      ['InitTree', set(c.initTree)],
      ['AmdkfdFix', tlaString(c.amdkfdFix)],
      ['InvalidatorContext', tlaString(c.invalidatorContext)],
      ['FaultRecheck', bool(c.faultRecheck)],
    );
  }
  if (isExit(c)) {
    defs.push(
      ['Exiter', tlaString(c.exiter)],
      ['ExitDriver', tlaString(c.exitDriver)],
      ['HlistStopsDevice', bool(c.hlistStopsDevice)],
      ['InsertGuard', tlaString(c.insertGuard)],
    );
  }
  if (isHlist(c)) {
    // nouveau's shape is an operator override of the model's cfg (AfterSetSeq), not a constant.
    if (c.driverShape !== 'dmirror') throw new Error(`the ${c.driverShape} driver shape is a cfg override; only dmirror's is bound here`);
    defs.push(
      ['HlistSubs', seq(c.hlistSubs)],
      ['HlistFailing', set(c.hlistFailing)],
      ['HlistZapping', set(c.hlistZapping)],
      ['HlistPaired', set(c.hlistPaired)],
      ['HlistPairsEnds', bool(c.hlistPairsEnds)],
      ['HlistFix', tlaString(c.hlistFix)],
    );
  }
  if (isOwnerSkip(c)) {
    defs.push(
      ['Migrators', set(c.migrators)],
      ['OwnerSkip', tlaString(c.ownerSkip)],
      ['MigrationEntries', bool(c.migrationEntries)],
      ['FinalizeTakesLock', bool(c.finalizeTakesLock)],
      ['FinalizeStores', bool(c.finalizeStores)],
      ['InitTree', set(c.initTree)],
      ['InitDevmem', `{${c.initDevmem.join(', ')}}`],
    );
  }
  // Each constant C is bound to a definition TVC of the generated module.
  return {
    definitions: defs.map(([constant, value]) => `TV${constant} == ${value}`),
    cfg: defs.map(([constant]) => `    ${constant} <- TV${constant}`),
  };
}
