/**
 * The bug variants of the notifier core, resolved once: an object of named
 * hooks chosen when `Subscriptions` is constructed. Mainline's hooks are
 * the kernel's behaviour (mm/mmu_notifier.c as of 319561669a59); each
 * variant replaces one or two of them, so the core's method bodies read as
 * mainline and a variant is visible in one place.
 */
import { type VariantName } from '../protocol/index.ts';

const isOdd = (x: number): boolean => x % 2 === 1;
const setOdd = (x: number): number => (isOdd(x) ? x : x + 1);

/**
 * How the last mn_itree_inv_end of an epoch closes it:
 * - `one_step`: seq++ and the deferred list in the inv_end step, then wake_up_all (mainline);
 * - `split_apply`: seq++ in inv_end, the deferred list in a later step mn_itree_inv_end_apply_deferred (M10);
 * - `split_apply_locked`: the same with the spinlock held across the two steps (M11);
 * - `wake_first`: wake_up_all first, then seq++ and the list in a later step, spinlock held throughout (M7).
 */
export type EpochClose = 'one_step' | 'split_apply' | 'split_apply_locked' | 'wake_first';

/** The variant-dependent decisions of the core. */
export interface NotifierHooks {
  /** __mmu_interval_notifier_insert with invalidations running: defer the insert while the tree is frozen (odd seq)? */
  insertDefers(odd: boolean): boolean;
  /** __mmu_interval_notifier_insert, partial exclusion (active, even seq): mark the epoch with seq |= 1? */
  readonly insertSetsOdd: boolean;
  /** The new interval's invalidate_seq, computed before seq |= 1. */
  insertSeq(seq: number, active: number): number;
  /** mmu_interval_notifier_remove refuses to run from a callback (false only for M22, whose callback calls it). */
  readonly removeRefusedInCallback: boolean;
  /** remove while odd of a pending insert: cancel it (take it off the deferred list)? */
  readonly removeCancelsPendingInsert: boolean;
  /** remove while odd of an in-tree node: defer it and wait for the epoch's end? */
  readonly removeDefersWhileOdd: boolean;
  /** remove's wait_event reads seq under the spinlock (since the 2022 fix; M11 reads it unlocked). */
  readonly removeWaitTakesSpinlock: boolean;
  /** mn_itree_inv_start_range: count the invalidation in active_invalidate_ranges (`hit`: the lookup found a node)? */
  countsActive(hit: boolean): boolean;
  /** -EAGAIN: the cursor is cleared before the end step (M20 keeps it until its extra end). */
  readonly eagainClearsCursorFirst: boolean;
  /** -EAGAIN: the walk still takes mn_itree_inv_end (M19 forgets it). */
  readonly eagainEnds: boolean;
  /** Does this mn_itree_inv_end (active already decremented) close the epoch? */
  endClosesEpoch(active: number, seq: number): boolean;
  /** How the closing end is split into steps. */
  readonly epochClose: EpochClose;
  /** The closing end wakes the sleepers (M6 never does). */
  readonly wakes: boolean;
  /** The spinlock is held across a step boundary (M7, M11): every step that takes it needs it free. */
  readonly spinlockSpansSteps: boolean;
  /** The deferred list in the order the last inv_end applies it (hlist head first; deferred_fifo reverses it). */
  deferredOrder<T>(list: readonly T[]): T[];
  /** mmu_interval_read_begin's returned seq (M16: the global one). */
  readBeginSeq(subSeq: number, seq: number): number;
  /** read_begin sleeps when the interval's seq is the running epoch's (M15 never does). */
  readonly readBeginWaits: boolean;
}

/** The kernel's behaviour. */
export const MAINLINE_HOOKS: NotifierHooks = {
  insertDefers: (odd) => odd,
  insertSetsOdd: true,
  insertSeq: (seq, active) => (active === 0 ? seq - 1 : setOdd(seq)),
  removeRefusedInCallback: true,
  removeCancelsPendingInsert: true,
  removeDefersWhileOdd: true,
  removeWaitTakesSpinlock: true,
  countsActive: () => true,
  eagainClearsCursorFirst: true,
  eagainEnds: true,
  endClosesEpoch: (active, seq) => active === 0 && isOdd(seq),
  epochClose: 'one_step',
  wakes: true,
  spinlockSpansSteps: false,
  deferredOrder: (list) => [...list],
  readBeginSeq: (subSeq) => subSeq,
  readBeginWaits: true,
};

/** Each variant's replacements of mainline hooks (variants not listed change nothing in the core). */
const VARIANT_HOOKS: Partial<Record<VariantName, Partial<NotifierHooks>>> = {
  M1_insert_while_odd: { insertDefers: () => false },
  M2_remove_while_odd: { removeDefersWhileOdd: false },
  M3_insert_ignores_active: { insertSetsOdd: false, insertSeq: (seq) => (isOdd(seq) ? seq - 2 : seq - 1) },
  M4_even_interval_seq: { insertSeq: (seq, active) => (active === 0 ? seq : MAINLINE_HOOKS.insertSeq(seq, active)) },
  M5_partial_insert_no_odd: {
    insertSetsOdd: false,
    insertSeq: (seq, active) => (active > 0 && !isOdd(seq) ? seq : MAINLINE_HOOKS.insertSeq(seq, active)),
  },
  M6_no_wake_up: { wakes: false },
  M7_wake_before_seq: { epochClose: 'wake_first', spinlockSpansSteps: true },
  M8_every_end_bumps: { endClosesEpoch: () => true },
  M9_active_only_on_hit: { countsActive: (hit) => hit },
  M10_deferred_outside_lock: { epochClose: 'split_apply' },
  M11_remove_unlocked_seq_read: { epochClose: 'split_apply_locked', spinlockSpansSteps: true, removeWaitTakesSpinlock: false },
  M12_remove_pending_as_in_tree: { removeCancelsPendingInsert: false },
  M15_read_begin_never_waits: { readBeginWaits: false },
  M16_read_begin_global_seq: { readBeginSeq: (_subSeq, seq) => seq },
  M19_eagain_no_end: { eagainEnds: false },
  M20_eagain_double_end: { eagainClearsCursorFirst: false },
  M22_remove_in_callback: { removeRefusedInCallback: false },
  deferred_fifo: { deferredOrder: (list) => [...list].reverse() },
};

/** The core's hooks for `variant`. */
export function notifierHooks(variant: VariantName): NotifierHooks {
  return { ...MAINLINE_HOOKS, ...VARIANT_HOOKS[variant] };
}
