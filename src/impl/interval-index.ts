/**
 * The interval tree of the subscriptions: closed intervals [start, last] in an
 * AVL tree ordered by (start, rank), each node augmented with the largest `last`
 * of its subtree — the same augmentation as the kernel's interval_tree
 * (include/linux/interval_tree_generic.h, `__subtree_last`).
 *
 * Unlike @flatten-js/interval-tree it keeps intervals with identical bounds as
 * separate nodes (the key includes a unique rank) and rejects start > last.
 *
 * Cost: insert/remove O(log n); `first`/`next` O(log n) each, like the
 * kernel's interval_tree_iter_first/iter_next; enumerating the k intersections
 * of a range costs O(log n + k·log n) in the worst case and close to
 * O(log n + k) when the hits are neighbours in start order.
 */

/** One stored interval. */
export interface IntervalEntry<T> {
  readonly start: number;
  readonly last: number;
  readonly rank: number;
  readonly id: string;
  readonly value: T;
}

interface Node<T> extends IntervalEntry<T> {
  left: Node<T> | null;
  right: Node<T> | null;
  height: number;
  /** max(last) over this subtree (the kernel's __subtree_last). */
  max: number;
}

/**
 * Position in the tree order: (start, rank). The rank breaks ties between
 * equal starts; it stands for the rb-tree position (the kernel puts an equal
 * start to the right, so a later insert comes later). The spec uses the
 * index in its SubList constant; ranks must be unique.
 */
export interface TreeKey {
  readonly start: number;
  readonly rank: number;
}

/** -1, 0, 1 comparing (start, rank) pairs. */
export function compareKeys(a: TreeKey, b: TreeKey): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.rank === b.rank) return 0;
  return a.rank < b.rank ? -1 : 1;
}

const height = <T>(n: Node<T> | null): number => (n === null ? 0 : n.height);

function update<T>(n: Node<T>): Node<T> {
  n.height = Math.max(height(n.left), height(n.right)) + 1;
  let max = n.last;
  if (n.left !== null && n.left.max > max) max = n.left.max;
  if (n.right !== null && n.right.max > max) max = n.right.max;
  n.max = max;
  return n;
}

function rotateRight<T>(n: Node<T>): Node<T> {
  const l = n.left as Node<T>;
  n.left = l.right;
  l.right = update(n);
  return update(l);
}

function rotateLeft<T>(n: Node<T>): Node<T> {
  const r = n.right as Node<T>;
  n.right = r.left;
  r.left = update(n);
  return update(r);
}

function balance<T>(n: Node<T>): Node<T> {
  update(n);
  const bf = height(n.left) - height(n.right);
  if (bf > 1) {
    const l = n.left as Node<T>;
    if (height(l.left) < height(l.right)) n.left = rotateLeft(l);
    return rotateRight(n);
  }
  if (bf < -1) {
    const r = n.right as Node<T>;
    if (height(r.right) < height(r.left)) n.right = rotateRight(r);
    return rotateLeft(n);
  }
  return n;
}

function insertNode<T>(root: Node<T> | null, node: Node<T>): Node<T> {
  if (root === null) return node;
  if (compareKeys(node, root) < 0) root.left = insertNode(root.left, node);
  else root.right = insertNode(root.right, node);
  return balance(root);
}

function removeMin<T>(n: Node<T>): { rest: Node<T> | null; min: Node<T> } {
  if (n.left === null) return { rest: n.right, min: n };
  const { rest, min } = removeMin(n.left);
  n.left = rest;
  return { rest: balance(n), min };
}

function removeNode<T>(root: Node<T> | null, key: TreeKey): Node<T> | null {
  if (root === null) return null;
  const c = compareKeys(key, root);
  if (c < 0) root.left = removeNode(root.left, key);
  else if (c > 0) root.right = removeNode(root.right, key);
  else {
    if (root.left === null) return root.right;
    if (root.right === null) return root.left;
    const { rest, min } = removeMin(root.right);
    min.left = root.left;
    min.right = rest;
    return balance(min);
  }
  return balance(root);
}

/**
 * First node, in tree order, strictly after `after` (if given) whose interval
 * intersects [start, last]. Subtrees whose max < start hold no hit; once a
 * node starts after `last`, nothing to its right can hit either.
 */
