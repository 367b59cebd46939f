/**
 * The implementation's invariant checkers (the violations() of World,
 * HolePunchWorld, ExitWorld, HlistWorld and OwnerSkipWorld) against the
 * spec's invariants, evaluated by the real TLC, on states no run reaches.
 *
 * A replay or a validated run only shows a checker states where every
 * invariant holds (or a counterexample's last state), so a checker that
 * tests less than the spec would pass them all. Here a run of the world is
 * stopped at several points and disturbed one field at a time — a counter,
 * a subscription's life, seq or extent, the tree, the deferred list, a thread's
 * label or locals, the lock holder, a device entry — and a few named
 * combinations for clauses one field cannot reach, staying inside the
 * spec's TypeOK except where a counter leaves it. TLC evaluates each of
 * the family's invariants on every such state (src/validation/invariant-probe.ts);
 * the world's checker must name exactly the invariants TLC finds false.
 * Each invariant must be found false somewhere, so the set of disturbances
 * is seen to reach every one. A disturbed state is read by the world's
 * snapshotter right after the undisturbed one, as the recorder reads a
 * step, and must equal a fresh snapshot: a part kept from before although
 * its field changed would have TLC validate a state the world is not in
 * (it found HlistWorld's snapshotter without `hl`). The families' own
 * variables are disturbed by family-disturbances.ts.
 */
import { describe, expect, it } from 'vitest';
import { type ModelConstants } from '../../src/codegen/model-constants.ts';
import { runWorldSchedule, seededChooser } from '../../src/impl/explore.ts';
import { type HolePunchParts, type UnmapWork } from '../../src/impl/holepunch/config.ts';
import { type PlanOp } from '../../src/impl/holepunch/plan.ts';
import { type Subscription } from '../../src/impl/subscription.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { PC_VALUES, type LifeState } from '../../src/protocol/index.ts';
import { EXIT, HLIST, HOLEPUNCH, MAINLINE, OWNERSKIP, type StateFamily } from '../../src/validation/family.ts';
import { probeInvariants } from '../../src/validation/invariant-probe.ts';
import { exitConstants, hlistConstants, holePunchConstants, mainlineConstants, ownerSkipConstants, type RunShape } from '../../src/validation/run-shape.ts';
import { makeWorld } from '../../src/validation/world-recorder.ts';
import { setPc } from '../impl/world-fixtures.ts';
import { exitDisturbances, hlistDisturbances, ownerSkipDisturbances, type Disturbance, type ExtraDisturbances } from './family-disturbances.ts';
import { SETUP, SLOW } from './tlc-setup.ts';


/** Small enough that every subscription, thread and page can be disturbed; big enough for nested and overlapping intervals. */
const SHAPE: RunShape = { subs: 5, pages: 10, invalidators: 2, faulters: 2, invalidations: 2, faults: 2, maxTries: 2, ranges: 3 };
/** The points of a run (steps taken) at which it is stopped and disturbed; the last is past its end (settled). */
const STOPS = [0, 6, 12, 20, 30, 45, 10_000];
const LIVES: readonly LifeState[] = ['unused', 'in_tree', 'pending_insert', 'pending_remove', 'removed', 'freed'];

/** Writable views of what the disturbances change (the world's API is read-only for callers). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The labels a thread of each kind can be at, in the spec. */
interface Labels {
  readonly invalidator: readonly string[];
  readonly faulter: readonly string[];
  readonly manager: readonly string[];
}

/** spec/MMUNotifierBase.tla InvPcs, FltPcs, MgrPcs (the src/protocol shape). */
const MAINLINE_LABELS: Labels = PC_VALUES;

