import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseTlcState,
  parseTlcValue,
  printTlcState,
  printTlcValue,
  tlc,
  tlcValueSchema,
  toPlainJson,
  TlcValueSyntaxError,
} from 'tla2tools-runner';
import { tlcValueArbitrary } from './value-arbitrary.ts';

describe('parseTlcValue', () => {
  it('reads scalars', () => {
    expect(parseTlcValue('42')).toEqual(tlc.int(42));
    expect(parseTlcValue('-7')).toEqual(tlc.int(-7));
    expect(parseTlcValue('TRUE')).toEqual(tlc.bool(true));
    expect(parseTlcValue('FALSE')).toEqual(tlc.bool(false));
    expect(parseTlcValue('p1')).toEqual(tlc.mv('p1'));
    expect(parseTlcValue('1..3')).toEqual(tlc.interval(1, 3));
  });

  it('unescapes exactly the escapes TLC writes', () => {
    expect(parseTlcValue(String.raw`"q\"b\\s\ttab\nnl\f\r"`)).toEqual(tlc.str('q"b\\s\ttab\nnl\f\r'));
  });

  it('tells the empty tuple <<>> from the empty function << >>', () => {
    expect(parseTlcValue('<<>>')).toEqual(tlc.tuple());
    expect(parseTlcValue('<< >>')).toEqual(tlc.fn());
    expect(parseTlcValue('<<<< >>, <<>>>>')).toEqual(tlc.tuple(tlc.fn(), tlc.tuple()));
  });

  it('reads records, functions, sets and nesting', () => {
    expect(parseTlcValue('[a |-> 1, b |-> "x"]')).toEqual(tlc.record({ a: tlc.int(1), b: tlc.str('x') }));
    expect(parseTlcValue('(p1 :> "read" @@ p2 :> "read")')).toEqual(
      tlc.fn([tlc.mv('p1'), tlc.str('read')], [tlc.mv('p2'), tlc.str('read')]),
    );
    expect(parseTlcValue('("a b" :> -1)')).toEqual(tlc.fn([tlc.str('a b'), tlc.int(-1)]));
    expect(parseTlcValue('{<<1, "a">>, {}}')).toEqual(tlc.set(tlc.tuple(tlc.int(1), tlc.str('a')), tlc.set()));
  });

  it('ignores TLC line wrapping', () => {
    const wrapped = '<< [id |-> 1, name |-> "item"],\n   [id |-> 2,\n    name |-> "item"] >>';
    expect(parseTlcValue(wrapped)).toEqual(
      tlc.tuple(tlc.record({ id: tlc.int(1), name: tlc.str('item') }), tlc.record({ id: tlc.int(2), name: tlc.str('item') })),
    );
  });

  it('rejects malformed text with the offset', () => {
    expect(() => parseTlcValue('[a |-> ]')).toThrow(TlcValueSyntaxError);
    expect(() => parseTlcValue('<<1, 2')).toThrow(/expected ">>"/);
    expect(() => parseTlcValue('"open')).toThrow(/unterminated string/);
    expect(() => parseTlcValue('1 2')).toThrow(/after the value/);
  });
});

describe('parseTlcState', () => {
  it('reads the /\\ form, in printed order', () => {
    const s = parseTlcState('/\\ owner = (p1 :> "none")\n/\\ count = 0\n/\\ log = <<>>');
    expect(Object.keys(s)).toEqual(['owner', 'count', 'log']);
    expect(s.count).toEqual(tlc.int(0));
  });

  it('reads the single-variable form without /\\', () => {
    expect(parseTlcState('x = 0')).toEqual({ x: tlc.int(0) });
  });

  it('rejects text that is not a state', () => {
    expect(() => parseTlcState('')).toThrow(/empty state/);
    expect(() => parseTlcState('/\\ x = 1 y = 2')).toThrow(TlcValueSyntaxError);
  });
});

describe('printTlcValue', () => {
  it('prints like TLC', () => {
    const v = parseTlcValue('[a |-> <<>>, b |-> << >>, c |-> (x :> {1, 2}), d |-> "q\\"\\n", e |-> -3, f |-> 1..2]');
    expect(printTlcValue(v)).toBe('[a |-> <<>>, b |-> << >>, c |-> (x :> {1, 2}), d |-> "q\\"\\n", e |-> -3, f |-> 1..2]');
  });

  it('prints states in both forms', () => {
    expect(printTlcState({ x: tlc.int(1) })).toBe('x = 1');
    expect(printTlcState({ x: tlc.int(1), y: tlc.bool(true) })).toBe('/\\ x = 1\n/\\ y = TRUE');
  });

  it('print → parse gives the same value (property)', () => {
    fc.assert(
      fc.property(tlcValueArbitrary, (v) => {
        expect(parseTlcValue(printTlcValue(v))).toEqual(v);
        expect(tlcValueSchema.parse(v)).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it('wrapped whitespace does not change the parse (property)', () => {
    fc.assert(
      fc.property(tlcValueArbitrary, (v) => {
        // Break the printed text after every ", " as TLC's 80-column printer would.
        const text = printTlcValue(v);
        if (text.includes('"')) return; // a string may contain ", " itself
        expect(parseTlcValue(text.replace(/, /g, ',\n    '))).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('toPlainJson', () => {
  it('maps each kind as documented', () => {
    const v = parseTlcValue(
      '[r |-> [a |-> 1], t |-> <<1, "s">>, s |-> {"b", "a", 10, 2}, f |-> (p1 :> 1 @@ "k" :> 2 @@ 3 :> 4), ' +
        'g |-> (<<1>> :> TRUE), e |-> << >>, m |-> p2, i |-> 2..4]',
    );
    expect(toPlainJson(v)).toEqual({
      r: { a: 1 },
      t: [1, 's'],
      s: [2, 10, 'a', 'b'],
      f: { p1: 1, k: 2, '3': 4 },
      g: [[[1], true]],
      e: {},
      m: 'p2',
      i: [2, 3, 4],
    });
  });

  it('sorts sets the same way whatever TLC order they came in', () => {
    expect(toPlainJson(parseTlcValue('{<<2>>, <<1>>, [a |-> 1]}'))).toEqual(toPlainJson(parseTlcValue('{[a |-> 1], <<1>>, <<2>>}')));
  });
});
