/**
 * Which variables a step changed, down to the smallest part that differs, so
 * a reader sees `seq: 2 → 3` and `spte[2]: 0 → 1` instead of two whole states.
 */
import { jsonEqual } from '../codegen/state-diff.ts';

/** One changed part of the state: its path (e.g. `inv.i1.curSeq`, `pte[2]`) and both values. */
export interface StateChange {
  path: string;
  /** The top-level variable the path starts with. */
  variable: string;
  before: unknown;
  after: unknown;
}

/** Variables that describe the step itself rather than the protocol state. */
const STEP_VARIABLES = new Set(['lastAction']);

/**
 * The changes from `before` to `after`, variable by variable in the order of
 * `after`. Records are compared key by key; arrays of numbers of equal length
 * (pages 1..N, TLA+ sequences) index by index, shown 1-based like TLA+; other
 * arrays (sets of identifiers) as whole values, because an element-wise diff of
 * a sorted set would name the wrong element.
 */
export function diffStates(before: Record<string, unknown>, after: Record<string, unknown>): StateChange[] {
  const changes: StateChange[] = [];
  for (const variable of Object.keys(after)) {
    if (STEP_VARIABLES.has(variable)) continue;
    collect(variable, variable, before[variable], after[variable], changes);
  }
  for (const variable of Object.keys(before)) {
    if (!(variable in after) && !STEP_VARIABLES.has(variable)) {
      changes.push({ path: variable, variable, before: before[variable], after: undefined });
    }
  }
  return changes;
}

function collect(variable: string, path: string, a: unknown, b: unknown, out: StateChange[]): void {
  if (jsonEqual(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) collect(variable, `${path}.${key}`, a[key], b[key], out);
    return;
  }
  if (isNumberArray(a) && isNumberArray(b) && a.length === b.length) {
    a.forEach((x, i) => collect(variable, `${path}[${i + 1}]`, x, b[i], out));
    return;
  }
  out.push({ path, variable, before: a, after: b });
}

/** A plain JSON object (not an array, not null). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'number');
}

/** A compact one-line rendering of a JSON value: strings bare, sets in braces-free brackets. */
export function formatValue(x: unknown): string {
  if (x === undefined) return '∅';
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return `[${x.map(formatValue).join(', ')}]`;
  if (isRecord(x)) {
    return `[${Object.entries(x).map(([k, v]) => `${k} ↦ ${formatValue(v)}`).join(', ')}]`;
  }
  return JSON.stringify(x);
}