/** spec/HolePunch.tla adds the unmap handler's labels (HPWalking's among them), the fault's lookup and the worker's end. */
const HOLEPUNCH_LABELS: Labels = {
  invalidator: [...PC_VALUES.invalidator, 'dmirror_do_unmap', 'mmu_interval_notifier_update', 'mmu_interval_notifier_insert_safe', 'mmu_interval_notifier_remove_deferred', 'mmu_interval_release'],
  faulter: [...PC_VALUES.faulter, 'dmirror_interval_find'],
  manager: [...PC_VALUES.manager, 'unmap_work_done'],
};

/** spec/HlistNotifier.tla HlistExtraInvPcs: the hlist walk's labels. */
const HLIST_LABELS: Labels = {
  ...PC_VALUES,
  invalidator: [...PC_VALUES.invalidator, 'mn_hlist_invalidate_range_start', 'mn_hlist_unwind_end', 'mn_hlist_invalidate_end'],
};

/** No variables beyond the mainline and hole-punch fields disturbed below. */
const NONE: ExtraDisturbances = () => [];

/** `x` moved by one within 0..max. */
const bump = (x: number, max: number): number => (x < max ? x + 1 : x - 1);

/** Disturbances of `w`'s current state, one field each but for {@link combinations}; `extra` for the family's own variables. */
function disturbances(w: SpecWorld, labels: Labels, c: ModelConstants, extra: ExtraDisturbances): Disturbance[] {
  const n = w.notifier;
  const mgr = c.mgr;
  const out: Disturbance[] = [
    ['seq = 0', () => (n.seq = 0)],
    ['seq + 1', () => (n.seq += 1)],
    ['active + 1', () => (n.active += 1)],
    ['active - 1', () => (n.active -= 1)],
  ];
  const tasks = [...w.tasks.values()];
  for (const s of w.subs) {
    for (const life of LIVES) if (life !== s.life) out.push([`${s.id}.life = ${life}`, () => (s.life = life)]);
    out.push([`${s.id}.seq + 1`, () => (s.seq += 1)]);
    if (s.start >= 1 && s.last < w.mm.npages) out.push([`${s.id} grown to the last page`, () => grow(w, s)]);
    if (s.start >= 1 && s.start < s.last) out.push([`${s.id} without its first page`, () => reshape(w, s, s.start + 1, s.last)]);
    if (n.tree.has(s.id)) out.push([`${s.id} out of the tree`, () => n.tree.remove(s.id)]);
    else out.push([`${s.id} into the tree`, () => n.tree.insert(s.start, s.last, s.rank, s.id, s)]);
    out.push([`${s.id} onto the deferred list`, () => n.deferred.push(s)]);
    for (const [id, L] of Object.entries(w.inv)) out.push([`${id}.cursor = ${s.id}`, () => (L.cursor = s.id)]);
    for (const [id, f] of Object.entries(w.flt)) out.push([`${id}.sub = ${s.id}`, () => ((f as Writable<typeof f>).sub = s.id)]);
    out.push([`${mgr} removing ${s.id}`, () => ((w.mgr as Writable<typeof w.mgr>).sub = s.id)]);
  }
  if (n.deferred.length > 0) out.push(['deferred list emptied', () => n.deferred.splice(0)]);
  // The same number of intervals in the tree, one of them another.
  const inTree = w.subs.find((x) => n.tree.has(x.id));
  const outside = w.subs.find((x) => x.start >= 1 && !n.tree.has(x.id));
  if (inTree && outside) {
    out.push([
      `${outside.id} in the tree instead of ${inTree.id}`,
      () => {
        n.tree.remove(inTree.id);
        n.tree.insert(outside.start, outside.last, outside.rank, outside.id, outside);
      },
    ]);
  }
  for (const [id, L] of Object.entries(w.inv)) {
    out.push([`${id}.curSeq + 1`, () => (L.curSeq += 1)]);
    out.push([`${id}.start moved`, () => (L.start = bump(L.start, c.npages))]);
    out.push([`${id}.last moved`, () => (L.last = bump(L.last, c.npages))]);
    out.push([`${id}.blockable flipped`, () => (L.blockable = !L.blockable)]);
    out.push([`${id}.done moved`, () => (L.done = bump(L.done, c.maxInv))]);
  }
  for (const [id, f] of Object.entries(w.flt) as Array<[string, Writable<(typeof w.flt)[string]>]>) {
    out.push([`${id}.page moved`, () => (f.page = bump(f.page, c.npages))]);
    out.push([`${id}.s + 1`, () => (f.s += 1)]);
    out.push([`${id}.snap + 1`, () => (f.snap += 1)]);
    out.push([`${id}.tries moved`, () => (f.tries = bump(f.tries, c.maxTries))]);
    out.push([`${id}.done moved`, () => (f.done = bump(f.done, c.maxFaults))]);
  }
  out.push([`${mgr}.waitSeq + 1`, () => ((w.mgr as Writable<typeof w.mgr>).waitSeq += 1)]);
  for (const t of tasks) {
    const kind = t.id === mgr ? 'manager' : t.id in w.inv ? 'invalidator' : 'faulter';
    for (const pc of labels[kind]) if (t.pc !== pc) out.push([`${t.id} at ${pc}`, () => setPc(w, t.id, pc)]);
  }
  for (const t of tasks) if (t.id !== mgr && w.driver.lock.holder !== t.id) out.push([`lock held by ${t.id}`, () => (w.driver.lock.holder = t.id)]);
  for (let p = 1; p <= w.mm.npages; p++) {
    out.push([`spte[${p}] = pte[${p}] + 1`, () => (w.driver.spte[p - 1] = w.mm.read(p) + 1)]);
    out.push([`spte[${p}] = pte[${p}]`, () => (w.driver.spte[p - 1] = w.mm.read(p))]);
    out.push([`pte[${p}] + 1`, () => (w.mm.pte[p - 1] = w.mm.read(p) + 1)]);
  }
  return [...out, ...combinations(w, mgr), ...extra(w)];
}

