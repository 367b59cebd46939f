/**
 * The observable protocol state, in the JSON shape that both sides produce:
 * a spec state parsed from TLC output (via the codegen's value conversion) and
 * `snapshot()` of the implementation. Conformance compares the two by deep
 * equality, so this schema is the contract between spec/ and src/impl/.
 *
 * Conventions of the JSON shape:
 * - identifiers of subscriptions and threads are strings ("s1", "i1", "f1", "m");
 *   "none" stands for "no subscription / no thread";
 * - TLA+ sets are arrays sorted by code-unit order, without duplicates;
 * - functions over pages 1..N are arrays indexed by page-1;
 * - functions over identifiers are objects keyed by the identifier.
 *
 * Variable names are the spec's variable names.
 */
import { z } from 'zod';

/** Lifecycle ghost of a subscription (not kernel state: it states use-after-free). */
export const LIFE_STATES = ['unused', 'pending_insert', 'in_tree', 'pending_remove', 'removed', 'freed'] as const;
export type LifeState = (typeof LIFE_STATES)[number];

/**
 * Program-counter values per thread kind. A pc names the action the thread
 * takes next (src/protocol/actions.ts), or "idle" (may start new work) or
 * "done" (its bound is used up). Where one pc enables two actions, both are
 * listed in the comment.
 */
export const PC_VALUES = {
  invalidator: [
    'idle', // mn_itree_inv_start_range
    'invalidate_lock', // the walk is on inv.cursor: invalidate_lock | invalidate_trylock_fail
    'mmu_interval_set_seq',
    'invalidate_zap',
    'invalidate_unlock', // also interval_tree_iter_next
    'mm_change_ptes', // start returned 0: the mm changes the PTEs of the range
    'mn_itree_inv_end', // invalidate_range_end, or the -EAGAIN path after a failed trylock
    'mn_itree_inv_end_apply_deferred', // variants M10/M11 only
    'wake_up_all', // only after the last end of an odd epoch
    'done',
  ],
  faulter: [
    'idle', // mmu_interval_read_begin of a new fault (picks sub and page)
    'mmu_interval_read_begin', // retry after a collision (same sub and page)
    'read_begin_wait', // asleep while the faulter id is in waitq, else re-tests
    'hmm_range_fault', // hmm_range_fault | mmu_interval_check_retry
    'driver_lock',
    'mmu_interval_read_retry',
    'driver_commit',
    'done',
  ],
  manager: [
    'idle', // mmu_interval_notifier_insert | mmu_interval_notifier_remove
    'remove_wait', // asleep while "m" is in waitq, else re-tests
    'remove_return_free',
  ],
} as const;

const Id = z.string().min(1);
const Int = z.int();

/** A JSON value (the arguments of an action). */
export const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/** struct mmu_interval_notifier, as far as the protocol sees it. */
export const SubscriptionState = z.strictObject({
  /** interval_tree.start: first page, inclusive. */
  start: Int,
  /** interval_tree.last: last page, inclusive. */
  last: Int,
  /** The subscription's own invalidate_seq (0 while unused, odd once inserted). */
  seq: Int,
  /** Lifecycle ghost. */
  life: z.enum(LIFE_STATES),
});

/**
 * Locals of an invalidating thread (one invalidate_range_start/end at a time).
 * Between invalidations: start = last = 0, blockable = true, curSeq = 0, cursor = "none".
 */
export const InvalidatorState = z.strictObject({
  /** Range of the current invalidation, inclusive pages (range->start, range->end - 1). */
  start: Int,
  last: Int,
  /** MMU_NOTIFIER_RANGE_BLOCKABLE. */
  blockable: z.boolean(),
  /** cur_seq handed to the callbacks (0 when no walk). */
  curSeq: Int,
  /** The node the walk is positioned on, or "none". */
  cursor: Id,
  /** Invalidations completed (bounds the model). */
  done: Int,
});

/** Locals of a faulting thread (dmirror_range_fault on one page of one subscription). */
export const FaulterState = z.strictObject({
  /** The subscription this fault works on, or "none" between faults. */
  sub: Id,
  /** The faulting page (1-based), 0 between faults. */
  page: Int,
  /** The value returned by mmu_interval_read_begin (0 before read_begin and after a collision). */
  s: Int,
  /** The CPU PTE version read by hmm_range_fault (0 = not read yet). */
  snap: Int,
  /** read_begin calls of the current fault (bounds the retry loop by MaxTries). */
  tries: Int,
  /** Faults completed or given up. */
  done: Int,
});

/** Locals of the manager thread (insert/remove); "none" and 0 when not removing. */
export const ManagerState = z.strictObject({
  /** The subscription being removed, or "none". */
  sub: Id,
  /** wait_seq of mmu_interval_notifier_remove (0 = no wait). */
  waitSeq: Int,
});

/**
 * What the last step was: the edge label with its thread and arguments.
 * In the initial state: name "Init", thread "none", args {}.
 * Actions without arguments have args `<<>>` in TLA+ (the empty function,
 * which TLC prints as `<<>>`); in JSON that is the empty object {}.
 * Arguments per action (all others have none):
 *   mn_itree_inv_start_range {start, last, blockable}; invalidate_lock,
 *   invalidate_trylock_fail, invalidate_zap, invalidate_unlock {sub};
 *   mmu_interval_set_seq {sub, seq}; mm_change_ptes {start, last};
 *   mmu_interval_read_begin {sub, page}; hmm_range_fault {page};
 *   driver_commit {page, version}; mmu_interval_notifier_insert,
 *   mmu_interval_notifier_remove, remove_return_free {sub}.
 */
export const LastAction = z.strictObject({
  name: z.string(),
  thread: Id,
  args: z.record(z.string(), JsonValue),
});

/** The whole protocol state of the mainline models. */
export const ProtocolState = z.strictObject({
  /** subscriptions->invalidate_seq (starts at 2; odd = tree frozen). */
  seq: Int,
  /** subscriptions->active_invalidate_ranges. */
  active: Int,
  /** Subscriptions currently in the interval tree. */
  tree: z.array(Id),
  /** subscriptions->deferred_list as a sorted set (its order never matters: every entry is applied in one step). */
  deferred: z.array(Id),
  /** Tasks asleep on subscriptions->wq (faulter ids and/or the manager id); wake_up_all empties it. */
  waitq: z.array(Id),
  /** Per subscription. */
  subs: z.record(Id, SubscriptionState),
  /** CPU page table: a version per page. */
  pte: z.array(Int),
  /** Device page table: a version per page, 0 = no entry. */
  spte: z.array(Int),
  /** Holder of the driver lock (dmirror->mutex): a thread id, or "none". */
  ulock: Id,
  /** Program counter per thread: the name of the thread's next action, or "idle"/"done" (see PC_VALUES). */
  pc: z.record(Id, z.string()),
  inv: z.record(Id, InvalidatorState),
  flt: z.record(Id, FaulterState),
  mgr: ManagerState,
  lastAction: LastAction,
});

/** The whole protocol state. */
export type ProtocolState = z.infer<typeof ProtocolState>;
