/**
 * The unmap plans of the hole-punch drivers (spec/HolePunchPlan.tla
 * DmirrorPlan, AmdkfdPlan, KeptReplacement): which interval operations one
 * munmap of part of an interval needs, in which order, per strategy and,
 * for amdkfd, per candidate fix.
 */
import { type AmdkfdFix, type HolePunchStrategy } from '../../protocol/index.ts';

/** One operation of an unmap plan (the spec's Op record); sub "new" = a spare interval to allocate. */
export interface PlanOp {
  readonly api: 'update' | 'insert_safe' | 'insert' | 'remove_deferred' | 'remove' | 'unmap_from_gpus';
  readonly sub: string;
  readonly start: number;
  readonly last: number;
}

/** The action that carries out a plan operation (the spec's OpAction). */
export const OP_ACTION: Record<PlanOp['api'], string> = {
  update: 'mmu_interval_notifier_update',
  insert_safe: 'mmu_interval_notifier_insert_safe',
  insert: 'mmu_interval_notifier_insert',
  remove_deferred: 'mmu_interval_notifier_remove_deferred',
  remove: 'mmu_interval_notifier_remove',
  unmap_from_gpus: 'svm_range_unmap_from_gpus',
};

const op = (api: PlanOp['api'], sub: string, start: number, last: number): PlanOp => ({ api, sub, start, last });

/** dmirror_do_unmap's plan for interval [a, c] and the unmapped [b1, b2] (the spec's DmirrorPlan). */
export function unmapPlan(strategy: HolePunchStrategy, sub: string, a: number, c: number, b1: number, b2: number): PlanOp[] {
  const left = op('update', sub, a, b1 - 1);
  const right = op('update', sub, b2 + 1, c);
  const newRight = op('insert_safe', 'new', b2 + 1, c);
  if (b1 <= a && b2 >= c) return [op('remove_deferred', sub, 0, 0)];
  if (b1 <= a) return [right];
  if (b2 >= c) return [left];
  return strategy === 'outside_insert_then_shrink' ? [newRight, left] : [left, newRight];
}

/**
 * How amdkfd's worker replaces the notifier of the kept part [s, l] of
 * interval `sub` (the spec's KeptReplacement): today remove, then
 * insert_locked; the fixes insert first, unmap the GPUs first, or keep the
 * old notifier.
 */
function keptReplacement(fix: AmdkfdFix, sub: string, s: number, l: number): PlanOp[] {
  switch (fix) {
    case 'insert_first':
      return [op('insert', 'new', s, l), op('remove', sub, 0, 0)];
    case 'unmap_first':
      return [op('unmap_from_gpus', sub, s, l), op('remove', sub, 0, 0), op('insert', 'new', s, l)];
    case 'keep_notifier':
      return [];
    case 'none':
      return [op('remove', sub, 0, 0), op('insert', 'new', s, l)];
  }
}

/** amdkfd's worker plan (the spec's AmdkfdPlan): insert the split-off right part, then replace the kept part's notifier. */
export function amdkfdPlan(sub: string, a: number, c: number, b1: number, b2: number, fix: AmdkfdFix = 'none'): PlanOp[] {
  if (b1 <= a && b2 >= c) return [op('remove', sub, 0, 0)];
  if (b1 <= a) return keptReplacement(fix, sub, b2 + 1, c);
  if (b2 >= c) return keptReplacement(fix, sub, a, b1 - 1);
  return [op('insert', 'new', b2 + 1, c), ...keptReplacement(fix, sub, a, b1 - 1)];
}
