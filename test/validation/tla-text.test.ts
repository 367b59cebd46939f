import { describe, expect, it } from 'vitest';
import { HOLEPUNCH, MAINLINE } from '../../src/validation/family.ts';
import { stateDeltaToTla, toTla } from '../../src/validation/tla-text.ts';

describe('recorded states as TLA+ text', () => {
  it('writes the set-valued variables as sets and the page maps as tuples', () => {
    expect(toTla(MAINLINE, 'tree', ['s1', 's2'])).toBe('{"s1", "s2"}');
    expect(toTla(MAINLINE, 'pte', [1, 2])).toBe('<<1, 2>>');
    // deferred is a set in MMUNotifier.tla and a sequence in HolePunch.tla
    expect(toTla(MAINLINE, 'deferred', ['s2'])).toBe('{"s2"}');
    expect(toTla(HOLEPUNCH, 'deferred', ['s2'])).toBe('<<"s2">>');
    expect(toTla(HOLEPUNCH, 'relq', { u: ['s1'] })).toBe('[u |-> {"s1"}]');
  });

  it('writes an action without arguments as <<>> and keeps strings escaped', () => {
    expect(toTla(MAINLINE, 'lastAction', { name: 'wake_up_all', thread: 'i1', args: {} })).toBe('[name |-> "wake_up_all", thread |-> "i1", args |-> <<>>]');
    expect(toTla(MAINLINE, 'x', 'a"b')).toBe('"a\\"b"');
    // Naturals has no unary minus
    expect(toTla(MAINLINE, 'active', -1)).toBe('(0 - 1)');
  });

  it('writes a later state as an EXCEPT over the changed leaves; a changed set is replaced whole', () => {
    const a = { seq: 2, tree: ['s1'], pte: [1, 1], pc: { i1: 'idle' } } as Record<string, unknown>;
    const b = { seq: 3, tree: ['s1', 's2'], pte: [1, 2], pc: { i1: 'idle' } } as Record<string, unknown>;
    const fam = { ...MAINLINE, variables: ['seq', 'tree', 'pte', 'pc'] };
    expect(stateDeltaToTla(fam, 'P', a, b)).toBe('[P EXCEPT !.seq = 3, !.tree = {"s1", "s2"}, !.pte[2] = 2]');
    expect(stateDeltaToTla(fam, 'P', a, a)).toBe('P');
  });
});
