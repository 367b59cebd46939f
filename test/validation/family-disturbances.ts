/**
 * The disturbances of the variables the process-exit, hlist and owner-skip
 * families add to the mainline state (spec/ProcessExit.tla's ext,
 * spec/HlistNotifier.tla's hl, spec/OwnerSkip.tla's devmem, migent and mig),
 * one field at a time, within each family's TypeOK. The mainline fields of
 * these worlds are disturbed as the mainline world's are
 * (invariant-verdicts.test.ts).
 */
import { type ExitWorld } from '../../src/impl/exit/world.ts';
import { type HlistWorld } from '../../src/impl/hlist/world.ts';
import { type OwnerSkipWorld } from '../../src/impl/ownerskip/world.ts';
import { type SpecWorld } from '../../src/impl/world-api.ts';
import { EXIT_PHASES, type ExitExtState } from '../../src/protocol/exit-state.ts';
import { MIG_DIRS, MIG_PHASES } from '../../src/protocol/owner-skip-state.ts';
import { setPc } from '../impl/world-fixtures.ts';

/** A labelled change of a stopped world's state. */
export type Disturbance = readonly [label: string, apply: () => void];

/** The extra disturbances of a family's world. */
export type ExtraDisturbances = (w: SpecWorld) => Disturbance[];

/** `x` moved by one within 1..max. */
const bumpFrom1 = (x: number, max: number): number => (x < max ? x + 1 : x - 1);

/**
 * ext: mm_users gone or not, each other phase of exit_mmap, the device
 * stopped or running, an insert's -EINVAL; and, for ZappedBeforeUnmap, an
 * invalidator past its callbacks over a device entry of the tree, with the
 * exemption of the exiter's release walk.
 */
export const exitDisturbances: ExtraDisturbances = (world) => {
  const w = world as ExitWorld;
  const ext = w.ext;
  const out: Disturbance[] = [
    [`ext.mm flipped`, () => (ext.mm = ext.mm === 'alive' ? 'dead' : 'alive')],
    [`ext.devLive flipped`, () => (ext.devLive = !ext.devLive)],
    [`ext.insErr flipped`, () => (ext.insErr = ext.insErr === 'none' ? 'EINVAL' : 'none')],
  ];
  for (const phase of EXIT_PHASES) if (phase !== ext.phase) out.push([`ext.phase = ${phase}`, () => (ext.phase = phase)]);
  return [...out, ...unzapped(w, ext)];
};

/** Each invalidator at mm_change_ptes over a page of the tree that has a device entry; the exiter also as the release walk. */
function unzapped(w: ExitWorld, ext: ExitExtState): Disturbance[] {
  const s = w.subs.find((x) => x.start >= 1 && w.notifier.tree.has(x.id));
  if (s === undefined) return [];
  const out: Disturbance[] = [];
  for (const [id, L] of Object.entries(w.inv)) {
    const past = (): void => {
      L.start = s.start;
      L.last = s.start;
      setPc(w, id, 'mm_change_ptes');
      w.driver.spte[s.start - 1] = w.mm.read(s.start);
    };
    out.push([`${id} at mm_change_ptes over ${s.id}'s entry`, past]);
    if (id === w.exit.exiter) out.push([`${id}'s release walk at mm_change_ptes over ${s.id}'s entry`, () => (past(), (ext.phase = 'release'))]);
  }
  return out;
}

/** hl[t]: the walk's next subscriber, its failure flag, each subscriber started or not. */
export function hlistDisturbances(hlistSubs: readonly string[]): ExtraDisturbances {
  return (world) => {
    const w = world as HlistWorld;
    const out: Disturbance[] = [];
    for (const id of Object.keys(w.inv)) {
      const walk = w.wrapper.walkOf(id);
      out.push([`hl.${id}.next moved`, () => (walk.next = bumpFrom1(walk.next, hlistSubs.length + 1))]);
      out.push([`hl.${id}.failed flipped`, () => (walk.failed = !walk.failed)]);
      for (const h of hlistSubs) {
        const started = walk.started.includes(h);
        out.push([`hl.${id}.started ${started ? 'without' : 'with'} ${h}`, () => (walk.started = started ? walk.started.filter((x) => x !== h) : [...walk.started, h])]);
      }
    }
    return out;
  };
}

/** devmem and migent with each page in or out; mig[t]'s phase, page, direction and version. */
export const ownerSkipDisturbances: ExtraDisturbances = (world) => {
  const w = world as OwnerSkipWorld;
  const { devmem, migent, mig } = w.migrations;
  const out: Disturbance[] = [];
  const toggle = (set: Set<number>, p: number): void => {
    if (!set.delete(p)) set.add(p);
  };
  for (let p = 1; p <= w.mm.npages; p++) {
    out.push([`devmem ${devmem.has(p) ? 'without' : 'with'} ${p}`, () => toggle(devmem, p)]);
    out.push([`migent ${migent.has(p) ? 'without' : 'with'} ${p}`, () => toggle(migent, p)]);
  }
  for (const [id, m] of Object.entries(mig)) {
    for (const phase of MIG_PHASES) if (phase !== m.phase) out.push([`mig.${id}.phase = ${phase}`, () => (m.phase = phase)]);
    for (const dir of MIG_DIRS) if (dir !== m.dir) out.push([`mig.${id}.dir = ${dir}`, () => (m.dir = dir)]);
    out.push([`mig.${id}.page moved`, () => (m.page = m.page < w.mm.npages ? m.page + 1 : m.page - 1)]);
    out.push([`mig.${id}.ver + 1`, () => (m.ver += 1)]);
  }
  return out;
};
