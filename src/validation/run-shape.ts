/**
 * The constants of a validation run at a size the caller picks: K
 * subscriptions over P pages, I invalidators, F faulters, bounds per
 * thread. The intervals are drawn from the seed so that every tree shape
 * the interval index must handle occurs: overlapping neighbours, intervals
 * nested in others, several with the same start (ties broken by SubList
 * order, as the spec's Before does), single pages and long ranges.
 */
import { type ExitConstants, type HlistConstants, type HolePunchConstants, type MainlineConstants, type OwnerSkipConstants } from '../codegen/model-constants.ts';
import { type HolePunchStrategy, type VariantName } from '../protocol/variants.ts';
import { seededChooser as seededRandom } from './world-recorder.ts';

/** The size and bounds of a run. */
export interface RunShape {
  readonly subs: number;
  readonly pages: number;
  readonly invalidators: number;
  readonly faulters: number;
  /** Invalidations per invalidator (MaxInv). */
  readonly invalidations: number;
  /** Faults per faulter (MaxFaults). */
  readonly faults: number;
  /** read_begin attempts per fault (MaxTries). */
  readonly maxTries: number;
  /** How many distinct invalidation ranges the invalidators pick from. */
  readonly ranges: number;
}

/** The default shape of `validate` (the size of the acceptance run). */
export const DEFAULT_SHAPE: RunShape = { subs: 32, pages: 64, invalidators: 4, faulters: 2, invalidations: 6, faults: 6, maxTries: 3, ranges: 8 };

/** Checks a shape; the message says what to change. */
export function checkShape(s: RunShape): void {
  const int = (k: keyof RunShape, min: number, max: number): void => {
    const v = s[k];
    if (!Number.isSafeInteger(v) || v < min || v > max) throw new RangeError(`${k} must be an integer in ${min}..${max} (got ${String(v)})`);
  };
  int('subs', 1, 512);
  int('pages', 1, 4096);
  int('invalidators', 0, 16);
  int('faulters', 0, 16);
  int('invalidations', 0, 64);
  int('faults', 0, 64);
  int('maxTries', 1, 16);
  int('ranges', 1, 64);
}

