import type { TlcState, TlcValue } from './value.ts';

/** JSON data as produced by {@link toPlainJson}. */
export type PlainJson = number | boolean | string | null | PlainJson[] | { [key: string]: PlainJson };

function isScalar(v: TlcValue): boolean {
  return v.kind === 'int' || v.kind === 'string' || v.kind === 'modelValue' || v.kind === 'bool';
}

/** The object key for a scalar: strings and model values bare, ints in decimal. */
function keyText(v: TlcValue): string {
  switch (v.kind) {
    case 'int':
    case 'bool':
      return String(v.value);
    case 'string':
      return v.value;
    case 'modelValue':
      return v.name;
    default:
      throw new Error(`not a scalar key: ${v.kind}`);
  }
}

function rank(v: PlainJson): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 3;
  return v === null ? 5 : 4;
}

/**
 * Total order on plain JSON used to sort sets: numbers (numerically), then
 * booleans, strings (by code unit), arrays, objects (by their JSON text).
 */
function compareJson(a: PlainJson, b: PlainJson): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Converts a value to plain JSON (lossy, for people and simple consumers):
 * records → objects, tuples → arrays, sets → arrays in a stable order independent of
 * TLC's (numbers numerically, then booleans, strings, arrays, objects), functions whose keys are all scalars
 * → objects keyed by the key's plain text (strings and model values bare, ints
 * in decimal), other functions → arrays of `[key, value]`, model values →
 * their name, ints → numbers, intervals → arrays of their ints.
 */
export function toPlainJson(v: TlcValue): PlainJson {
  switch (v.kind) {
    case 'int':
    case 'bool':
    case 'string':
      return v.value;
    case 'modelValue':
      return v.name;
    case 'record':
      return Object.fromEntries(v.fields.map(([k, x]) => [k, toPlainJson(x)]));
    case 'tuple':
      return v.items.map(toPlainJson);
    case 'set':
      return v.items.map(toPlainJson).sort(compareJson);
    case 'function':
      if (v.entries.every(([k]) => isScalar(k))) {
        return Object.fromEntries(v.entries.map(([k, x]) => [keyText(k), toPlainJson(x)]));
      }
      return v.entries.map(([k, x]) => [toPlainJson(k), toPlainJson(x)]);
    case 'interval': {
      const out: number[] = [];
      for (let i = v.low; i <= v.high; i++) out.push(i);
      return out;
    }
  }
}

/** {@link toPlainJson} applied to every variable of a state. */
export function stateToPlainJson(state: TlcState): Record<string, PlainJson> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, toPlainJson(v)]));
}
