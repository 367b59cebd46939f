/**
 * Bug variants: the mutant catalogue of the kernel protocol, each a named
 * deviation from mainline `mm/mmu_notifier.c` or from the driver contract.
 *
 * The same string selects the variant in the spec (CONSTANT `Variant`) and in
 * the implementation (option `variant`). `mainline` is the default. The entries
 * say what the variant changes; which property it breaks is recorded per model
 * in spec/manifest.json (the spec is the authority on verdicts).
 */
export const VARIANTS = {
  mainline: 'the kernel as of the 2022 remove fix (319561669a59)',
  M1_insert_while_odd: 'insert applied to the tree immediately while seq is odd (no deferral)',
  M2_remove_while_odd: 'remove applied to the tree immediately while seq is odd, returning at once',
  M3_insert_ignores_active: 'insert always gives the interval seq-1, ignoring running invalidations',
  M4_even_interval_seq: 'idle insert gives the interval the current (even) seq',
  M5_partial_insert_no_odd: 'partial-exclusion insert without seq |= 1, interval gets the even seq',
  M6_no_wake_up: 'mn_itree_inv_end never calls wake_up_all',
  M7_wake_before_seq: 'wake_up_all happens before seq++ (woken waiters see the old seq)',
  M8_every_end_bumps: 'every mn_itree_inv_end bumps seq, not only the last one',
  M9_active_only_on_hit: 'inv_start_range counts active only when it hits an interval',
  M10_deferred_outside_lock: 'deferred list applied in a later critical section than seq++',
  M11_remove_unlocked_seq_read: 'remove waits with an unlocked read of seq (pre-2022 mainline)',
  M12_remove_pending_as_in_tree: 'remove of a pending insert is treated like an in-tree node',
  M13_read_retry_unlocked: 'read_retry done without the driver lock',
  M14_set_seq_after_unlock: 'callback zaps under the lock but calls set_seq after unlocking',
  M15_read_begin_never_waits: 'read_begin returns without waiting even when the seqs are equal',
  M16_read_begin_global_seq: 'read_begin returns the global seq instead of the interval seq',
  M19_eagain_no_end: 'the -EAGAIN path forgets mn_itree_inv_end',
  M20_eagain_double_end: 'the caller also calls invalidate_range_end after -EAGAIN',
  M22_remove_in_callback: 'a callback calls the blocking remove (self-deadlock)',
  deferred_fifo: 'deferred list processed FIFO instead of LIFO (harmless)',
} as const;

/** The name of a variant. */
export type VariantName = keyof typeof VARIANTS;

/** Every variant name. */
export const VARIANT_NAMES = Object.keys(VARIANTS) as VariantName[];

/** Hole-punch strategies of the driver's unmap handler (docs/kernel-protocol.md §5.4). */
export const HOLE_PUNCH_STRATEGIES = {
  inside_callback: 'shrink + insert from inside the invalidate callback, deferred to the last inv_end',
  outside_shrink_then_insert: 'outside the callback: shrink first, then insert the right part',
  outside_insert_then_shrink: 'outside the callback: insert the right part first, then shrink',
  outside_remove_then_insert:
    'outside the callback, amdkfd (kfd_svm.c svm_range_deferred_list_work): under mmap_write_lock insert the right part, remove the interval, insert the kept part',
} as const;

/** The name of a hole-punch strategy. */
export type HolePunchStrategy = keyof typeof HOLE_PUNCH_STRATEGIES;

/**
 * The context of the hole-punch models' other invalidation (CONSTANT
 * InvalidatorContext of spec/HolePunchDriver.tla): which mmap_lock it holds.
 */
export const INVALIDATOR_CONTEXTS = {
  rmap: 'reclaim, migration, writeback (mm/rmap.c try_to_unmap, try_to_migrate, folio_mkclean): no mmap_lock',
  mmap_read: 'an invalidation under mmap_read_lock, from start to end',
  per_vma: 'a page fault under the per-VMA lock (v6.4+, e.g. wp_page_copy): needs a mapped page, not excluded by a bare mmap_write_lock',
} as const;

/** The name of an invalidation context. */
export type InvalidatorContext = keyof typeof INVALIDATOR_CONTEXTS;

/** Candidate fixes of amdkfd's svm_range_deferred_list_work (CONSTANT AmdkfdFix of spec/HolePunchPlan.tla). */
export const AMDKFD_FIXES = {
  none: 'kfd_svm.c today: remove the parent notifier, then insert_locked the kept part (GPU mappings kept)',
  insert_first: 'insert a notifier for the kept part before removing the old one (as svm_range_set_attr does for clones)',
  unmap_first: 'unmap the kept part from the GPUs before removing the old notifier',
  keep_notifier: 'keep the parent notifier with its old, wider bounds',
} as const;

/** The name of an amdkfd fix. */
export type AmdkfdFix = keyof typeof AMDKFD_FIXES;
