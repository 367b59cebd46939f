import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coverEdges, type EdgeCover } from '../../src/codegen/edge-cover.ts';
import type { Digraph } from '../../src/codegen/digraph.ts';

function graph(nodeCount: number, edges: [number, number][], initial: number[]): Digraph {
  return { nodeCount, from: edges.map((e) => e[0]), to: edges.map((e) => e[1]), initial };
}

/** Checks that every walk is connected, starts at an initial state and that all edges are taken. */
function expectValidCover(g: Digraph, cover: EdgeCover): void {
  const taken = new Set<number>();
  for (const w of cover.walks) {
    expect(g.initial).toContain(w.start);
    let at = w.start;
    for (const e of w.edges) {
      expect(g.from[e]).toBe(at);
      at = g.to[e]!;
      taken.add(e);
    }
  }
  expect(taken.size).toBe(g.from.length);
}

/** Largest set of edges no walk can take two of, plus initial states without successors (brute force). */
function maxAntichain(g: Digraph): number {
  const n = g.nodeCount;
  const reach = Array.from({ length: n }, (_, i) => {
    const seen = new Set([i]);
    const stack = [i];
    while (stack.length) {
      const u = stack.pop()!;
      g.from.forEach((f, e) => {
        if (f === u && !seen.has(g.to[e]!)) {
          seen.add(g.to[e]!);
          stack.push(g.to[e]!);
        }
      });
    }
    return seen;
  });
  const m = g.from.length;
  const precedes = (a: number, b: number): boolean => reach[g.to[a]!]!.has(g.from[b]!);
  let best = 0;
  for (let mask = 1; mask < 1 << m; mask++) {
    const set = [...Array(m).keys()].filter((e) => mask & (1 << e));
    if (set.length <= best) continue;
    const ok = set.every((a) => set.every((b) => a === b || (!precedes(a, b) && !precedes(b, a))));
    if (ok) best = set.length;
  }
  const loneInit = new Set(g.initial.filter((s) => !g.from.includes(s))).size;
  return best + loneInit;
}

describe('coverEdges', () => {
  it('needs one walk for a chain', () => {
    const g = graph(4, [[0, 1], [1, 2], [2, 3]], [0]);
    const cover = coverEdges(g);
    expectValidCover(g, cover);
    expect(cover.walks).toHaveLength(1);
    expect(cover.minimumWalks).toBe(1);
  });

  it('reuses a shared edge instead of starting a third walk (min-flow beats out-in degree counting)', () => {
    // s1,s2 → u → v → t1,t2 : edge-disjoint paths would need 3, repeating u→v needs 2.
    const g = graph(6, [[0, 2], [1, 2], [2, 3], [3, 4], [3, 5]], [0, 1]);
    const cover = coverEdges(g);
    expectValidCover(g, cover);
    expect(cover.walks).toHaveLength(2);
    expect(cover.minimumWalks).toBe(2);
    expect(cover.sinkEdgeBound).toBe(2);
  });

  it('tours a cycle and its self-loop inside one walk', () => {
    const g = graph(4, [[0, 1], [1, 2], [2, 1], [2, 2], [2, 3]], [0]);
    const cover = coverEdges(g);
    expectValidCover(g, cover);
    expect(cover.walks).toHaveLength(1);
  });

  it('covers parallel edges (same states, different actions) with separate walks into a sink', () => {
    const g = graph(2, [[0, 1], [0, 1], [0, 1]], [0]);
    const cover = coverEdges(g);
    expectValidCover(g, cover);
    expect(cover.walks).toHaveLength(3);
    expect(cover.sinkEdgeBound).toBe(3);
  });

  it('gives an initial state without successors a walk of length 0', () => {
    const g = graph(3, [[0, 1]], [0, 2]);
    const cover = coverEdges(g);
    expectValidCover(g, cover);
    expect(cover.walks).toContainEqual({ start: 2, edges: [] });
    expect(cover.minimumWalks).toBe(2);
  });

  it('rejects a graph with a state no initial state reaches', () => {
    expect(() => coverEdges(graph(3, [[0, 1]], [0]))).toThrow(/state 2 is not reachable/);
  });

  it('matches the brute-force maximum edge antichain on random small graphs', () => {
    const arbGraph = fc
      .integer({ min: 1, max: 6 })
      .chain((n) =>
        fc.record({
          n: fc.constant(n),
          edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 9 }),
          initial: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 2 }),
        }),
      )
      .map(({ n, edges, initial }) => {
        // Make every node reachable by linking unreached ones from the first initial state.
        const all = [...edges];
        const reached = new Set(initial);
        let grew = true;
        while (grew) {
          grew = false;
          for (const [a, b] of all) {
            if (reached.has(a) && !reached.has(b)) {
              reached.add(b);
              grew = true;
            }
          }
        }
        for (let v = 0; v < n; v++) if (!reached.has(v)) all.push([initial[0]!, v]);
        return graph(n, all, initial);
      });
    fc.assert(
      fc.property(arbGraph, (g) => {
        const cover = coverEdges(g);
        expectValidCover(g, cover);
        const optimum = maxAntichain(g);
        expect(cover.minimumWalks).toBe(optimum);
        expect(cover.walks.length).toBe(optimum);
        expect(cover.sinkEdgeBound).toBeLessThanOrEqual(optimum);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a deep graph without overflowing the stack', () => {
    const n = 200_000;
    const edges: [number, number][] = [];
    for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
    edges.push([n - 1, 0]);
    const cover = coverEdges(graph(n, edges, [0]));
    expect(cover.walks).toHaveLength(1);
    expect(cover.walks[0]!.edges).toHaveLength(n);
  });
});