function firstHit<T>(n: Node<T> | null, start: number, last: number, after: TreeKey | null): Node<T> | null {
  while (n !== null) {
    if (n.max < start) return null;
    if (after !== null && compareKeys(n, after) <= 0) {
      n = n.right;
      continue;
    }
    const inLeft = firstHit(n.left, start, last, after);
    if (inLeft !== null) return inLeft;
    if (n.start > last) return null;
    if (n.last >= start) return n;
    n = n.right;
  }
  return null;
}

/** An interval index with the kernel interval_tree's query interface. */
export class IntervalIndex<T> {
  private root: Node<T> | null = null;
  private readonly byId = new Map<string, Node<T>>();

  /** Number of stored intervals. */
  get size(): number {
    return this.byId.size;
  }

  /** Whether `id` is stored (the kernel's !RB_EMPTY_NODE). */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The stored entry of `id`, if any. */
  get(id: string): IntervalEntry<T> | undefined {
    return this.byId.get(id);
  }

  /**
   * interval_tree_insert(): adds [start, last] under `id` at tie-break `rank`.
   * Throws on start > last or a duplicate id.
   */
  insert(start: number, last: number, rank: number, id: string, value: T): void {
    if (!(start <= last)) throw new RangeError(`interval [${start}, ${last}] has start > last`);
    if (this.byId.has(id)) throw new RangeError(`interval ${id} is already in the index`);
    const node: Node<T> = { start, last, rank, id, value, left: null, right: null, height: 1, max: last };
    this.root = insertNode(this.root, node);
    this.byId.set(id, node);
  }

  /** interval_tree_remove(): removes `id`; returns whether it was present. */
  remove(id: string): boolean {
    const node = this.byId.get(id);
    if (node === undefined) return false;
    this.root = removeNode(this.root, node);
    this.byId.delete(id);
    return true;
  }

  /** interval_tree_iter_first(): the first entry in tree order intersecting [start, last]. */
  first(start: number, last: number): IntervalEntry<T> | undefined {
    return firstHit(this.root, start, last, null) ?? undefined;
  }

  /**
   * interval_tree_iter_next(): the first entry after position `after`
   * intersecting [start, last]. `after` need not be stored any more: the
   * successor is found by key, which is what a walk over a tree that changed
   * under it (bug variants M1/M2) can at best do.
   */
  next(after: TreeKey, start: number, last: number): IntervalEntry<T> | undefined {
    return firstHit(this.root, start, last, after) ?? undefined;
  }

  /** Every entry intersecting [start, last], in tree order. */
  intersecting(start: number, last: number): IntervalEntry<T>[] {
    const out: IntervalEntry<T>[] = [];
    collect(this.root, start, last, out);
    return out;
  }

  /** Every entry, in tree order. */
  entries(): IntervalEntry<T>[] {
    const out: IntervalEntry<T>[] = [];
    collect(this.root, -Infinity, Infinity, out);
    return out;
  }

  /** Checks the AVL and augmentation invariants; throws on the first breach (for tests). */
  checkInvariants(): void {
    check(this.root);
  }
}

function collect<T>(n: Node<T> | null, start: number, last: number, out: IntervalEntry<T>[]): void {
  if (n === null || n.max < start) return;
  collect(n.left, start, last, out);
  if (n.start > last) return;
  if (n.last >= start) out.push(n);
  collect(n.right, start, last, out);
}

function check<T>(n: Node<T> | null): { h: number; max: number } {
  if (n === null) return { h: 0, max: -Infinity };
  const l = check(n.left);
  const r = check(n.right);
  if (n.left !== null && compareKeys(n.left, n) >= 0) throw new Error(`order broken at ${n.id}`);
  if (n.right !== null && compareKeys(n.right, n) <= 0) throw new Error(`order broken at ${n.id}`);
  if (Math.abs(l.h - r.h) > 1) throw new Error(`unbalanced at ${n.id}`);
  const h = Math.max(l.h, r.h) + 1;
  const max = Math.max(n.last, l.max, r.max);
  if (n.height !== h || n.max !== max) throw new Error(`stale augmentation at ${n.id}`);
  return { h, max };
}