/** K intervals within 1..P: mostly short, some long, some nested in the previous, some sharing its start. */
function intervals(s: RunShape, rnd: (n: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const span = (max: number): number => 1 + (rnd(4) === 0 ? rnd(max) : rnd(Math.max(1, Math.ceil(max / 8))));
  for (let k = 0; k < s.subs; k++) {
    const prev = out[k - 1];
    const kind = prev === undefined ? 3 : rnd(4);
    let start: number;
    let last: number;
    if (kind === 0 && prev !== undefined) {
      // nested in the previous interval
      start = prev[0] + rnd(prev[1] - prev[0] + 1);
      last = start + rnd(prev[1] - start + 1);
    } else if (kind === 1 && prev !== undefined) {
      // same start as the previous one
      start = prev[0];
      last = Math.min(s.pages, start + span(s.pages) - 1);
    } else {
      start = 1 + rnd(s.pages);
      last = Math.min(s.pages, start + span(s.pages) - 1);
    }
    out.push([start, last]);
  }
  return out;
}

function ranges(s: RunShape, rnd: (n: number) => number): Array<[number, number]> {
  const set = new Map<string, [number, number]>();
  for (let tries = 0; set.size < s.ranges && tries < 100 * s.ranges; tries++) {
    const start = 1 + rnd(s.pages);
    const width = rnd(3) === 0 ? 1 : 1 + rnd(Math.max(1, Math.ceil(s.pages / 4)));
    const r: [number, number] = [start, Math.min(s.pages, start + width - 1)];
    set.set(r.join(','), r);
  }
  return [...set.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The mainline constants (spec/MMUNotifier.tla) of a shape, drawn from `seed`. */
export function mainlineConstants(s: RunShape, seed: number, variant: VariantName = 'mainline'): MainlineConstants {
  checkShape(s);
  const rnd = seededRandom(seed);
  const ivs = intervals(s, rnd);
  const subList = ivs.map((_, k) => `s${k + 1}`);
  return {
    variant,
    npages: s.pages,
    subList,
    subStart: Object.fromEntries(subList.map((id, k) => [id, ivs[k]![0]])),
    subLast: Object.fromEntries(subList.map((id, k) => [id, ivs[k]![1]])),
    invalidators: Array.from({ length: s.invalidators }, (_, k) => `i${k + 1}`),
    faulters: Array.from({ length: s.faulters }, (_, k) => `f${k + 1}`),
    mgr: 'm',
    invRanges: ranges(s, rnd),
    blockable: [true, false],
    maxInv: s.invalidations,
    maxFaults: s.faults,
    maxTries: s.maxTries,
  };
}

/**
 * The hole-punch constants (spec/HolePunch.tla) of a shape: K/2 intervals
 * in the tree at the start, as many spares for the right parts of punched
 * holes, the first invalidator unmapping, the others reclaiming.
 */
export function holePunchConstants(s: RunShape, seed: number, strategy: HolePunchStrategy = 'inside_callback', variant: VariantName = 'mainline'): HolePunchConstants {
  checkShape(s);
  if (s.invalidators < 1) throw new RangeError('the hole-punch family needs at least one invalidator (the unmapper)');
  const rnd = seededRandom(seed);
  const live = Math.max(1, Math.min(Math.floor(s.subs / 2), s.pages));
  // One interval per mapping: the driver's intervals never overlap (NoOverlapWhenSettled).
  const block = Math.floor(s.pages / live);
  const ivs = Array.from({ length: live }, (_, k): [number, number] => {
    const start = k * block + 1;
    return [start, start + Math.max(0, block - 1 - rnd(Math.max(1, Math.ceil(block / 3))))];
  });
  const subList = Array.from({ length: s.subs }, (_, k) => `s${k + 1}`);
  const bound = (k: number, end: 0 | 1): number => ivs[k]?.[end] ?? 0;
  const invalidators = Array.from({ length: s.invalidators }, (_, k) => `i${k + 1}`);
  return {
    ...mainlineConstants({ ...s }, seed, variant),
    subList,
    subStart: Object.fromEntries(subList.map((id, k) => [id, bound(k, 0)])),
    subLast: Object.fromEntries(subList.map((id, k) => [id, bound(k, 1)])),
    invalidators,
    mgr: 'w',
    strategy,
    initTree: subList.slice(0, live),
    unmappers: invalidators.slice(0, 1),
    unmapRanges: ranges({ ...s, ranges: Math.max(1, Math.ceil(s.ranges / 2)) }, rnd),
    amdkfdFix: 'none',
    invalidatorContext: 'rmap',
    faultRecheck: false,
  };
}

/** The first invalidator of `c`, which the exit and owner-skip families give a role. */
function firstInvalidator(c: MainlineConstants, role: string): string {
  const id = c.invalidators[0];
  if (id === undefined) throw new RangeError(`the ${role} family needs at least one invalidator`);
  return id;
}

/**
 * The process-exit constants (spec/ProcessExit.tla) of a shape: the first
 * invalidator exits; lib/test_hmm.c's callback, inserts under mmget (the
 * setting of spec/models/exit/MCExitDmirror.cfg, where every invariant holds).
 */
export function exitConstants(s: RunShape, seed: number): ExitConstants {
  const c = mainlineConstants(s, seed);
  return { ...c, exiter: firstInvalidator(c, 'exit'), exitDriver: 'dmirror', hlistStopsDevice: false, insertGuard: 'mmget' };
}

/** The hlist constants (spec/HlistNotifier.tla) of a shape: a KVM-like paired subscriber and nouveau's, as MCExport_Hlist.cfg. */
export function hlistConstants(s: RunShape, seed: number): HlistConstants {
  return {
    ...mainlineConstants(s, seed),
    hlistSubs: ['kvm', 'nouveau'],
    hlistFailing: ['nouveau'],
    hlistZapping: ['nouveau'],
    hlistPaired: ['kvm'],
    hlistPairsEnds: true,
    hlistFix: 'none',
    driverShape: 'dmirror',
  };
}

/**
 * The owner-skip constants (spec/OwnerSkip.tla) of a shape: every interval
 * in the tree at the start, the first invalidator migrating, the others
 * ordinary invalidations, the first page of each interval on the device;
 * both fixes, set_seq and no store at finalize (the setting of
 * spec/models/ownerskip/MCOwnerSkipSetSeqNoStore.cfg, where every invariant
 * holds against an ordinary invalidation during a migration; with the store,
 * MCOwnerSkipSetSeqOtherInvalidation shows SAFE-1 fail).
 */
export function ownerSkipConstants(s: RunShape, seed: number): OwnerSkipConstants {
  const c = mainlineConstants(s, seed);
  const devmem = [...new Set(Object.values(c.subStart))].sort((a, b) => a - b);
  return {
    ...c,
    migrators: [firstInvalidator(c, 'owner-skip')],
    ownerSkip: 'set_seq',
    migrationEntries: true,
    finalizeTakesLock: true,
    finalizeStores: false,
    initTree: [...c.subList],
    initDevmem: devmem,
  };
}
