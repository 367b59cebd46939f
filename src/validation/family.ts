/**
 * The two spec families a run can be validated against: the mainline
 * modules (spec/MMUNotifier.tla, World) and the hole-punch modules
 * (spec/HolePunch.tla, HolePunchWorld). What the trace-module generator
 * needs of each: the module to extend, the variables (in the spec's order),
 * which JSON arrays are TLA+ sets, and the spec's constants as cfg lines.
 */
import { isHolePunch, type ModelConstants } from '../codegen/model-constants.ts';
import { tlaString } from './tla-text.ts';

/** What differs between the families for trace validation. */
export interface StateFamily {
  readonly name: 'mainline' | 'holepunch';
  /** The spec module the trace module EXTENDS (it defines Init, InvStep, FltStep, MgrStep, Next). */
  readonly module: string;
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

/** The family whose constants these are. */
export function familyOf(c: ModelConstants): StateFamily {
  return isHolePunch(c) ? HOLEPUNCH : MAINLINE;
}

const set = (xs: readonly string[]): string => `{${xs.map(tlaString).join(', ')}}`;
const pairs = (xs: ReadonlyArray<readonly [number, number]>): string => `{${xs.map(([a, b]) => `<<${a}, ${b}>>`).join(', ')}}`;
const fn = (ids: readonly string[], m: Record<string, number>): string =>
  ids.length === 0 ? '<<>>' : `(${ids.map((id) => `${tlaString(id)} :> ${m[id] ?? 0}`).join(' @@ ')})`;

/**
 * The constants as TLA+ definitions (for the module) and cfg lines that
 * bind the spec's CONSTANTS to them, so any size can be validated without
 * a model of its own (the small models of spec/MC*.tla stay as they are).
 */
export function constantBindings(c: ModelConstants): { definitions: string[]; cfg: string[] } {
  const defs: Array<[string, string, string]> = [
    ['Variant', 'TVVariant', tlaString(c.variant)],
    ['NPages', 'TVNPages', String(c.npages)],
    ['SubList', 'TVSubList', `<<${c.subList.map(tlaString).join(', ')}>>`],
    ['SubStart', 'TVSubStart', fn(c.subList, c.subStart)],
    ['SubLast', 'TVSubLast', fn(c.subList, c.subLast)],
    ['Invalidators', 'TVInvalidators', set(c.invalidators)],
    ['Faulters', 'TVFaulters', set(c.faulters)],
    ['Mgr', 'TVMgr', tlaString(c.mgr)],
    ['InvRanges', 'TVInvRanges', pairs(c.invRanges)],
    ['Blockable', 'TVBlockable', `{${c.blockable.map((b) => (b ? 'TRUE' : 'FALSE')).join(', ')}}`],
    ['MaxInv', 'TVMaxInv', String(c.maxInv)],
    ['MaxFaults', 'TVMaxFaults', String(c.maxFaults)],
    ['MaxTries', 'TVMaxTries', String(c.maxTries)],
  ];
  if (isHolePunch(c)) {
    defs.push(
      ['Strategy', 'TVStrategy', tlaString(c.strategy)],
      ['Unmappers', 'TVUnmappers', set(c.unmappers)],
      ['UnmapRanges', 'TVUnmapRanges', pairs(c.unmapRanges)],
      ['InitTree', 'TVInitTree', set(c.initTree)],
      ['AmdkfdFix', 'TVAmdkfdFix', tlaString(c.amdkfdFix)],
      ['InvalidatorContext', 'TVInvalidatorContext', tlaString(c.invalidatorContext)],
      ['FaultRecheck', 'TVFaultRecheck', c.faultRecheck ? 'TRUE' : 'FALSE'],
    );
  }
  return {
    definitions: defs.map(([, name, value]) => `${name} == ${value}`),
    cfg: defs.map(([constant, name]) => `    ${constant} <- ${name}`),
  };
}
