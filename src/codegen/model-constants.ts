/**
 * The constants of an export model, as TLC prints them at startup
 * (spec/MCExport.tla: `ASSUME PrintT("mmu-notifier-export-constants " \o
 * ToString(ExportConstants))`). Trace files carry them so a replay can build
 * the same world without reading the spec's config.
 */
import { z } from 'zod';
import { parseTlcValue, toPlainJson, type TlcValue } from '../tla2tools-runner/index.ts';
import { VARIANT_NAMES, type VariantName } from '../protocol/variants.ts';

/** Marker that starts the constants line in TLC's print output. */
export const CONSTANTS_MARKER = 'mmu-notifier-export-constants ';

const Pair = z.tuple([z.int(), z.int()]);

/** The spec's CONSTANTS of one model (ids as strings, sets as sorted arrays). */
export const ModelConstants = z.strictObject({
  variant: z.enum(VARIANT_NAMES as [VariantName, ...VariantName[]]),
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
});
export type ModelConstants = z.infer<typeof ModelConstants>;

/**
 * Finds the constants line among TLC's print output lines and decodes it.
 * Throws if it is missing (the model does not extend MCExport) or malformed.
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
  throw new Error(`${model}: TLC printed no "${CONSTANTS_MARKER.trim()}" line; export models must use spec/MCExport.tla`);
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