/**
 * The few clauses one field cannot reach: the remove exemption of
 * NoCoverageLossOutsideRemove, a deferred removal, a walk on a freed
 * interval, a stale entry on the last page, an overlap inside an epoch or
 * (hole punch) while an unmap is queued or planned, two intervals with one
 * start.
 */
function combinations(w: SpecWorld, mgr: string): Disturbance[] {
  const n = w.notifier;
  const last = w.mm.npages;
  const out: Disturbance[] = [];
  const entry = (p: number): void => {
    w.driver.spte[p - 1] = w.mm.read(p);
  };
  const removing = (s: Subscription, pc: string | null): void => {
    (w.mgr as Writable<typeof w.mgr>).sub = s.id;
    if (pc !== null) setPc(w, mgr, pc);
  };
  for (const s of w.subs) {
    for (const [id, L] of Object.entries(w.inv)) {
      out.push([
        `${s.id} freed under ${id}'s cursor`,
        () => {
          s.life = 'freed';
          L.cursor = s.id;
        },
      ]);
    }
  }
  for (const s of w.subs.filter((x) => x.start >= 1)) {
    // A device entry of s's first page, or of the page after it, once s is out of the tree.
    for (const p of [s.start, s.last + 1].filter((x) => x <= last)) {
      const unlinked = (): void => {
        n.tree.remove(s.id);
        entry(p);
      };
      out.push([`${s.id} out of the tree with spte[${p}] set`, unlinked]);
      out.push([`${s.id} out of the tree with spte[${p}] set, ${mgr} idle with it as its interval`, () => (unlinked(), removing(s, null))]);
      out.push([`${s.id} out of the tree with spte[${p}] set, ${mgr} removing it`, () => (unlinked(), removing(s, 'remove_wait'))]);
    }
    if (n.tree.has(s.id)) {
      out.push([
        `${s.id} deferred for removal`,
        () => {
          n.deferred.push(s);
          s.life = 'pending_remove';
        },
      ]);
    }
    out.push([
      `${s.id} to the last page, spte[${last}] stale`,
      () => {
        if (s.last < last) grow(w, s);
        w.driver.spte[last - 1] = w.mm.read(last) + 1;
      },
    ]);
    out.push([
      `${s.id} to the last page inside an epoch`,
      () => {
        if (s.last < last) grow(w, s);
        n.active += 1;
      },
    ]);
    // Two intervals of the tree with one start, the later one a single page.
    for (const b of w.subs.filter((x) => x !== s && n.tree.has(x.id) && n.tree.has(s.id))) {
      out.push([`${b.id} made the page ${s.start} alone`, () => reshape(w, b, s.start, s.start)]);
    }
  }
  if ('hp' in w && 'work' in w) out.push(...pendingWork(w as SpecWorld & HolePunchParts));
  return out;
}

