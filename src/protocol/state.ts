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
  /** The subscription's own invalidate_seq (odd once inserted). */
  seq: Int,
  /** Lifecycle ghost. */
  life: z.enum(LIFE_STATES),
});

/** Locals of an invalidating thread (one invalidate_range_start/end at a time). */
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

/** Locals of a faulting thread (dmirror_range_fault). */
export const FaulterState = z.strictObject({
  /** The subscription this fault works on, or "none". */
  sub: Id,
  /** The value returned by mmu_interval_read_begin. */
  s: Int,
  /** CPU PTE versions read by hmm_range_fault, per page (0 = not read). */
  snap: z.array(Int),
  /** read_begin attempts of the current fault (bounds the retry loop). */
  tries: Int,
  /** Faults completed or given up. */
  done: Int,
});

/** Locals of the manager thread (insert/remove). */
export const ManagerState = z.strictObject({
  /** The subscription being removed, or "none". */
  sub: Id,
  /** wait_seq of mmu_interval_notifier_remove (0 = no wait). */
  waitSeq: Int,
});

/** What the last step was: the edge label with its thread and arguments. */
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
  /** subscriptions->deferred_list, head first. */
  deferred: z.array(Id),
  /** Tasks asleep on subscriptions->wq. */
  waitq: z.array(Id),
  /** Per subscription. */
  subs: z.record(Id, SubscriptionState),
  /** CPU page table: a version per page. */
  pte: z.array(Int),
  /** Device page table: a version per page, 0 = no entry. */
  spte: z.array(Int),
  /** Holder of the driver lock (dmirror->mutex), or "none". */
  ulock: Id,
  /** Program counter per thread: the label of the thread's next step, or "idle"/"done". */
  pc: z.record(Id, z.string()),
  inv: z.record(Id, InvalidatorState),
  flt: z.record(Id, FaulterState),
  mgr: ManagerState,
  lastAction: LastAction,
});

/** The whole protocol state. */
export type ProtocolState = z.infer<typeof ProtocolState>;
