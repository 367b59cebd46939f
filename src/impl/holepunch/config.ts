/**
 * The constants of a hole-punch model (spec/MCExportHolePunch.tla's
 * ExportConstants) as `HolePunchWorld` takes them, and the state the
 * hole-punch world adds to the one world interface (what its choices,
 * invariants and snapshot read).
 */
import {
  type AmdkfdFix,
  type HolePunchState,
  type HolePunchStrategy,
  type InvalidatorContext,
  type VariantName,
} from '../../protocol/index.ts';
import { type Subscription } from '../subscription.ts';
import { type SubSpec } from '../mainline/config.ts';
import { type SpecWorld } from '../world-api.ts';
import { type MmapLock } from './mmap-lock.ts';
import { type PlanOp } from './plan.ts';

/** The constants of a hole-punch model (spec/MCExportHolePunch.tla's ExportConstants). */
export interface HolePunchConfig {
  readonly variant?: VariantName;
  readonly strategy: HolePunchStrategy;
  readonly npages: number;
  /** SubList order; spare intervals (for the right part M) have start = last = 0. */
  readonly subs: readonly SubSpec[];
  /** Inserted (while idle) in the initial state. */
  readonly initTree: readonly string[];
  readonly invalidators: readonly string[];
  /** Amdkfd only (Strategy outside_remove_then_insert): the worker's fix; default "none" (kfd_svm.c today). */
  readonly amdkfdFix?: AmdkfdFix;
  /** Invalidators that run munmap (write lock to detach the VMA, then the read lock for the zap). */
  readonly unmappers: readonly string[];
  readonly unmapRanges: ReadonlyArray<readonly [number, number]>;
  readonly invRanges: ReadonlyArray<readonly [number, number]>;
  /** The other invalidators' context: rmap (no mmap_lock), mmap_read, per_vma (needs a mapped page). */
  readonly invalidatorContext: InvalidatorContext;
  /** Does the fault path re-check under the driver lock that its interval still covers the page? */
  readonly faultRecheck: boolean;
  readonly faulters: readonly string[];
  readonly mgr: string;
  readonly blockable: readonly boolean[];
  readonly maxInv: number;
  readonly maxFaults: number;
  readonly maxTries: number;
  /** Source of choices a step is not given (index in [0, n)). Default: the first. */
  readonly choose?: (n: number) => number;
}

/** A queued unmap of the driver's worker: [start, last] inside interval `sub`. */
export interface UnmapWork {
  readonly sub: string;
  readonly start: number;
  readonly last: number;
}

/** The hole-punch world's own state, beside the mainline protocol's. */
export interface HolePunchParts {
  /** hp[t].ops: the remaining operations of t's unmap plan. */
  readonly hp: Readonly<Record<string, { readonly ops: readonly PlanOp[] }>>;
  /** The driver's work queue of unmaps (outside strategies). */
  readonly work: readonly UnmapWork[];
  /** mmap_lock. */
  readonly mmap: MmapLock;
  /** Pages still mapped. */
  readonly vma: ReadonlySet<number>;
  /** The fault's lookup (dmirror_interval_find / svm_range_from_addr): intervals in the tree, not being removed, covering `page`. */
  findable(page: number): Subscription[];
}

/** What the hole-punch choices, invariants and snapshot read of the world. */
export type HolePunchView = SpecWorld<HolePunchState, HolePunchConfig> & HolePunchParts;
