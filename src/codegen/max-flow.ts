/**
 * A flow network with Dinic's maximum-flow algorithm (iterative DFS: the
 * condensed state graphs can be thousands of levels deep).
 */

/** A capacity that never saturates in practice (integer-exact in a double). */
export const UNBOUNDED = 2 ** 50;

/** Arcs are stored in pairs: arc `a` and its residual twin `a ^ 1`. */
export class FlowNetwork {
  readonly nodeCount: number;
  private readonly head: Int32Array;
  private readonly arcTo: number[] = [];
  private readonly arcNext: number[] = [];
  /** Residual capacity per arc. */
  readonly capacity: number[] = [];

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.head = new Int32Array(nodeCount).fill(-1);
  }

  /** Add arc u→v with capacity `cap` and its twin v→u with capacity `twinCap`; returns the arc id. */
  addArc(u: number, v: number, cap: number, twinCap = 0): number {
    const a = this.arcTo.length;
    this.push(u, v, cap);
    this.push(v, u, twinCap);
    return a;
  }

  private push(u: number, v: number, cap: number): void {
    this.arcTo.push(v);
    this.capacity.push(cap);
    this.arcNext.push(this.head[u]!);
    this.head[u] = this.arcTo.length - 1;
  }

  /** Push as much flow as possible from s to t through residual capacities; returns the amount. */
  maxFlow(s: number, t: number): number {
    let total = 0;
    const level = new Int32Array(this.nodeCount);
    const current = new Int32Array(this.nodeCount);
    while (this.levels(s, t, level)) {
      current.set(this.head);
      total += this.blockingFlow(s, t, level, current);
    }
    return total;
  }

  private levels(s: number, t: number, level: Int32Array): boolean {
    level.fill(-1);
    level[s] = 0;
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i]!;
      for (let a = this.head[u]!; a !== -1; a = this.arcNext[a]!) {
        const v = this.arcTo[a]!;
        if (this.capacity[a]! > 0 && level[v] === -1) {
          level[v] = level[u]! + 1;
          queue.push(v);
        }
      }
    }
    return level[t] !== -1;
  }

  private blockingFlow(s: number, t: number, level: Int32Array, current: Int32Array): number {
    let total = 0;
    const path: number[] = [];
    let u = s;
    for (;;) {
      if (u === t) {
        let bottleneck = Infinity;
        for (const a of path) bottleneck = Math.min(bottleneck, this.capacity[a]!);
        let firstSaturated = -1;
        for (let i = 0; i < path.length; i++) {
          const a = path[i]!;
          this.capacity[a]! -= bottleneck;
          this.capacity[a ^ 1]! += bottleneck;
          if (firstSaturated === -1 && this.capacity[a] === 0) firstSaturated = i;
        }
        total += bottleneck;
        path.length = firstSaturated;
        u = firstSaturated === 0 ? s : this.arcTo[path[firstSaturated - 1]!]!;
        continue;
      }
      let a = current[u]!;
      while (a !== -1 && !(this.capacity[a]! > 0 && level[this.arcTo[a]!] === level[u]! + 1)) a = this.arcNext[a]!;
      current[u] = a;
      if (a !== -1) {
        path.push(a);
        u = this.arcTo[a]!;
        continue;
      }
      // Dead end: no augmenting path continues through u in this phase.
      level[u] = -1;
      if (path.length === 0) return total;
      const back = path.pop()!;
      u = this.arcTo[back ^ 1]!;
      current[u] = this.arcNext[current[u]!]!;
    }
  }
}