/** Hole punch: an overlap in the tree while an unmap is queued or a plan is under way (not settled). */
function pendingWork(w: SpecWorld & HolePunchParts): Disturbance[] {
  const s = w.subs.find((x) => x.start >= 1 && x.last < w.mm.npages && w.notifier.tree.has(x.id));
  if (s === undefined) return [];
  const work = w.work as UnmapWork[];
  const out: Disturbance[] = [[`${s.id} to the last page, an unmap queued`, () => (grow(w, s), work.push({ sub: s.id, start: s.start, last: s.start }))]];
  for (const [id, h] of Object.entries(w.hp)) {
    const op: PlanOp = { api: 'update', sub: s.id, start: s.start, last: s.start };
    out.push([`${s.id} to the last page, ${id} planning an update`, () => (grow(w, s), (h.ops as PlanOp[]).push(op))]);
  }
  return out;
}

/** `s` given the extent start..last, the tree keyed by it. */
function reshape(w: SpecWorld, s: Subscription, start: number, last: number): void {
  const inTree = w.notifier.tree.remove(s.id);
  s.start = start;
  s.last = last;
  if (inTree) w.notifier.tree.insert(s.start, s.last, s.rank, s.id, s);
}

/** `s` extended to the last page. */
const grow = (w: SpecWorld, s: Subscription): void => reshape(w, s, s.start, w.mm.npages);

/** The world of `c` after `steps` steps of the run of `seed` (or at its end). */
async function stoppedWorld(c: ModelConstants, seed: number, steps: number): Promise<SpecWorld> {
  const choose = seededChooser(seed);
  const w = makeWorld(c, undefined, choose);
  await runWorldSchedule(w, choose, { maxSteps: steps });
  return w;
}

/** A distinct state and what the checker said on it, under each label that produced it. */
interface Probe {
  readonly state: Record<string, unknown>;
  readonly verdicts: Array<{ readonly label: string; readonly impl: string[] }>;
}

/**
 * Every stop of the run, undisturbed and disturbed once each. TLC needs
 * distinct states, so equal states become one probe; the checker's verdict
 * is kept per label, since two worlds with the same state must get the same.
 */
async function probes(c: ModelConstants, seed: number, labels: Labels, extra: ExtraDisturbances): Promise<{ probes: Probe[]; stale: string[] }> {
  const seen = new Map<string, Probe>();
  const stale: string[] = [];
  const add = (label: string, w: SpecWorld, state: Record<string, unknown>): void => {
    const key = JSON.stringify(state);
    const probe = seen.get(key) ?? { state, verdicts: [] };
    probe.verdicts.push({ label, impl: w.violations() });
    seen.set(key, probe);
  };
  for (const stop of STOPS) {
    const undisturbed = await stoppedWorld(c, seed, stop);
    add(`step ${stop}`, undisturbed, undisturbed.snapshot());
    const count = disturbances(await stoppedWorld(c, seed, stop), labels, c, extra).length;
    for (let i = 0; i < count; i++) {
      // A fresh world per disturbance: each state differs from a reachable one in one field.
      const w = await stoppedWorld(c, seed, stop);
      const [label, apply] = disturbances(w, labels, c, extra)[i] as Disturbance;
      const snapshot = w.snapshotter();
      snapshot();
      apply();
      const shared = snapshot();
      // What trace validation relies on: the recorder's state is the world's state.
      if (JSON.stringify(shared) !== JSON.stringify(w.snapshot())) stale.push(`step ${stop}, ${label}`);
      add(`step ${stop}, ${label}`, w, shared);
    }
  }
  return { probes: [...seen.values()], stale };
}

