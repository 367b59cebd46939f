/**
 * The configuration of the hlist world (spec/HlistNotifier.tla's
 * constants): the mainline world's, plus the mm's hlist subscribers.
 */
import { OptionsError } from '../errors.ts';
import { type WorldConfig } from '../mainline/config.ts';
import { HLIST_FIXES, type HlistFix } from '../../protocol/hlist-state.ts';

/** The hlist of spec/HlistNotifier.tla: HlistSubs and the kinds of its subscribers. */
export interface HlistConfig {
  /** The hlist, head first. */
  readonly subs: readonly string[];
  /** Subscribers whose non-blockable start returns -EAGAIN (nouveau's). */
  readonly failing: readonly string[];
  /** Subscribers whose start zaps the device page table under the driver lock (nouveau's). */
  readonly zapping: readonly string[];
  /** Subscribers with an invalidate_range_end (KVM-like). */
  readonly paired: readonly string[];
  /** The failure path calls the ends (v5.12+). */
  readonly pairsEnds: boolean;
  readonly fix: HlistFix;
}

/** A mainline world with hlist subscribers. */
export type HlistWorldConfig = WorldConfig & { readonly hlist: HlistConfig };

/** The kind of each hlist subscriber; throws OptionsError for a kind the spec does not have. */
export function hlistKinds(c: HlistConfig): Map<string, 'nouveau' | 'paired'> {
  if (!HLIST_FIXES.includes(c.fix)) throw new OptionsError(`unknown hlist fix ${String(c.fix)}: use one of ${HLIST_FIXES.join(', ')}`);
  const kinds = new Map<string, 'nouveau' | 'paired'>();
  for (const id of c.subs) {
    const failing = c.failing.includes(id);
    const zapping = c.zapping.includes(id);
    const paired = c.paired.includes(id);
    if (failing && zapping && !paired) kinds.set(id, 'nouveau');
    else if (paired && !failing && !zapping) kinds.set(id, 'paired');
    else throw new OptionsError(`hlist subscriber ${id}: supported are nouveau's (failing and zapping) and a paired one (start + end)`);
  }
  return kinds;
}
