/**
 * Splits TLC's `-tool` output into frames. Message boundaries are the
 * `@!@!@STARTMSG code:class @!@!@` / `@!@!@ENDMSG code @!@!@` markers.
 *
 * Where a marker counts: at a line start, right after another marker (an
 * ENDMSG and the next STARTMSG can share a line), or after other text on the
 * line — TLC 2.18 writes a nested STARTMSG after `: ` (message 1000 wrapping
 * 5006) — but never inside a TLA+ string literal. TLC prints every string
 * value quoted, with `"` and `\` escaped and line breaks as `\n`, so marker
 * text that a spec put into a string (a state, a PrintT, an Assert message)
 * always sits after an odd number of unescaped quotes on its line.
 *
 * Messages nest: TLC 2.18 prints some messages inside others (2105
 * "Evaluating assumption … failed" around 2158; 1000 "unexpected exception"
 * around 5006). A STARTMSG inside an open message opens a nested one, which
 * its own ENDMSG closes; the outer message keeps it in `nested`.
 *
 * Text outside any message — SANY chatter, Print output, Java stack traces —
 * comes out line by line.
 */

/** One framed TLC message: code, severity class (0 info, 1 error, 2 bug, 3 warning, 4 state) and body. */
export interface ToolMessage {
  readonly kind: 'message';
  readonly code: number;
  readonly severity: number;
  /** Body text without the line breaks that follow/precede the markers, and without nested messages. */
  readonly body: string;
  /** Messages TLC printed inside this one, in order (absent when there are none). */
  readonly nested?: readonly ToolMessage[];
}

/** One line of unframed output (without its line break). */
export interface ToolLine {
  readonly kind: 'line';
  readonly text: string;
}

/** A frame problem: an ENDMSG that does not match, or a message cut off by the end of output. */
export interface ToolMalformed {
  readonly kind: 'malformed';
  readonly reason: string;
  readonly text: string;
}

/** What {@link ToolStreamTokenizer} produces. */
export type ToolFrame = ToolMessage | ToolLine | ToolMalformed;

/** The body text of a message followed by the text of the messages nested in it. */
export function messageText(m: ToolMessage): string {
  if (!m.nested || m.nested.length === 0) return m.body;
  // TLC 2.18 puts the nested message after `\n: ` (1000 around 5006): join it as `…Exception:`.
  const outer = m.body.trimEnd().replace(/\n:$/, ':');
  return [outer, ...m.nested.map(messageText)].filter((t) => t !== '').join('\n');
}

const MARK = '@!@!@';
const START = '@!@!@STARTMSG ';
const END = '@!@!@ENDMSG ';
const MARK_CLOSE = ' @!@!@';
const START_RE = /^@!@!@STARTMSG (-?\d+):(-?\d+) @!@!@/;
const END_RE = /^@!@!@ENDMSG (-?\d+) @!@!@/;
/** Longest marker text worth looking at (the regexes match far less). */
const MARKER_SPAN = 60;

interface OpenMessage {
  code: number;
  severity: number;
  body: string;
  nested: ToolMessage[];
}

/**
 * Incremental tokenizer: `push()` chunks as they arrive (any split points),
 * `end()` once output is over. Both return the frames completed so far.
 */
export class ToolStreamTokenizer {
  private buffer = '';
  /** Open messages, outermost first. */
  private readonly stack: OpenMessage[] = [];
  /** Unframed text of the current line consumed so far (outside any message). */
  private line = '';
  /** Whether the consumed text of the current line ends inside a string literal / right after a backslash in one. */
  private inString = false;
  private escaped = false;
  /** The line break after an ENDMSG marker may arrive in the next chunk. */
  private dropBreak = false;

  /** Adds a chunk of output; returns the frames it completes. */
  push(chunk: string): ToolFrame[] {
    this.buffer += chunk;
    const out: ToolFrame[] = [];
    while (this.step(out, false));
    return out;
  }

  /** Flushes what is left at the end of output. */
  end(): ToolFrame[] {
    const out: ToolFrame[] = [];
    while (this.step(out, true));
    this.consume(this.buffer, out);
    this.buffer = '';
    if (this.stack.length > 0) {
      const outer = this.stack[0]!;
      const text = [outer.body, ...this.stack.slice(1).map((m) => m.body)].join('');
      out.push({ kind: 'malformed', reason: `message ${outer.code} has no ENDMSG`, text });
      this.stack.length = 0;
    } else if (this.line.length > 0) {
      out.push({ kind: 'line', text: this.line.replace(/\r$/, '') });
    }
    this.line = '';
    return out;
  }

