/**
 * Recorded states as TLA+ text, for the generated trace modules. The JSON
 * shape of a state (src/protocol/state.ts, hole-punch-state.ts) loses one
 * distinction of the spec: a JSON array is either a TLA+ set (sorted, no
 * duplicates) or a sequence / function over 1..N. Which is which is fixed
 * per variable, so the families list the set-valued paths.
 *
 * A run's states change little from one step to the next, so state k is
 * written as `[state k-1 EXCEPT !.x = …]` over the changed leaves only: the
 * module stays proportional to what the run did, not to steps × state size
 * (a 64-subscription, 256-page state is ~6 KB of text).
 */
import { type StateFamily } from './family.ts';

/** A JSON value of a recorded state. */
type Json = unknown;

/** Quotes a string as a TLA+ string literal. */
export function tlaString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** TLA+ identifiers usable as record field names (ids such as s1, i1, f1, m). */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['ASSUME', 'CASE', 'CHOOSE', 'CONSTANT', 'ELSE', 'EXCEPT', 'EXTENDS', 'IF', 'IN', 'INSTANCE', 'LET', 'LOCAL', 'MODULE', 'OTHER', 'THEN', 'VARIABLE', 'WITH', 'TRUE', 'FALSE', 'BOOLEAN', 'STRING', 'SUBSET', 'UNION', 'DOMAIN', 'ENABLED', 'UNCHANGED']);

function isField(k: string): boolean {
  return IDENT.test(k) && !RESERVED.has(k);
}

/**
 * `value` (found at `path`, e.g. `tree` or `relq.i1`) as a TLA+ expression:
 * numbers, booleans, strings as such; arrays as sets where the family says
 * so, else as tuples; objects as records (`[a |-> 1]`), or `<<>>` when empty
 * (an action without arguments, a function over no threads).
 */
export function toTla(family: StateFamily, path: string, value: Json): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${path}: ${value} is not an integer`);
    // The spec EXTENDS Naturals only: a negative number (a variant's active
    // count gone below 0) is written with binary minus.
    return value < 0 ? `(0 - ${-value})` : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return tlaString(value);
  if (Array.isArray(value)) {
    const items = value.map((x) => toTla(family, `${path}[]`, x));
    return family.isSet(path) ? `{${items.join(', ')}}` : `<<${items.join(', ')}>>`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '<<>>';
    if (entries.every(([k]) => isField(k))) return `[${entries.map(([k, v]) => `${k} |-> ${toTla(family, `${path}.${k}`, v)}`).join(', ')}]`;
    return `(${entries.map(([k, v]) => `${tlaString(k)} :> ${toTla(family, `${path}.${k}`, v)}`).join(' @@ ')})`;
  }
  throw new Error(`${path}: no TLA+ form for ${JSON.stringify(value)}`);
}

/** A whole state as a record of its variables. */
export function stateToTla(family: StateFamily, state: Record<string, Json>): string {
  return `[${family.variables.map((v) => `${v} |-> ${toTla(family, v, state[v])}`).join(',\n  ')}]`;
}

/** One `!sel = value` clause of an EXCEPT. */
interface Change {
  readonly selector: string;
  readonly value: string;
}

function selectorOf(key: string): string {
  return isField(key) ? `.${key}` : `[${tlaString(key)}]`;
}

/**
 * The leaves where `b` differs from `a`. Descends into objects with the
 * same keys and into same-length arrays that are sequences; a set, a
 * resized array or an object whose keys changed is replaced whole.
 */
function changes(family: StateFamily, path: string, selector: string, a: Json, b: Json, out: Change[]): void {
  if (a === b) return;
  const bothObjects = typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b);
  if (bothObjects) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length > 0 && ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k))) {
      for (const k of ka) changes(family, `${path}.${k}`, `${selector}${selectorOf(k)}`, (a as Record<string, Json>)[k], (b as Record<string, Json>)[k], out);
      return;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && !family.isSet(path)) {
    for (let i = 0; i < a.length; i++) changes(family, `${path}[]`, `${selector}[${i + 1}]`, a[i], b[i], out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  out.push({ selector, value: toTla(family, path, b) });
}

/**
 * State `next` as an EXCEPT over the operator `prevName` that holds the
 * previous state (or `prevName` itself when nothing changed).
 */
export function stateDeltaToTla(family: StateFamily, prevName: string, prev: Record<string, Json>, next: Record<string, Json>): string {
  const out: Change[] = [];
  for (const v of family.variables) changes(family, v, `.${v}`, prev[v], next[v], out);
  if (out.length === 0) return prevName;
  return `[${prevName} EXCEPT ${out.map((c) => `!${c.selector} = ${c.value}`).join(', ')}]`;
}
