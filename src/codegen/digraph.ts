/**
 * A directed multigraph on dense integer node ids, the shape the covering
 * algorithms work on. Edge `e` goes from `from[e]` to `to[e]`; parallel edges
 * and self-loops are allowed (TLC's state graph has both).
 */
export interface Digraph {
  /** Nodes are 0 .. nodeCount-1. */
  readonly nodeCount: number;
  readonly from: readonly number[];
  readonly to: readonly number[];
  /** The initial states; every walk starts at one of them. */
  readonly initial: readonly number[];
}

/** Outgoing edge ids per node, in edge order (a CSR-like adjacency). */
export function outEdges(g: Digraph): number[][] {
  const out: number[][] = Array.from({ length: g.nodeCount }, () => []);
  for (let e = 0; e < g.from.length; e++) out[g.from[e]!]!.push(e);
  return out;
}

/** Incoming edge ids per node. */
export function inEdges(g: Digraph): number[][] {
  const inc: number[][] = Array.from({ length: g.nodeCount }, () => []);
  for (let e = 0; e < g.to.length; e++) inc[g.to[e]!]!.push(e);
  return inc;
}

/**
 * Breadth-first search over edges from a set of start nodes. Returns, per node,
 * the edge by which BFS first reached it (-1 for start nodes and unreached
 * nodes), whether it was reached, and the visiting order. Shortest paths
 * follow `parentEdge` back.
 */
export function bfs(
  g: Digraph,
  adjacency: readonly (readonly number[])[],
  starts: readonly number[],
  allowed?: (node: number) => boolean,
): { parentEdge: Int32Array; reached: Uint8Array; order: number[] } {
  const parentEdge = new Int32Array(g.nodeCount).fill(-1);
  const reached = new Uint8Array(g.nodeCount);
  const queue: number[] = [];
  for (const s of starts) {
    if (!reached[s]) {
      reached[s] = 1;
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const e of adjacency[u]!) {
      const v = g.to[e]!;
      if (reached[v] || (allowed && !allowed(v))) continue;
      reached[v] = 1;
      parentEdge[v] = e;
      queue.push(v);
    }
  }
  return { parentEdge, reached, order: queue };
}

/** The edges of the BFS path ending at `node`, in walk order. */
export function pathTo(g: Digraph, parentEdge: Int32Array, node: number): number[] {
  const path: number[] = [];
  for (let v = node; parentEdge[v]! >= 0; v = g.from[parentEdge[v]!]!) path.push(parentEdge[v]!);
  return path.reverse();
}
