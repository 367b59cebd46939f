/**
 * Walks from the initial states that together take every edge of a state
 * graph at least once, using as few walks as possible.
 *
 * Algorithm (exact in the number of walks):
 * 1. Condense the graph into its strongly connected components. One walk that
 *    enters a component can take all of its internal edges before leaving
 *    (the component is strongly connected), so only the DAG of components
 *    matters for the count.
 * 2. Minimum flow with lower bounds on that DAG: every edge between
 *    components carries >= 1 unit, every component with internal edges is
 *    passed >= 1 time; walks may start and end anywhere. Starting from the
 *    trivially feasible flow (one unit per demand), a maximum flow from sink
 *    to source in the residual network cancels every unit that is not needed
 *    (min-flow = feasible - max reverse flow). The value is the minimum number
 *    of walks: by the min-flow/max-cut duality it equals the largest set of
 *    edges no single walk can contain two of, so no cover does better.
 * 3. Decompose the flow into component paths and expand each into a state
 *    walk: a shortest prefix from an initial state (every state is reachable,
 *    so starting "anywhere" costs no extra walk), shortest routes inside
 *    components, and one greedy tour of each component's internal edges.
 * Initial states without any outgoing edge each get a walk of length 0.
 */
import { bfs, outEdges, pathTo, type Digraph } from './digraph.ts';
import { FlowNetwork, UNBOUNDED } from './max-flow.ts';
import { stronglyConnected, type Components } from './scc.ts';

/** A walk: a start node and the edges taken from it, in order. */
export interface Walk {
  readonly start: number;
  readonly edges: readonly number[];
}

/** The cover and the bounds it is measured against. */
export interface EdgeCover {
  readonly walks: Walk[];
  /** The minimum possible number of walks (min-flow value + lone initial sinks). */
  readonly minimumWalks: number;
  /**
   * A simpler lower bound: edges into terminal states (states whose only
   * successors are themselves) from other states; a walk takes at most one.
   */
  readonly sinkEdgeBound: number;
}

/** Compute an edge-covering set of walks from the initial states of `g`. */
export function coverEdges(g: Digraph): EdgeCover {
  const out = outEdges(g);
  const comps = stronglyConnected(g, out);
  const fromInit = bfs(g, out, g.initial);
  assertAllReachable(g, fromInit.reached);

  const network = buildMinFlow(g, comps);
  const componentPaths = decompose(network, comps.count);
  const tour = new TourState(g, out, comps, fromInit);
  const walks = componentPaths.map((p) => tour.expand(p)).filter((w) => w !== null);
  for (const s of new Set(g.initial)) if (out[s]!.length === 0) walks.push({ start: s, edges: [] });

  const loneSinks = walks.filter((w) => w.edges.length === 0).length;
  const terminal = (v: number): boolean => out[v]!.every((e) => g.to[e] === v);
  const sinkEdgeBound = g.to.filter((v, e) => terminal(v) && g.from[e] !== v).length;
  return { walks, minimumWalks: componentPaths.length + loneSinks, sinkEdgeBound };
}

function assertAllReachable(g: Digraph, reached: Uint8Array): void {
  const unreached = reached.indexOf(0);
  if (unreached !== -1) throw new Error(`state ${unreached} is not reachable from an initial state; the graph export is incomplete`);
}

/** The min-flow network on the condensation, solved; `edgeArc[e]` is the arc of inter-component edge e (-1 if internal). */
interface SolvedNetwork {
  readonly net: FlowNetwork;
  readonly source: number;
  readonly arcs: { readonly id: number; readonly lower: number; readonly u: number; readonly v: number; readonly edge: number }[];
}

function buildMinFlow(g: Digraph, comps: Components): SolvedNetwork {
  const C = comps.count;
  const cin = (c: number): number => 2 * c;
  const cout = (c: number): number => 2 * c + 1;
  const S = 2 * C;
  const T = 2 * C + 1;
  const hasInternal = new Uint8Array(C);
  const demands: { u: number; v: number; edge: number; lower: number }[] = [];
  for (let e = 0; e < g.from.length; e++) {
    const a = comps.of[g.from[e]!]!;
    const b = comps.of[g.to[e]!]!;
    if (a === b) hasInternal[a] = 1;
    else demands.push({ u: cout(a), v: cin(b), edge: e, lower: 1 });
  }
  for (let c = 0; c < C; c++) demands.push({ u: cin(c), v: cout(c), edge: -1, lower: hasInternal[c]! });

  // Feasible start: route one unit S → cin(a) → … → cout(b) → T per demand.
  const flowIn = new Float64Array(C); // units through cin(c)→cout(c) besides its own demand
  const sOut = new Float64Array(C);
  const tIn = new Float64Array(C);
  for (const d of demands) {
    if (d.lower === 0) continue;
    const a = d.edge === -1 ? d.u / 2 : (d.u - 1) / 2;
    const b = d.edge === -1 ? a : d.v / 2;
    sOut[a]!++;
    tIn[b]!++;
    if (d.edge !== -1) {
      flowIn[a]!++;
      flowIn[b]!++;
    }
  }
  const net = new FlowNetwork(2 * C + 2);
  const arcs: SolvedNetwork['arcs'][number][] = [];
  const add = (u: number, v: number, lower: number, flow: number, edge: number): void => {
    arcs.push({ id: net.addArc(u, v, UNBOUNDED, flow - lower), lower, u, v, edge });
  };
  for (const d of demands) {
    const flow = d.edge === -1 ? d.lower + flowIn[d.u / 2]! : 1;
    add(d.u, d.v, d.lower, flow, d.edge);
  }
  for (let c = 0; c < C; c++) {
    add(S, cin(c), 0, sOut[c]!, -1);
    add(cout(c), T, 0, tIn[c]!, -1);
  }
  net.maxFlow(T, S);
  return { net, source: S, arcs };
}

