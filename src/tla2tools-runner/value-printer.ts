import type { TlcState, TlcValue } from './value.ts';

/** Escapes a string the way TLC prints string literals. */
function quote(s: string): string {
  return `"${s.replace(/[\\"\t\n\f\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '"' ? '\\"' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\f' ? '\\f' : '\\r',
  )}"`;
}

/**
 * Prints a value exactly as TLC 2.18 prints it on one line (`-tool` states,
 * dot labels, `-userFile` output): `[a |-> 1]`, `<<1, 2>>`, `<<>>`, `<< >>`
 * (empty function), `(k :> v @@ k2 :> v2)`, `{1, 2}`, `"s\n"`, `TRUE`, `p1`.
 * TLC may additionally wrap long values at 80 columns; the parser ignores that.
 */
export function printTlcValue(v: TlcValue): string {
  switch (v.kind) {
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'string':
      return quote(v.value);
    case 'modelValue':
      return v.name;
    case 'record':
      return `[${v.fields.map(([k, x]) => `${k} |-> ${printTlcValue(x)}`).join(', ')}]`;
    case 'tuple':
      return `<<${v.items.map(printTlcValue).join(', ')}>>`;
    case 'function':
      if (v.entries.length === 0) return '<< >>';
      return `(${v.entries.map(([k, x]) => `${printTlcValue(k)} :> ${printTlcValue(x)}`).join(' @@ ')})`;
    case 'set':
      return `{${v.items.map(printTlcValue).join(', ')}}`;
    case 'interval':
      return `${v.low}..${v.high}`;
  }
}

/**
 * Prints a state as TLC does: `/\ name = value` lines, or `name = value` for
 * a single variable.
 */
export function printTlcState(state: TlcState): string {
  const names = Object.keys(state);
  if (names.length === 1) return `${names[0]} = ${printTlcValue(state[names[0]!]!)}`;
  return names.map((n) => `/\\ ${n} = ${printTlcValue(state[n]!)}`).join('\n');
}
