/**
 * The state of the hlist models (spec/HlistNotifier.tla): the mainline
 * variables of src/protocol/state.ts plus `hl`, each invalidator's walk of
 * the mm's classic (hlist) notifiers.
 */
import { z } from 'zod';
import { ProtocolState } from './state.ts';

/** The fixes of the hlist failure path (spec/HlistNotifier.tla's HlistFix): none (the kernel) or the modelled one. */
export const HLIST_FIXES = ['none', 'itree_inv_end_on_hlist_eagain'] as const;
/** One fix name. */
export type HlistFix = (typeof HLIST_FIXES)[number];

/** hl[t]: the next hlist position to call (1-based), whether a start failed, the paired subscribers whose end is owed (sorted). */
export const HlistWalkState = z.strictObject({
  next: z.int().min(1),
  failed: z.boolean(),
  started: z.array(z.string().min(1)),
});

/** The whole state of an hlist model. */
export const HlistState = ProtocolState.extend({ hl: z.record(z.string().min(1), HlistWalkState) });
export type HlistState = z.infer<typeof HlistState>;
