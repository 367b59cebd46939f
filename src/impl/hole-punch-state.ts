/**
 * The JSON shape of a spec/HolePunch.tla state (MCExportHolePunch.tla):
 * the protocol state of src/protocol/state.ts plus the hole-punch model's
 * variables. `deferred` is a sequence there (the hlist, head first), which
 * the base schema's array of ids already allows. Offered for the codegen's
 * hole-punch export models, which src/protocol does not describe yet.
 */
import { z } from 'zod';
import { ProtocolState } from '../protocol/index.ts';

const Bounds = z.strictObject({ start: z.int(), last: z.int() });

/** One operation of an unmap plan (the spec's Op record). */
export const PlanOpState = z.strictObject({
  api: z.enum(['update', 'insert_safe', 'insert', 'remove_deferred', 'remove']),
  sub: z.string().min(1),
  start: z.int(),
  last: z.int(),
});

/** The whole hole-punch state. */
export const HolePunchState = ProtocolState.extend({
  /** upd[n]: pending update (updated_start/_last); {0, 0} = none. */
  upd: z.record(z.string(), Bounds),
  /** relq[t]: removed_list of t's last inv_end, released by mmu_interval_release. */
  relq: z.record(z.string(), z.array(z.string())),
  /** hp[t].ops: the remaining operations of t's unmap plan. */
  hp: z.record(z.string(), z.strictObject({ ops: z.array(PlanOpState) })),
  /** The driver's work queue of unmaps. */
  work: z.array(z.strictObject({ sub: z.string(), start: z.int(), last: z.int() })),
  /** mmap_lock. */
  mmap: z.strictObject({ writer: z.string(), readers: z.array(z.string()) }),
  /** Pages still mapped. */
  vma: z.array(z.int()),
});

/** The whole hole-punch state. */
export type HolePunchState = z.infer<typeof HolePunchState>;
