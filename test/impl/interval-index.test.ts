import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndex } from '../../src/impl/interval-index.ts';
import { LinearIndex } from '../../src/impl/linear-index.ts';

type Op = { kind: 'insert'; start: number; len: number } | { kind: 'remove'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), start: fc.integer({ min: 0, max: 60 }), len: fc.integer({ min: 1, max: 15 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }), weight: 1 },
);

/** Applies the same operations to both indexes; identical starts are frequent on purpose. */
function build(ops: Op[]): { tree: IntervalIndex<number>; lin: LinearIndex<number>; ids: string[] } {
  const tree = new IntervalIndex<number>();
  const lin = new LinearIndex<number>();
  const ids: string[] = [];
  ops.forEach((op, i) => {
    if (op.kind === 'insert') {
      const id = `n${i}`;
      tree.insert(op.start, op.start + op.len - 1, i, id, i);
      lin.insert(op.start, op.start + op.len - 1, i, id, i);
      ids.push(id);
    } else if (ids.length > 0) {
      const [id] = ids.splice(op.pick % ids.length, 1);
      expect(tree.remove(id as string)).toBe(true);
      expect(lin.remove(id as string)).toBe(true);
    }
  });
  return { tree, lin, ids };
}

const idsOf = (xs: Array<{ id: string }>): string[] => xs.map((x) => x.id);

describe('IntervalIndex against a linear scan', () => {
  it('finds exactly the intersecting intervals, in (start, rank) order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), fc.integer({ min: -2, max: 80 }), fc.integer({ min: 0, max: 20 }), (ops, qs, qlen) => {
        const { tree, lin } = build(ops);
        tree.checkInvariants();
        expect(tree.size).toBe(lin.size);
        expect(idsOf(tree.intersecting(qs, qs + qlen))).toEqual(idsOf(lin.intersecting(qs, qs + qlen)));
      }),
      { numRuns: 400 },
    );
  });

  it('iter_first/iter_next walk the same sequence as the linear scan', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 20 }), (ops, qs, qlen) => {
        const { tree, lin } = build(ops);
        const walk = (ix: IntervalIndex<number> | LinearIndex<number>): string[] => {
          const out: string[] = [];
          for (let e = ix.first(qs, qs + qlen); e !== undefined; e = ix.next(e, qs, qs + qlen)) out.push(e.id);
          return out;
        };
        expect(walk(tree)).toEqual(walk(lin));
        expect(walk(tree)).toEqual(idsOf(lin.intersecting(qs, qs + qlen)));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps identical intervals apart and orders equal starts by rank', () => {
    const tree = new IntervalIndex<string>();
    tree.insert(5, 9, 2, 'b', 'b');
    tree.insert(5, 9, 1, 'a', 'a');
    tree.insert(5, 9, 3, 'c', 'c');
    expect(idsOf(tree.intersecting(9, 9))).toEqual(['a', 'b', 'c']);
    expect(tree.remove('b')).toBe(true);
    expect(idsOf(tree.intersecting(0, 100))).toEqual(['a', 'c']);
    expect(tree.remove('b')).toBe(false);
  });

  it('finds the successor of a node that is no longer stored (walks over a changed tree)', () => {
    const tree = new IntervalIndex<string>();
    tree.insert(1, 4, 1, 'a', 'a');
    tree.insert(2, 4, 2, 'b', 'b');
    tree.insert(3, 4, 3, 'c', 'c');
    tree.remove('b');
    expect(tree.next({ start: 2, rank: 2 }, 4, 4)?.id).toBe('c');
  });

  it('rejects start > last and duplicate ids instead of repairing them', () => {
    const tree = new IntervalIndex<number>();
    expect(() => tree.insert(5, 4, 1, 'x', 0)).toThrow(/start > last/);
    tree.insert(1, 1, 1, 'x', 0);
    expect(() => tree.insert(2, 3, 2, 'x', 0)).toThrow(/already/);
    expect(tree.size).toBe(1);
  });
});
