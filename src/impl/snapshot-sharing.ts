/**
 * Structural sharing between consecutive snapshots of one world. A
 * recorder takes its snapshots through one `SnapshotSharing` (the world's
 * `snapshotter()`); each part of a snapshot is compared, field by field,
 * with the live state and is the previous snapshot's object when nothing
 * changed. Most steps change a few fields (the page tables rarely), so a
 * recorded run keeps one copy of what a step left alone and a step
 * allocates only what it changed. The parts are read from the live world
 * every time: sharing saves copies, never a read, so an implementation bug
 * still shows in the snapshot.
 *
 * A shared part is aliased by every state that shares it: nobody may mutate
 * a snapshot taken through a SnapshotSharing.
 */

/** `prev` if it lists the same strings in the same order as `fresh`, else `fresh`. */
export function sharedList(prev: readonly string[] | undefined, fresh: string[]): string[] {
  if (prev === undefined || prev.length !== fresh.length) return fresh;
  for (let i = 0; i < fresh.length; i++) if (prev[i] !== fresh[i]) return fresh;
  return prev as string[];
}

/** What the last snapshot held for one record: its ids and entries in item order, and the record. */
interface RecordCache {
  readonly ids: readonly string[];
  readonly values: readonly unknown[];
  readonly out: Record<string, unknown>;
}

/** The memory of the previous snapshot's parts, by part name ("subs", "pte", …). */
export class SnapshotSharing {
  private readonly records = new Map<string, RecordCache>();
  private readonly sortedFrom = new Map<string, { readonly source: readonly string[]; readonly out: string[] }>();
  private readonly parts = new Map<string, unknown>();

  /** A part compared as a whole: the previous one if `same(prev)`, else `make()`. */
  keep<V>(name: string, same: (prev: V) => boolean, make: () => V): V {
    const p = this.parts.get(name) as V | undefined;
    if (p !== undefined && same(p)) return p;
    const v = make();
    this.parts.set(name, v);
    return v;
  }

  /** A list of numbers (a page table): the previous copy if it holds exactly `live`'s numbers, else a new copy. */
  numbers(name: string, live: readonly number[]): number[] {
    return this.keep(name, (p: number[]) => p.length === live.length && p.every((x, i) => x === live[i]), () => [...live]);
  }

  /** A list of strings in `fresh`'s order. */
  list(name: string, fresh: string[]): string[] {
    return this.keep(name, (p: string[]) => sharedList(p, fresh) === p, () => fresh);
  }

  /**
   * A set of strings, sorted: `fresh` is in the world's own order (the
   * tree's ids in tree order), compared in that order and sorted only when
   * it changed.
   */
  sorted(name: string, fresh: string[]): string[] {
    const c = this.sortedFrom.get(name);
    if (c !== undefined && sharedList(c.source, fresh) === c.source) return c.out;
    const out = [...fresh].sort();
    this.sortedFrom.set(name, { source: fresh, out });
    return out;
  }

  /**
   * A record of per-id parts, one per item: entry `idOf(item)` is
   * `part(prevEntry, item)`, where prevEntry is the last snapshot's entry
   * (`part` returns it when unchanged); the record is the last one when the
   * ids are the same, in the same order, and every entry is unchanged.
   */
  record<I, V>(name: string, items: readonly I[], idOf: (item: I) => string, part: (prevEntry: V | undefined, item: I) => V): Record<string, V> {
    const c = this.records.get(name);
    const sameIds = c !== undefined && c.ids.length === items.length && items.every((item, i) => c.ids[i] === idOf(item));
    if (sameIds && items.every((item, i) => part(c.values[i] as V, item) === c.values[i])) return c.out as Record<string, V>;
    const out: Record<string, V> = {};
    const ids: string[] = [];
    const values: V[] = [];
    items.forEach((item, i) => {
      const id = idOf(item);
      const v = part(sameIds ? (c.values[i] as V) : undefined, item);
      out[id] = v;
      ids.push(id);
      values.push(v);
    });
    this.records.set(name, { ids, values, out });
    return out;
  }
}

/** Without sharing: every part is new (a plain snapshot). */
export const NO_SHARING = {
  keep: <V>(_name: string, _same: (prev: V) => boolean, make: () => V): V => make(),
  numbers: (_name: string, live: readonly number[]): number[] => [...live],
  list: (_name: string, fresh: string[]): string[] => fresh,
  sorted: (_name: string, fresh: string[]): string[] => [...fresh].sort(),
  record<I, V>(_name: string, items: readonly I[], idOf: (item: I) => string, part: (prevEntry: V | undefined, item: I) => V): Record<string, V> {
    const out: Record<string, V> = {};
    for (const item of items) out[idOf(item)] = part(undefined, item);
    return out;
  },
};

/** What a snapshot function needs of a sharing: SnapshotSharing or NO_SHARING. */
export type Sharing = Pick<SnapshotSharing, 'keep' | 'numbers' | 'list' | 'sorted' | 'record'>;
