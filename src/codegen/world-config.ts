/**
 * The implementation's world for a spec model's constants: the same
 * subscriptions (SubList order = tree tie-break), threads, ranges and bounds,
 * with the model's variant (and hole-punch strategy) or an override.
 */
import { type HolePunchConfig } from '../impl/holepunch/config.ts';
import { HolePunchWorld } from '../impl/holepunch/world.ts';
import { type ExitWorldConfig } from '../impl/exit/config.ts';
import { ExitWorld } from '../impl/exit/world.ts';
import { type HlistWorldConfig } from '../impl/hlist/config.ts';
import { HlistWorld } from '../impl/hlist/world.ts';
import { type OwnerSkipWorldConfig } from '../impl/ownerskip/config.ts';
import { OwnerSkipWorld } from '../impl/ownerskip/world.ts';
import type { OwnerSkipSetting } from '../protocol/owner-skip-state.ts';
import { type WorldConfig } from '../impl/mainline/config.ts';
import { World } from '../impl/mainline/world.ts';
import { type SpecWorld } from '../impl/world-api.ts';
import type { ExitDriver, InsertGuard } from '../protocol/exit-state.ts';
import type { HlistFix } from '../protocol/hlist-state.ts';
import type { AmdkfdFix, HolePunchStrategy, InvalidatorContext, VariantName } from '../protocol/variants.ts';
import { isExit, isHlist, isHolePunch, isOwnerSkip, type ExitConstants, type HlistConstants, type HolePunchConstants, type MainlineConstants, type ModelConstants, type OwnerSkipConstants } from './model-constants.ts';

/** The world a replay drives: the one world interface of src/impl (kept under this name for the replay's callers). */
export type ReplayWorld = SpecWorld;

/** Overrides for a replay: another variant or hole-punch setting (a counterpart's fix). */
export interface WorldOverrides {
  readonly variant?: VariantName;
  readonly strategy?: HolePunchStrategy;
  readonly amdkfdFix?: AmdkfdFix;
  readonly faultRecheck?: boolean;
  readonly invalidatorContext?: InvalidatorContext;
  readonly hlistFix?: HlistFix;
  readonly hlistPairsEnds?: boolean;
  readonly exitDriver?: ExitDriver;
  readonly insertGuard?: InsertGuard;
  readonly hlistStopsDevice?: boolean;
  /** Owner-skip models: the driver setting (OwnerSkip, MigrationEntries, FinalizeTakesLock, FinalizeStores). */
  readonly ownerSkipSetting?: OwnerSkipSetting;
}

/**
 * A started world mirroring `c`. `choose` picks among a step's free
 * arguments when the world runs on its own (trace validation's recorded
 * runs); a replay names every argument and leaves it out.
 */
export function makeWorld(c: ModelConstants, overrides: WorldOverrides = {}, choose?: (n: number) => number): ReplayWorld {
  const free = choose === undefined ? {} : { choose };
  if (isHolePunch(c)) return new HolePunchWorld({ ...holePunchConfigOf(c, overrides), ...free }).start();
  if (isHlist(c)) return new HlistWorld({ ...hlistConfigOf(c, overrides), ...free }).start();
  if (isExit(c)) return new ExitWorld({ ...exitConfigOf(c, overrides), ...free }).start();
  if (isOwnerSkip(c)) return new OwnerSkipWorld({ ...ownerSkipConfigOf(c, overrides), ...free }).start();
  return new World({ ...worldConfigOf(c, overrides.variant), ...free }).start();
}

/** The HlistWorldConfig that mirrors hlist-family constants. */
export function hlistConfigOf(c: HlistConstants, overrides: WorldOverrides = {}): HlistWorldConfig {
  return {
    ...worldConfigOf(c, overrides.variant),
    driverShape: c.driverShape,
    hlist: {
      subs: c.hlistSubs,
      failing: c.hlistFailing,
      zapping: c.hlistZapping,
      paired: c.hlistPaired,
      pairsEnds: overrides.hlistPairsEnds ?? c.hlistPairsEnds,
      fix: overrides.hlistFix ?? c.hlistFix,
    },
  };
}

/** The ExitWorldConfig that mirrors process-exit constants. */
export function exitConfigOf(c: ExitConstants, overrides: WorldOverrides = {}): ExitWorldConfig {
  return {
    ...worldConfigOf(c, overrides.variant),
    exit: {
      exiter: c.exiter,
      driver: overrides.exitDriver ?? c.exitDriver,
      hlistStopsDevice: overrides.hlistStopsDevice ?? c.hlistStopsDevice,
      insertGuard: overrides.insertGuard ?? c.insertGuard,
    },
  };
}

/** The OwnerSkipWorldConfig that mirrors owner-skip constants (the driver setting from `overrides` if given). */
export function ownerSkipConfigOf(c: OwnerSkipConstants, overrides: WorldOverrides = {}): OwnerSkipWorldConfig {
  const { ownerSkip, migrationEntries, finalizeTakesLock, finalizeStores } = c;
  return {
    ...worldConfigOf(c, overrides.variant),
    migrators: c.migrators,
    initTree: c.initTree,
    initDevmem: c.initDevmem,
    setting: overrides.ownerSkipSetting ?? { ownerSkip, migrationEntries, finalizeTakesLock, finalizeStores },
  };
}

/** The WorldConfig that mirrors mainline-family constants. */
export function worldConfigOf(c: MainlineConstants, variant: VariantName = c.variant): WorldConfig {
  return {
    variant,
    npages: c.npages,
    subs: subsOf(c),
    invalidators: c.invalidators,
    faulters: c.faulters,
    mgr: c.mgr,
    invRanges: c.invRanges,
    blockable: c.blockable,
    maxInv: c.maxInv,
    maxFaults: c.maxFaults,
    maxTries: c.maxTries,
  };
}

/** The HolePunchConfig that mirrors hole-punch constants. */
export function holePunchConfigOf(c: HolePunchConstants, overrides: WorldOverrides = {}): HolePunchConfig {
  return {
    variant: overrides.variant ?? c.variant,
    strategy: overrides.strategy ?? c.strategy,
    npages: c.npages,
    subs: subsOf(c),
    initTree: c.initTree,
    invalidators: c.invalidators,
    unmappers: c.unmappers,
    unmapRanges: c.unmapRanges,
    invRanges: c.invRanges,
    amdkfdFix: overrides.amdkfdFix ?? c.amdkfdFix,
    invalidatorContext: overrides.invalidatorContext ?? c.invalidatorContext,
    faultRecheck: overrides.faultRecheck ?? c.faultRecheck,
    faulters: c.faulters,
    mgr: c.mgr,
    blockable: c.blockable,
    maxInv: c.maxInv,
    maxFaults: c.maxFaults,
    maxTries: c.maxTries,
  };
}

function subsOf(c: ModelConstants): { id: string; start: number; last: number }[] {
  return c.subList.map((id) => ({ id, start: need(c.subStart, id), last: need(c.subLast, id) }));
}

function need(m: Record<string, number>, id: string): number {
  const v = m[id];
  if (v === undefined) throw new Error(`model constants give no bounds for subscription ${id}`);
  return v;
}
