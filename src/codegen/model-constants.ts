/**
 * The constants of a model, as TLC prints them at startup
 * (spec/MCExport.tla and spec/MCExportHolePunch.tla: `ASSUME PrintT(
 * "mmu-notifier-export-constants " \o ToString(ExportConstants))`). Trace
 * files carry them so a replay can build the same world without reading the
 * spec's config. Five families: the mainline modules (MMUNotifier.tla),
 * the hole-punch modules (HolePunch*.tla), told apart by `strategy`, the
 * hlist modules (HlistNotifier.tla), by `hlistSubs`, the process-exit
 * modules (ProcessExit.tla), by `exiter`, and the owner-skip modules
 * (OwnerSkip.tla), by `ownerSkip`.
 */
import { z } from 'zod';
import { EXIT_DRIVERS, INSERT_GUARDS } from '../protocol/exit-state.ts';
import { HLIST_FIXES } from '../protocol/hlist-state.ts';
import { OWNER_SKIPS } from '../protocol/owner-skip-state.ts';
import { parseTlcValue, toPlainJson, type TlcValue } from 'tla2tools-runner';
import {
  AMDKFD_FIXES,
  HOLE_PUNCH_STRATEGIES,
  INVALIDATOR_CONTEXTS,
  VARIANT_NAMES,
  type AmdkfdFix,
  type HolePunchStrategy,
  type InvalidatorContext,
  type VariantName,
} from '../protocol/variants.ts';

/** Marker that starts the constants line in TLC's print output. */
export const CONSTANTS_MARKER = 'mmu-notifier-export-constants ';

const Pair = z.tuple([z.int(), z.int()]);
const Variant = z.enum(VARIANT_NAMES as [VariantName, ...VariantName[]]);

const common = {
  variant: Variant,
  npages: z.int().min(1),
  /** SubList: subscription ids; the index breaks ties of the tree order. */
  subList: z.array(z.string()),
  subStart: z.record(z.string(), z.int()),
  subLast: z.record(z.string(), z.int()),
  invalidators: z.array(z.string()),
  faulters: z.array(z.string()),
  mgr: z.string(),
  invRanges: z.array(Pair),
  blockable: z.array(z.boolean()),
  maxInv: z.int(),
  maxFaults: z.int(),
  maxTries: z.int(),
};

/** Constants of the mainline models (MMUNotifier.tla). */
export const MainlineConstants = z.strictObject(common);
export type MainlineConstants = z.infer<typeof MainlineConstants>;

/** Constants of the hole-punch models (HolePunchPlan.tla, HolePunchDriver.tla). */
export const HolePunchConstants = z.strictObject({
  ...common,
  strategy: z.enum(Object.keys(HOLE_PUNCH_STRATEGIES) as [HolePunchStrategy, ...HolePunchStrategy[]]),
  amdkfdFix: z.enum(Object.keys(AMDKFD_FIXES) as [AmdkfdFix, ...AmdkfdFix[]]),
  initTree: z.array(z.string()),
  unmappers: z.array(z.string()),
  unmapRanges: z.array(Pair),
  invalidatorContext: z.enum(Object.keys(INVALIDATOR_CONTEXTS) as [InvalidatorContext, ...InvalidatorContext[]]),
  faultRecheck: z.boolean(),
});
export type HolePunchConstants = z.infer<typeof HolePunchConstants>;

/** Constants of the hlist models (spec/HlistNotifier.tla, printed by spec/MCExportHlist.tla). */
export const HlistConstants = z.strictObject({
  ...common,
  hlistSubs: z.array(z.string()),
  hlistFailing: z.array(z.string()),
  hlistZapping: z.array(z.string()),
  hlistPaired: z.array(z.string()),
  hlistPairsEnds: z.boolean(),
  hlistFix: z.enum(HLIST_FIXES),
  /** The driver's shape: dmirror's callback, or nouveau's (set_seq only; the GPU PTE outlives the interval). */
  driverShape: z.enum(['dmirror', 'nouveau']),
});
export type HlistConstants = z.infer<typeof HlistConstants>;

/** Constants of the process-exit models (spec/ProcessExit.tla, printed by spec/MCExportExit.tla). */
export const ExitConstants = z.strictObject({
  ...common,
  exiter: z.string(),
  exitDriver: z.enum(EXIT_DRIVERS),
  hlistStopsDevice: z.boolean(),
  insertGuard: z.enum(INSERT_GUARDS),
});
export type ExitConstants = z.infer<typeof ExitConstants>;

/** Constants of the owner-skip models (spec/OwnerSkip.tla, printed by spec/MCExportOwnerSkip.tla). */
export const OwnerSkipConstants = z.strictObject({
  ...common,
  migrators: z.array(z.string()),
  ownerSkip: z.enum(OWNER_SKIPS),
  migrationEntries: z.boolean(),
  finalizeTakesLock: z.boolean(),
  finalizeStores: z.boolean(),
  initTree: z.array(z.string()),
  initDevmem: z.array(z.int()),
});
export type OwnerSkipConstants = z.infer<typeof OwnerSkipConstants>;

/** The constants of any family. */
export const ModelConstants = z.union([HolePunchConstants, HlistConstants, ExitConstants, OwnerSkipConstants, MainlineConstants]);
export type ModelConstants = z.infer<typeof ModelConstants>;

/** Whether the constants are of a hole-punch model. */
export function isHolePunch(c: ModelConstants): c is HolePunchConstants {
  return 'strategy' in c;
}

/** Whether the constants are of an owner-skip model. */
export function isOwnerSkip(c: ModelConstants): c is OwnerSkipConstants {
  return 'ownerSkip' in c;
}

/** Whether the constants are of an hlist model. */
export function isHlist(c: ModelConstants): c is HlistConstants {
  return 'hlistSubs' in c;
}

/** Whether the constants are of a process-exit model. */
export function isExit(c: ModelConstants): c is ExitConstants {
  return 'exiter' in c;
}

/**
 * Finds the constants line among TLC's print output lines and decodes it.
 * Throws if it is missing (the model is not run through an MCExport* module) or malformed.
 */
export function constantsFromOutput(lines: readonly string[], model: string): ModelConstants {
  for (const line of lines) {
    const text = line.trim();
    if (!text.includes(CONSTANTS_MARKER)) continue;
    const printed = parseTlcValue(text);
    if (printed.kind !== 'string' || !printed.value.startsWith(CONSTANTS_MARKER)) {
      throw new Error(`${model}: unreadable constants line: ${text.slice(0, 200)}`);
    }
    return decodeConstants(parseTlcValue(printed.value.slice(CONSTANTS_MARKER.length)), model);
  }
  throw new Error(`${model}: TLC printed no "${CONSTANTS_MARKER.trim()}" line; run the model through spec/MCExport.tla or spec/MCExportHolePunch.tla`);
}

/** Decodes the ExportConstants record (a TLC value) into {@link ModelConstants}. */
export function decodeConstants(value: TlcValue, model: string): ModelConstants {
  const parsed = ModelConstants.safeParse(toPlainJson(value));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${model}: ExportConstants does not have the expected shape at ${first?.path.join('.')}: ${first?.message}`);
  }
  return parsed.data;
}
