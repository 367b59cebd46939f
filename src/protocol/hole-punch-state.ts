/**
 * The state of the hole-punch models (spec/HolePunch*.tla on the v5/v6 API of
 * spec/MMUNotifierV6Api.tla): the mainline state of ./state.ts plus the
 * variables of the unmerged API and of the driver's unmap handler, in the
 * same JSON conventions (sets as sorted arrays, functions over ids as
 * objects, functions over pages as arrays).
 *
 * One difference in meaning: `deferred` is a sequence in these models (the
 * hlist, head first, as hlist_add_head builds it), so its array keeps list
 * order instead of being a sorted set; variant deferred_fifo walks it in the
 * other direction.
 *
 * Both sides produce this shape: a TLC state of a hole-punch model (via the
 * codegen's value conversion) and HolePunchWorld's snapshot
 * (src/impl/holepunch/snapshot.ts), so conformance compares them by deep
 * equality.
 *
 * pc values beyond PC_VALUES: invalidators also take "dmirror_do_unmap",
 * "mmu_interval_notifier_update", "mmu_interval_notifier_insert_safe",
 * "mmu_interval_notifier_remove_deferred", "mmu_interval_release"; the
 * manager (the driver's worker) "unmap_work_done", the same API names,
 * "mmu_interval_notifier_insert", "mmu_interval_notifier_remove" and
 * "svm_range_unmap_from_gpus"; faulters "dmirror_interval_find".
 */
import { z } from 'zod';
import { ProtocolState } from './state.ts';

const Id = z.string().min(1);
const Int = z.int();

/** Bounds of a pending mmu_interval_notifier_update (updated_start/_last); start 0 = none. */
export const PendingUpdate = z.strictObject({ start: Int, last: Int });

/** One interval operation the unmap handler still has to make. */
export const IntervalOp = z.strictObject({
  /** update | insert_safe | insert | remove_deferred | remove | unmap_from_gpus (amdkfd fix unmap_first) */
  api: z.enum(['update', 'insert_safe', 'insert', 'remove_deferred', 'remove', 'unmap_from_gpus']),
  /** The interval, or "new" for one allocated by the operation. */
  sub: Id,
  /** New bounds (0 for removes). */
  start: Int,
  last: Int,
});

/** A munmap queued by the callback for the driver's worker (outside strategies). */
export const UnmapWork = z.strictObject({ sub: Id, start: Int, last: Int });

/** The whole state of a hole-punch model. */
export const HolePunchState = ProtocolState.extend({
  /** deferred_list in list order, head first (not sorted). */
  deferred: z.array(Id),
  /** Per subscription: its pending update. */
  upd: z.record(Id, PendingUpdate),
  /** Per invalidator: the removed_list of its last inv_end, released after the unlock. */
  relq: z.record(Id, z.array(Id)),
  /** Per invalidator and the worker: the interval operations still to make. */
  hp: z.record(Id, z.strictObject({ ops: z.array(IntervalOp) })),
  /** The driver's queue of munmaps (outside-callback strategies). */
  work: z.array(UnmapWork),
  /** mmap_lock: the writer ("none" if free; only the worker holds it across steps) and the readers (invalidators and faulters). */
  mmap: z.strictObject({ writer: Id, readers: z.array(Id) }),
  /** Pages still mapped (munmap removes its range). */
  vma: z.array(Int),
});

/** The whole state of a hole-punch model. */
export type HolePunchState = z.infer<typeof HolePunchState>;
