/**
 * Structural diff of two JSON values (a spec state and an implementation
 * snapshot), for failure messages: every differing leaf with its path.
 */

/** One difference: the JSON path and both sides (undefined = missing on that side). */
export interface Difference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** The differences between `expected` and `actual`, in path order; empty when they are deeply equal. */
export function diffJson(expected: unknown, actual: unknown, path = ''): Difference[] {
  if (Object.is(expected, actual)) return [];
  const bothArrays = Array.isArray(expected) && Array.isArray(actual);
  const bothObjects = isObject(expected) && isObject(actual);
  if (bothArrays) {
    // Sets are sorted arrays and short: report the whole array when lengths differ.
    if (expected.length !== actual.length) return [{ path: path || '.', expected, actual }];
    return expected.flatMap((x, i) => diffJson(x, actual[i], `${path}[${i}]`));
  }
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => diffJson(expected[k], actual[k], `${path}.${k}`));
  }
  return [{ path: path || '.', expected, actual }];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** One line per difference: `path: spec <value>  impl <value>`. */
export function formatDiff(diffs: readonly Difference[]): string {
  const show = (v: unknown): string => (v === undefined ? '(missing)' : JSON.stringify(v));
  return diffs.map((d) => `  ${d.path}: spec ${show(d.expected)}  impl ${show(d.actual)}`).join('\n');
}

/** Deep equality of JSON values (object key order ignored); the fast path of a replay. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Compares a spec state with many snapshots fast. The implementation builds
 * its snapshots with a fixed key order, so the spec state is re-serialised
 * once in the key order of the first snapshot it is compared with (cached
 * per state object) and later comparisons are one JSON.stringify and a
 * string compare. When the strings differ, `jsonEqual` decides (key order
 * may differ in principle).
 */
export class StateComparer {
  private readonly cache = new WeakMap<object, string>();

  /** Whether `expected` and `actual` are deeply equal. */
  equal(expected: object, actual: object): boolean {
    const actualText = JSON.stringify(actual);
    let expectedText = this.cache.get(expected);
    if (expectedText === undefined) {
      expectedText = JSON.stringify(inKeyOrderOf(expected, actual));
      this.cache.set(expected, expectedText);
    }
    return expectedText === actualText || jsonEqual(expected, actual);
  }
}

/** `value` with its object keys in the order they have in `model` where both have them. */
function inKeyOrderOf(value: unknown, model: unknown): unknown {
  if (Array.isArray(value)) return value.map((x, i) => inKeyOrderOf(x, Array.isArray(model) ? model[i] : undefined));
  if (!isObject(value)) return value;
  const m = isObject(model) ? model : {};
  const keys = [...Object.keys(m).filter((k) => Object.hasOwn(value, k)), ...Object.keys(value).filter((k) => !Object.hasOwn(m, k))];
  return Object.fromEntries(keys.map((k) => [k, inKeyOrderOf(value[k], m[k])]));
}