/** A path through the condensation: the inter-component edges it takes, and the component it starts in. */
interface ComponentPath {
  readonly firstComponent: number;
  readonly edges: number[];
}

function decompose(solved: SolvedNetwork, C: number): ComponentPath[] {
  const { net, source, arcs } = solved;
  const flow = arcs.map((a) => a.lower + net.capacity[a.id ^ 1]!);
  const outArcs: number[][] = Array.from({ length: 2 * C + 2 }, () => []);
  arcs.forEach((a, i) => outArcs[a.u]!.push(i));
  const sink = source + 1;
  const paths: ComponentPath[] = [];
  for (const first of outArcs[source]!) {
    while (flow[first]! > 0) {
      flow[first]!--;
      const firstComponent = arcs[first]!.v / 2;
      const edges: number[] = [];
      let node = arcs[first]!.v;
      while (node !== sink) {
        const next = outArcs[node]!.find((i) => flow[i]! > 0);
        if (next === undefined) throw new Error('flow decomposition failed: flow is not conserved (bug in the min-flow solver)');
        flow[next]!--;
        if (arcs[next]!.edge !== -1) edges.push(arcs[next]!.edge);
        node = arcs[next]!.v;
      }
      paths.push({ firstComponent, edges });
    }
  }
  return paths;
}

/** Expands component paths into state walks; remembers which components were already toured. */
class TourState {
  private readonly toured: Uint8Array;
  private readonly covered: Uint8Array;
  /** Per component, its state closest to an initial state (BFS order). */
  private readonly closest: Int32Array;
  private readonly initParent: Int32Array;
  /** Edges first covered by the tour inside the walk being expanded. */
  private touredEdges = 0;

  constructor(
    private readonly g: Digraph,
    private readonly out: number[][],
    private readonly comps: Components,
    fromInit: { parentEdge: Int32Array; order: number[] },
  ) {
    this.toured = new Uint8Array(comps.count);
    this.covered = new Uint8Array(g.from.length);
    this.initParent = fromInit.parentEdge;
    this.closest = new Int32Array(comps.count).fill(-1);
    for (const v of fromInit.order) if (this.closest[comps.of[v]!] === -1) this.closest[comps.of[v]!] = v;
  }

  /** The state walk of one component path, or null if it would take no edge not already covered. */
  expand(path: ComponentPath): Walk | null {
    const { g, initParent } = this;
    const entry = this.entryOf(path);
    const prefix = pathTo(g, initParent, entry);
    const start = prefix.length > 0 ? g.from[prefix[0]!]! : entry;
    const edges = [...prefix];
    let at = entry;
    for (const e of path.edges) {
      append(edges, this.within(at, g.from[e]!));
      edges.push(e);
      at = g.to[e]!;
    }
    append(edges, this.within(at, -1));
    let newlyCovered = this.touredEdges;
    this.touredEdges = 0;
    for (const e of edges) {
      if (this.covered[e] === 0) newlyCovered++;
      this.covered[e] = 1;
    }
    return newlyCovered > 0 ? { start, edges } : null;
  }

  /** Where the walk enters its first component: the tail of its first edge, or the component's state closest to an initial state. */
  private entryOf(path: ComponentPath): number {
    if (path.edges.length > 0 && this.toured[path.firstComponent] === 1) return this.g.from[path.edges[0]!]!;
    return this.closest[path.firstComponent]!;
  }

  /** Route inside the component of `from` to `to` (-1: stay anywhere), touring its internal edges the first time. */
  private within(from: number, to: number): number[] {
    const c = this.comps.of[from]!;
    const route: number[] = [];
    let at = from;
    if (this.toured[c] === 0) {
      this.toured[c] = 1;
      for (;;) {
        const step = this.nearestUncovered(at, c);
        if (step === null) break;
        append(route, step);
        for (const e of step) {
          if (this.covered[e] === 0) this.touredEdges++;
          this.covered[e] = 1;
        }
        at = this.g.to[step[step.length - 1]!]!;
      }
    }
    if (to !== -1 && to !== at) append(route, this.shortestInside(at, to, c));
    return route;
  }

  /** Shortest route inside component c from `at` that ends by taking an internal edge not yet covered; null if none is left. */
  private nearestUncovered(at: number, c: number): number[] | null {
    const { g, comps, out, covered } = this;
    // Usually the current state still has an uncovered edge: no search needed.
    for (const e of out[at]!) if (!covered[e] && comps.of[g.to[e]!] === c) return [e];
    const parentEdge = new Map<number, number>([[at, -1]]);
    const queue = [at];
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i]!;
      for (const e of out[u]!) {
        const v = g.to[e]!;
        if (comps.of[v] !== c) continue;
        if (!covered[e]) {
          const route = [e];
          for (let x = u; parentEdge.get(x)! !== -1; x = g.from[parentEdge.get(x)!]!) route.push(parentEdge.get(x)!);
          return route.reverse();
        }
        if (!parentEdge.has(v)) {
          parentEdge.set(v, e);
          queue.push(v);
        }
      }
    }
    return null;
  }

  private shortestInside(from: number, to: number, c: number): number[] {
    const search = bfs(this.g, this.out, [from], (v) => this.comps.of[v] === c);
    if (!search.reached[to]) throw new Error(`state ${to} not reachable from ${from} inside its component (bug in the SCC computation)`);
    return pathTo(this.g, search.parentEdge, to);
  }
}

/** Append without spreading (spread arguments overflow the stack for long routes). */
function append(target: number[], items: readonly number[]): void {
  for (const x of items) target.push(x);
}
