/**
 * The value model: every value TLC 2.18 prints in a state, as a plain,
 * JSON-serialisable tagged union. Each tag keeps what the printed text tells
 * apart, and nothing more:
 *
 * | TLC text                      | value                                   |
 * |-------------------------------|-----------------------------------------|
 * | `42`, `-7`                    | `{ kind: 'int', value: 42 }`            |
 * | `TRUE`                        | `{ kind: 'bool', value: true }`         |
 * | `"a\"b"`                      | `{ kind: 'string', value: 'a"b' }`      |
 * | `p1` (bare identifier)        | `{ kind: 'modelValue', name: 'p1' }`    |
 * | `[a \|-> 1]`                  | `{ kind: 'record', fields: [['a', …]] }`|
 * | `<<1, 2>>`, `<<>>`            | `{ kind: 'tuple', items: […] }`         |
 * | `(k :> v @@ …)`, `<< >>`      | `{ kind: 'function', entries: [[k, v]] }`|
 * | `{1, 2}`, `{}`                | `{ kind: 'set', items: […] }`           |
 * | `1..3` (a lazy interval)      | `{ kind: 'interval', low: 1, high: 3 }` |
 *
 * Order is kept as printed (TLC prints records, sets and functions in its
 * normalised order), so printing a parsed value gives back the same text.
 * `<<…>>` is a tuple even when the spec meant a `1..n` function: TLC prints
 * both the same way. TLC integers are 32-bit, so `number` is exact.
 */
export type TlcValue =
  | TlcInt
  | TlcBool
  | TlcString
  | TlcModelValue
  | TlcRecord
  | TlcTuple
  | TlcFunction
  | TlcSet
  | TlcInterval;

/** An integer (TLC ints are 32-bit). */
export interface TlcInt {
  readonly kind: 'int';
  readonly value: number;
}
/** `TRUE` or `FALSE`. */
export interface TlcBool {
  readonly kind: 'bool';
  readonly value: boolean;
}
/** A string, unescaped. */
export interface TlcString {
  readonly kind: 'string';
  readonly value: string;
}
/** A model value (a bare identifier such as `p1` or `NoVal`). */
export interface TlcModelValue {
  readonly kind: 'modelValue';
  readonly name: string;
}
/** A record; fields in printed order. */
export interface TlcRecord {
  readonly kind: 'record';
  readonly fields: ReadonlyArray<readonly [string, TlcValue]>;
}
/** A tuple / sequence / function with domain `1..n`. */
export interface TlcTuple {
  readonly kind: 'tuple';
  readonly items: readonly TlcValue[];
}
/** A function printed as `(k :> v @@ …)`, or the empty function `<< >>`. */
export interface TlcFunction {
  readonly kind: 'function';
  readonly entries: ReadonlyArray<readonly [TlcValue, TlcValue]>;
}
/** A set, elements in printed (TLC-normalised) order. */
export interface TlcSet {
  readonly kind: 'set';
  readonly items: readonly TlcValue[];
}
/** A lazy integer interval `low..high` that TLC did not expand. */
export interface TlcInterval {
  readonly kind: 'interval';
  readonly low: number;
  readonly high: number;
}

/** A parsed state: variable name → value, in printed order. */
export type TlcState = Record<string, TlcValue>;

/** Shorthand constructors, handy in tests and for building expected values. */
export const tlc = {
  int: (value: number): TlcInt => ({ kind: 'int', value }),
  bool: (value: boolean): TlcBool => ({ kind: 'bool', value }),
  str: (value: string): TlcString => ({ kind: 'string', value }),
  mv: (name: string): TlcModelValue => ({ kind: 'modelValue', name }),
  record: (fields: Record<string, TlcValue>): TlcRecord => ({ kind: 'record', fields: Object.entries(fields) }),
  tuple: (...items: TlcValue[]): TlcTuple => ({ kind: 'tuple', items }),
  fn: (...entries: Array<readonly [TlcValue, TlcValue]>): TlcFunction => ({ kind: 'function', entries }),
  set: (...items: TlcValue[]): TlcSet => ({ kind: 'set', items }),
  interval: (low: number, high: number): TlcInterval => ({ kind: 'interval', low, high }),
};
