import fc from 'fast-check';
import type { TlcValue } from 'tla2tools-runner';

/** Identifiers as TLC prints them (field names, model values); never TRUE/FALSE. */
export const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/).filter((s) => s !== 'TRUE' && s !== 'FALSE');

/** Strings with every character TLC escapes, plus ordinary and non-ASCII ones. */
const stringValue = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\t', '\n', '\f', '\r', 'é', '→', ':', '>', '@', ',') }),
  fc.string(),
);

/** Arbitrary TLC values of every kind, nested a few levels deep. */
export const tlcValueArbitrary: fc.Arbitrary<TlcValue> = fc.letrec<{ value: TlcValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value): TlcValue => ({ kind: 'int', value })),
    fc.boolean().map((value): TlcValue => ({ kind: 'bool', value })),
    stringValue.map((value): TlcValue => ({ kind: 'string', value })),
    identifier.map((name): TlcValue => ({ kind: 'modelValue', name })),
    fc
      .tuple(fc.integer({ min: -100, max: 100 }), fc.nat(100))
      .map(([low, n]): TlcValue => ({ kind: 'interval', low, high: low + n })),
    fc
      .uniqueArray(fc.tuple(identifier, tie('value')), { minLength: 1, maxLength: 4, selector: ([k]) => k })
      .map((fields): TlcValue => ({ kind: 'record', fields })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): TlcValue => ({ kind: 'tuple', items })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): TlcValue => ({ kind: 'set', items })),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((entries): TlcValue => ({ kind: 'function', entries })),
  ),
})).value;
