import { describe, expect, it } from 'vitest';
import { diffJson, formatDiff, jsonEqual, StateComparer } from '../../src/codegen/state-diff.ts';

describe('diffJson', () => {
  it('is empty for deeply equal values whatever the key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names every differing leaf by its path', () => {
    const d = diffJson({ seq: 2, pc: { i1: 'idle', f1: 'idle' }, pte: [1, 1] }, { seq: 3, pc: { i1: 'idle', f1: 'done' }, pte: [1, 2] });
    expect(d).toEqual([
      { path: '.pc.f1', expected: 'idle', actual: 'done' },
      { path: '.pte[1]', expected: 1, actual: 2 },
      { path: '.seq', expected: 2, actual: 3 },
    ]);
  });

  it('reports arrays of different length whole, and missing keys', () => {
    expect(diffJson({ tree: ['s1'], x: 1 }, { tree: [] })).toEqual([
      { path: '.tree', expected: ['s1'], actual: [] },
      { path: '.x', expected: 1, actual: undefined },
    ]);
    expect(formatDiff(diffJson({ x: 1 }, {}))).toBe('  .x: spec 1  impl (missing)');
  });
});

describe('jsonEqual and StateComparer', () => {
  it('agree with diffJson on equal and unequal values', () => {
    const a = { s: { b: 1, a: [true, 'x'] }, n: null };
    expect(jsonEqual(a, { n: null, s: { a: [true, 'x'], b: 1 } })).toBe(true);
    expect(jsonEqual(a, { n: null, s: { a: [true, 'y'], b: 1 } })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });

  it('compares a spec state with snapshots in another key order', () => {
    const cmp = new StateComparer();
    const spec = { pc: { f1: 'idle', i1: 'idle' }, seq: 2 };
    expect(cmp.equal(spec, { seq: 2, pc: { i1: 'idle', f1: 'idle' } })).toBe(true);
    expect(cmp.equal(spec, { seq: 2, pc: { i1: 'idle', f1: 'done' } })).toBe(false);
    // A snapshot with yet another key order than the cached one still compares correctly.
    expect(cmp.equal(spec, { pc: { f1: 'idle', i1: 'idle' }, seq: 2 })).toBe(true);
  });
});
