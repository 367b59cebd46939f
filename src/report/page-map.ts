/**
 * The page map of one state: what the address space looks like to the
 * notifier at that moment, page by page. It is read straight off the state
 * variables of the mainline models (src/protocol/state.ts) and of the
 * hole-punch models (src/protocol/hole-punch-state.ts):
 *
 *  - `subs` + `tree`: the intervals (struct mmu_interval_notifier) and
 *    whether each is in the interval tree, waiting on the deferred list to
 *    be inserted (life "pending_insert") or to be removed ("pending_remove");
 *  - `upd`: bounds of a pending mmu_interval_notifier_update (v5/v6 API);
 *  - `hp`: interval operations a thread has planned but not made yet (the
 *    hole-punch handler's insert/update of the new bounds);
 *  - `inv`: the range each invalidating thread is invalidating right now;
 *  - `pte`: the CPU page table, a version per page; `spte`: the device's
 *    mirror of it, 0 = no entry; `vma`: the pages still mapped.
 *
 * A device entry is stale when it holds a version other than the CPU PTE's
 * (the device would read an old page): that is what SAFE-1
 * (`NoStaleDeviceEntry`) forbids on a page an interval covers.
 */
import { isRecord } from './step-changes.ts';

/** How an interval bar is drawn. */
export type BarKind =
  /** In the interval tree: invalidations of its pages find it. */
  | 'tree'
  /** Queued for insertion (deferred list): not found by a walk yet. */
  | 'pending-insert'
  /** Queued for removal, still in the tree. */
  | 'pending-remove'
  /** New bounds of a pending mmu_interval_notifier_update, not applied yet. */
  | 'pending-update'
  /** An insert or update a thread has planned and not made yet. */
  | 'planned';

/** One bar: an interval over pages [start, last] (1-based, inclusive). */
export interface IntervalBar {
  /** Subscription id, or "new" for an interval an operation will allocate. */
  sub: string;
  start: number;
  last: number;
  kind: BarKind;
  /** Short text on the bar ("s1", "s1 → update", "w: insert_safe"). */
  label: string;
}

/** An invalidation in progress over pages [start, last]. */
export interface InvalidationRange {
  thread: string;
  start: number;
  last: number;
}

/** One page's column of the map. */
export interface PageColumn {
  /** 1-based page number. */
  page: number;
  /** Still mapped (`vma`); true when the model has no vma. */
  mapped: boolean;
  /** CPU PTE version. */
  pte: number;
  /** Device entry version, 0 = none. */
  device: number;
  /** The device entry holds a version other than the CPU PTE's. */
  stale: boolean;
  /** Some interval in the tree covers the page. */
  covered: boolean;
}

/** The map of one state. */
export interface PageMap {
  pages: PageColumn[];
  bars: IntervalBar[];
  invalidations: InvalidationRange[];
}

const PLANNED_APIS = new Set(['update', 'insert_safe', 'insert']);

function intArray(v: unknown): number[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v) : null;
}

function bounds(v: unknown): { start: number; last: number } | null {
  return isRecord(v) && typeof v.start === 'number' && typeof v.last === 'number' && v.start > 0 && v.last >= v.start ? { start: v.start, last: v.last } : null;
}

function idCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The bars of the intervals: the tree, the deferred list, pending updates, planned operations. */
function barsOf(state: Record<string, unknown>): IntervalBar[] {
  const bars: IntervalBar[] = [];
  const tree = new Set(Array.isArray(state.tree) ? state.tree.filter((s): s is string => typeof s === 'string') : []);
  const subs = isRecord(state.subs) ? state.subs : {};
  for (const id of Object.keys(subs).sort(idCompare)) {
    const sub = subs[id];
    const b = bounds(sub);
    if (!b || !isRecord(sub)) continue;
    if (sub.life === 'pending_insert') bars.push({ sub: id, ...b, kind: 'pending-insert', label: `${id} insert pending` });
    else if (sub.life === 'pending_remove' && tree.has(id)) bars.push({ sub: id, ...b, kind: 'pending-remove', label: `${id} remove pending` });
    else if (tree.has(id)) bars.push({ sub: id, ...b, kind: 'tree', label: id });
  }
  const upd = isRecord(state.upd) ? state.upd : {};
  for (const id of Object.keys(upd).sort(idCompare)) {
    const b = bounds(upd[id]);
    if (b) bars.push({ sub: id, ...b, kind: 'pending-update', label: `${id} update pending` });
  }
  const hp = isRecord(state.hp) ? state.hp : {};
  for (const thread of Object.keys(hp).sort(idCompare)) {
    const ops = isRecord(hp[thread]) && Array.isArray(hp[thread].ops) ? hp[thread].ops : [];
    for (const op of ops) {
      const b = bounds(op);
      if (b && isRecord(op) && typeof op.api === 'string' && PLANNED_APIS.has(op.api)) {
        bars.push({ sub: typeof op.sub === 'string' ? op.sub : '?', ...b, kind: 'planned', label: `${thread}: ${op.api} ${String(op.sub)}` });
      }
    }
  }
  return bars;
}

/**
 * Program counters of an invalidator whose invalidation is over: it has not
 * started one (idle), is out of work (done), or has already left
 * mn_itree_inv_end (it only wakes sleepers or releases removed intervals).
 */
const NOT_INVALIDATING = new Set(['idle', 'done', 'wake_up_all', 'mmu_interval_release']);

/** Invalidations under way: an invalidator with a range that has not left mn_itree_inv_end. */
function invalidationsOf(state: Record<string, unknown>): InvalidationRange[] {
  const inv = isRecord(state.inv) ? state.inv : {};
  const pc = isRecord(state.pc) ? state.pc : {};
  return Object.keys(inv)
    .sort(idCompare)
    .flatMap((thread) => {
      const b = bounds(inv[thread]);
      const at = pc[thread];
      return b && typeof at === 'string' && !NOT_INVALIDATING.has(at) ? [{ thread, ...b }] : [];
    });
}

/**
 * The page map of a state, or null when the state is not a protocol state
 * (it lacks the page tables `pte` and `spte`).
 */
export function pageMapOf(state: Record<string, unknown>): PageMap | null {
  const pte = intArray(state.pte);
  const spte = intArray(state.spte);
  if (pte === null || spte === null || pte.length !== spte.length || pte.length === 0) return null;
  const vma = intArray(state.vma);
  const bars = barsOf(state);
  const inTree = bars.filter((b) => b.kind === 'tree' || b.kind === 'pending-remove');
  const pages = pte.map((version, i): PageColumn => {
    const page = i + 1;
    const device = spte[i]!;
    return {
      page,
      mapped: vma === null || vma.includes(page),
      pte: version,
      device,
      stale: device !== 0 && device !== version,
      covered: inTree.some((b) => b.start <= page && page <= b.last),
    };
  });
  return { pages, bars, invalidations: invalidationsOf(state) };
}