  /** Consumes the buffer up to and including the next marker if possible; returns whether it made progress. */
  private step(out: ToolFrame[], final: boolean): boolean {
    if (this.dropBreak && this.buffer.length > 0) {
      if (this.buffer === '\r' && !final) return false;
      this.buffer = dropLineBreak(this.buffer);
      this.dropBreak = false;
    }
    const at = this.buffer.indexOf(MARK);
    if (at < 0) {
      // Keep a tail that may be the start of a marker split across chunks.
      const keep = final ? 0 : partialMarkLength(this.buffer);
      if (this.buffer.length === keep) return false;
      this.consume(this.buffer.slice(0, this.buffer.length - keep), out);
      this.buffer = this.buffer.slice(this.buffer.length - keep);
      return false;
    }
    if (at > 0) {
      this.consume(this.buffer.slice(0, at), out);
      this.buffer = this.buffer.slice(at);
    }
    return this.marker(out, final);
  }

  /** The buffer starts with `@!@!@`: reads a marker, or takes the text as plain text. */
  private marker(out: ToolFrame[], final: boolean): boolean {
    if (this.inString) return this.plain(MARK.length, out);
    const head = this.buffer.slice(0, MARKER_SPAN);
    const isStart = head.startsWith(START) || START.startsWith(head);
    const isEnd = head.startsWith(END) || END.startsWith(head);
    if (!isStart && !isEnd) return this.plain(MARK.length, out);
    const m = isStart ? START_RE.exec(head) : END_RE.exec(head);
    if (!m) {
      const complete = head.indexOf(MARK_CLOSE, MARK.length) >= 0 || head.length >= MARKER_SPAN;
      if (!complete && !final) return false; // marker not complete yet
      if (head.length < (isStart ? START : END).length) return this.plain(head.length, out);
      out.push({ kind: 'malformed', reason: `unreadable ${isStart ? 'STARTMSG' : 'ENDMSG'} marker`, text: head });
      this.buffer = this.buffer.slice((isStart ? START : END).length);
      return true;
    }
    this.buffer = this.buffer.slice(m[0].length);
    this.inString = false;
    this.escaped = false;
    if (isStart) this.open(Number(m[1]), Number(m[2]), out);
    else this.close(Number(m[1]), out);
    return true;
  }

  private open(code: number, severity: number, out: ToolFrame[]): void {
    if (this.stack.length === 0 && this.line.length > 0) {
      out.push({ kind: 'line', text: this.line });
      this.line = '';
    }
    this.stack.push({ code, severity, body: '', nested: [] });
    this.dropBreak = true; // the body starts after the marker's line break
  }

  private close(code: number, out: ToolFrame[]): void {
    const open = this.stack.pop();
    this.dropBreak = true;
    if (!open) {
      out.push({ kind: 'malformed', reason: `ENDMSG ${code} outside any message`, text: '' });
      return;
    }
    const body = open.body.replace(/\r?\n$/, '');
    let frame: ToolFrame;
    if (code !== open.code) frame = { kind: 'malformed', reason: `ENDMSG ${code} closes message ${open.code}`, text: body };
    else frame = { kind: 'message', code, severity: open.severity, body, ...(open.nested.length > 0 ? { nested: open.nested } : {}) };
    const parent = this.stack[this.stack.length - 1];
    if (parent && frame.kind === 'message') parent.nested.push(frame);
    else out.push(frame);
  }

  /** Takes `n` characters from the buffer as ordinary text. */
  private plain(n: number, out: ToolFrame[]): boolean {
    this.consume(this.buffer.slice(0, n), out);
    this.buffer = this.buffer.slice(n);
    return true;
  }

  /** Ordinary text: appended to the open message's body, or split into output lines. */
  private consume(text: string, out: ToolFrame[]): void {
    if (text === '') return;
    this.trackQuotes(text);
    const open = this.stack[this.stack.length - 1];
    if (open) {
      open.body += text;
      return;
    }
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      out.push({ kind: 'line', text: (this.line + text.slice(from, nl)).replace(/\r$/, '') });
      this.line = '';
      from = nl + 1;
    }
    this.line += text.slice(from);
  }

  /** Follows TLA+ string literals on the current line (a line break ends any). */
  private trackQuotes(text: string): void {
    const nl = text.lastIndexOf('\n');
    if (nl >= 0) {
      this.inString = false;
      this.escaped = false;
    }
    for (let i = nl + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.escaped) this.escaped = false;
      else if (c === 0x5c /* \ */ && this.inString) this.escaped = true;
      else if (c === 0x22 /* " */) this.inString = !this.inString;
    }
  }
}

/** Length of the longest suffix of `s` that is a proper prefix of `@!@!@`. */
function partialMarkLength(s: string): number {
  for (let n = Math.min(MARK.length - 1, s.length); n > 0; n--) if (MARK.startsWith(s.slice(s.length - n))) return n;
  return 0;
}

function dropLineBreak(s: string): string {
  if (s.startsWith('\r\n')) return s.slice(2);
  if (s.startsWith('\n')) return s.slice(1);
  return s;
}