/** Every (state, label) whose checker verdict differs from TLC's, as lines. */
function disagreements(ps: readonly Probe[], tlc: readonly string[][]): string[] {
  return ps.flatMap((p, i) => {
    const spec = [...(tlc[i] ?? [])].sort();
    return p.verdicts.flatMap(({ label, impl }) => {
      const sorted = [...impl].sort();
      return JSON.stringify(spec) === JSON.stringify(sorted) ? [] : [`${label}: spec [${spec.join(', ')}], implementation [${sorted.join(', ')}]`];
    });
  });
}

async function checkFamily(
  family: StateFamily,
  c: ModelConstants,
  seed: number,
  labels: Labels,
  invariants: readonly string[],
  extra: ExtraDisturbances = NONE,
): Promise<void> {
  const { probes: ps, stale } = await probes(c, seed, labels, extra);
  expect(stale.slice(0, 10)).toEqual([]);
  const tlc = await probeInvariants(SETUP, family, c, ps.map((p) => p.state), invariants);
  expect(disagreements(ps, tlc).slice(0, 10)).toEqual([]);
  // Every invariant is false on some probe, and the undisturbed stops satisfy all of them.
  const violated = new Set(tlc.flat());
  expect(invariants.filter((i) => !violated.has(i))).toEqual([]);
  ps.forEach((p, i) => {
    for (const { label } of p.verdicts) if (!label.includes(',')) expect(tlc[i], label).toEqual([]);
  });
  expect(ps.length).toBeGreaterThan(500);
}

describe('the implementation\'s invariant checkers agree with TLC on disturbed states', () => {
  it(
    'mainline: World.violations() against MMUNotifierProperties',
    async () => {
      const c = mainlineConstants(SHAPE, 3);
      await checkFamily(MAINLINE, c, 5, MAINLINE_LABELS, [...MAINLINE.invariants, 'NoCoverageLossOutsideRemove']);
    },
    SLOW,
  );

  it(
    'hole punch: HolePunchWorld.violations() against HolePunchProperties',
    async () => {
      const c = holePunchConstants(SHAPE, 3);
      const invariants = [...HOLEPUNCH.invariants, 'NoFaultUseAfterRelease', 'NoCoverageLoss', 'NoOverlapWhenSettled'];
      await checkFamily(HOLEPUNCH, c, 5, HOLEPUNCH_LABELS, invariants);
    },
    SLOW,
  );

  it(
    'process exit: ExitWorld.violations() against MCExit',
    async () => {
      await checkFamily(EXIT, exitConstants(SHAPE, 3), 5, MAINLINE_LABELS, EXIT.invariants, exitDisturbances);
    },
    SLOW,
  );

  it(
    'hlist: HlistWorld.violations() against HlistNotifier',
    async () => {
      const c = hlistConstants(SHAPE, 3);
      await checkFamily(HLIST, c, 5, HLIST_LABELS, [...HLIST.invariants, 'NoCoverageLossOutsideRemove'], hlistDisturbances(c.hlistSubs));
    },
    SLOW,
  );

  it(
    'owner skip: OwnerSkipWorld.violations() against OwnerSkip',
    async () => {
      await checkFamily(OWNERSKIP, ownerSkipConstants(SHAPE, 3), 5, MAINLINE_LABELS, OWNERSKIP.invariants, ownerSkipDisturbances);
    },
    SLOW,
  );
});
