/**
 * Strongly connected components (Tarjan's algorithm, iterative so deep state
 * graphs do not overflow the JS stack).
 */
import type { Digraph } from './digraph.ts';

/** Component id per node; ids are in reverse topological order (sinks first), as Tarjan emits them. */
export interface Components {
  readonly count: number;
  readonly of: Int32Array;
}

/** Compute the strongly connected components of `g`, given its out-edge lists. */
export function stronglyConnected(g: Digraph, out: readonly (readonly number[])[]): Components {
  const n = g.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const of = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const next = new Int32Array(n); // position in out[v] of the next edge to explore
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const call: number[] = [root];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (call.length > 0) {
      const v = call[call.length - 1]!;
      const edges = out[v]!;
      if (next[v]! < edges.length) {
        const w = g.to[edges[next[v]!]!]!;
        next[v]!++;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          call.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      call.pop();
      if (call.length > 0) {
        const parent = call[call.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { count, of };
}
