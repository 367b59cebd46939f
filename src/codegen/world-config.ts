/**
 * The implementation's world configuration for a spec model's constants:
 * the same subscriptions (SubList order = tree tie-break), threads, ranges
 * and bounds, with the model's variant or an override.
 */
import type { VariantName } from '../protocol/variants.ts';
import type { WorldConfig } from '../impl/world.ts';
import type { ModelConstants } from './model-constants.ts';

/** Builds the WorldConfig that mirrors `c`; `variant` overrides the model's (e.g. mainline for a bug trace). */
export function worldConfigOf(c: ModelConstants, variant: VariantName = c.variant): WorldConfig {
  return {
    variant,
    npages: c.npages,
    subs: c.subList.map((id) => ({ id, start: need(c.subStart, id), last: need(c.subLast, id) })),
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

function need(m: Record<string, number>, id: string): number {
  const v = m[id];
  if (v === undefined) throw new Error(`model constants give no bounds for subscription ${id}`);
  return v;
}
