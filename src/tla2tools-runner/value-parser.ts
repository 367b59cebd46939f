import type { TlcState, TlcValue } from './value.ts';

/** Thrown when a text is not a TLC value / state; says where and what was expected. */
export class TlcValueSyntaxError extends Error {
  /** Offset into the parsed text where parsing stopped. */
  readonly offset: number;
  constructor(message: string, text: string, offset: number) {
    const excerpt = text.slice(Math.max(0, offset - 20), offset + 20).replace(/\n/g, '\\n');
    super(`${message} at offset ${offset} (near "${excerpt}")`);
    this.name = 'TlcValueSyntaxError';
    this.offset = offset;
  }
}

const SPACE = 32, TAB = 9, LF = 10, CR = 13, QUOTE = 34, BACKSLASH = 92, MINUS = 45;

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Recursive-descent reader over one text. Whitespace (spaces, tabs, line
 * breaks) between tokens is ignored, so TLC's 80-column wrapping does not
 * matter; the one place it is significant is `<<>>` (empty tuple) versus
 * `<< >>` (empty function), which TLC never wraps.
 */
class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new TlcValueSyntaxError(message, this.text, this.pos);
  }

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === SPACE || c === LF || c === CR || c === TAB) p++;
      else break;
    }
    this.pos = p;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** Consumes `token` (after whitespace) if it is next; returns whether it was. */
  eat(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }

  identifier(): string {
    this.skipSpace();
    const start = this.pos;
    while (isIdentChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) this.fail('expected an identifier');
    return this.text.slice(start, this.pos);
  }

  value(): TlcValue {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE) return { kind: 'string', value: this.string() };
    if (c === MINUS || isDigit(c)) return this.numberOrInterval();
    if (this.text.startsWith('<<', this.pos)) return this.tupleOrEmptyFunction();
    if (c === 91 /* [ */) return this.record();
    if (c === 123 /* { */) return this.set();
    if (c === 40 /* ( */) return this.function();
    if (isIdentChar(c)) {
      const name = this.identifier();
      if (name === 'TRUE') return { kind: 'bool', value: true };
      if (name === 'FALSE') return { kind: 'bool', value: false };
      return { kind: 'modelValue', name };
    }
    return this.fail(this.pos >= this.text.length ? 'unexpected end of value' : 'unexpected character');
  }

  integer(): number {
    this.skipSpace();
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === MINUS) this.pos++;
    const digits = this.pos;
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === digits) this.fail('expected digits');
    return Number(this.text.slice(start, this.pos));
  }

  numberOrInterval(): TlcValue {
    const low = this.integer();
    if (this.eat('..')) return { kind: 'interval', low, high: this.integer() };
    return { kind: 'int', value: low };
  }

  /** A TLC string literal; escapes `\"` `\\` `\t` `\n` `\f` `\r`. */
  string(): string {
    const t = this.text;
    let p = this.pos + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (Number.isNaN(c)) {
        this.pos = p;
        this.fail('unterminated string');
      }
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        out += t.slice(chunk, p);
        const e = t[p + 1];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'f' ? '\f' : (e ?? '');
        p += 2;
        chunk = p;
      } else p++;
    }
    out += t.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  tupleOrEmptyFunction(): TlcValue {
    this.pos += 2;
    const afterOpen = this.pos;
    if (this.eat('>>')) {
      // `<< >>` (with a space) is TLC's empty function; `<<>>` the empty tuple.
      return this.pos - 2 > afterOpen ? { kind: 'function', entries: [] } : { kind: 'tuple', items: [] };
    }
    const items = this.list('>>');
    return { kind: 'tuple', items };
  }

  /** Comma-separated values up to `close` (the opening bracket is consumed). */
  list(close: string): TlcValue[] {
    const items: TlcValue[] = [];
    if (this.eat(close)) return items;
    do items.push(this.value());
    while (this.eat(','));
    this.expect(close);
    return items;
  }

  set(): TlcValue {
    this.pos += 1;
    return { kind: 'set', items: this.list('}') };
  }

  record(): TlcValue {
    this.pos += 1;
    const fields: Array<[string, TlcValue]> = [];
    if (!this.eat(']')) {
      do {
        const name = this.identifier();
        this.expect('|->');
        fields.push([name, this.value()]);
      } while (this.eat(','));
      this.expect(']');
    }
    return { kind: 'record', fields };
  }

  function(): TlcValue {
    this.pos += 1;
    const entries: Array<[TlcValue, TlcValue]> = [];
    do {
      const key = this.value();
      this.expect(':>');
      entries.push([key, this.value()]);
    } while (this.eat('@@'));
    this.expect(')');
    return { kind: 'function', entries };
  }
}

/**
 * Parses one TLC value (grammar of TLC 2.18's printer; see value.ts).
 * @throws TlcValueSyntaxError on anything else, including trailing text.
 */
export function parseTlcValue(text: string): TlcValue {
  const r = new Reader(text);
  const v = r.value();
  if (!r.atEnd()) r.fail('unexpected text after the value');
  return v;
}

/**
 * Parses a state as TLC prints it: `/\ name = value` per variable, or, when the
 * spec has a single variable, `name = value` without the `/\ ` prefix.
 * @throws TlcValueSyntaxError when the text is not a state.
 */
export function parseTlcState(text: string): TlcState {
  const r = new Reader(text);
  const state: TlcState = {};
  if (r.atEnd()) r.fail('empty state');
  const conjunctive = r.eat('/\\');
  do {
    const name = r.identifier();
    r.expect('=');
    state[name] = r.value();
  } while (conjunctive && r.eat('/\\'));
  if (!r.atEnd()) r.fail('unexpected text after the state');
  return state;
}
