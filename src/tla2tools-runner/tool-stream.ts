/**
 * Splits TLC's `-tool` output into frames. Message boundaries are the
 * `@!@!@STARTMSG code:class @!@!@` / `@!@!@ENDMSG code @!@!@` markers, found
 * anywhere in the text (not only at line starts: an ENDMSG and the next
 * STARTMSG can share a line). Text outside any message — SANY chatter,
 * Print output, Java stack traces — comes out line by line.
 */

/** One framed TLC message: code, severity class (0 info, 1 error, 2 bug, 3 warning, 4 state) and body. */
export interface ToolMessage {
  readonly kind: 'message';
  readonly code: number;
  readonly severity: number;
  /** Body text without the line breaks that follow/precede the markers. */
  readonly body: string;
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

const START = '@!@!@STARTMSG ';
const END = '@!@!@ENDMSG ';
const MARK_CLOSE = ' @!@!@';
const START_RE = /^@!@!@STARTMSG (-?\d+):(-?\d+) @!@!@/;
const END_RE = /^@!@!@ENDMSG (-?\d+) @!@!@/;

/**
 * Incremental tokenizer: `push()` chunks as they arrive (any split points),
 * `end()` once output is over. Both return the frames completed so far.
 */
export class ToolStreamTokenizer {
  private buffer = '';
  private open: { code: number; severity: number } | undefined;
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
    if (this.open) {
      out.push({ kind: 'malformed', reason: `message ${this.open.code} has no ENDMSG`, text: this.buffer });
      this.open = undefined;
    } else if (this.buffer.length > 0) {
      out.push({ kind: 'line', text: this.buffer.replace(/\r$/, '') });
    }
    this.buffer = '';
    return out;
  }

  /** Consumes one frame from the buffer if possible; returns whether it did. */
  private step(out: ToolFrame[], final: boolean): boolean {
    if (this.dropBreak && this.buffer.length > 0) {
      if (this.buffer === '\r' && !final) return false;
      this.buffer = dropLineBreak(this.buffer);
      this.dropBreak = false;
    }
    return this.open ? this.stepInMessage(out) : this.stepOutside(out, final);
  }

  private stepInMessage(out: ToolFrame[]): boolean {
    const open = this.open!;
    const at = this.buffer.indexOf(END);
    if (at < 0) return false;
    const m = END_RE.exec(this.buffer.slice(at, at + 40));
    if (!m) {
      if (this.buffer.indexOf(MARK_CLOSE, at) < 0) return false; // marker not complete yet
      out.push({ kind: 'malformed', reason: 'unreadable ENDMSG marker', text: this.buffer.slice(at, at + 40) });
      this.buffer = this.buffer.slice(at + END.length);
      return true;
    }
    let body = this.buffer.slice(0, at);
    if (body.startsWith('\n')) body = body.slice(1);
    else if (body.startsWith('\r\n')) body = body.slice(2);
    body = body.replace(/\r?\n$/, '');
    if (Number(m[1]) !== open.code) {
      out.push({ kind: 'malformed', reason: `ENDMSG ${m[1]} closes message ${open.code}`, text: body });
    } else {
      out.push({ kind: 'message', code: open.code, severity: open.severity, body });
    }
    this.open = undefined;
    this.buffer = this.buffer.slice(at + m[0].length);
    this.dropBreak = true;
    return true;
  }

  private stepOutside(out: ToolFrame[], final: boolean): boolean {
    const at = this.buffer.indexOf(START);
    const lineEnd = this.buffer.indexOf('\n');
    // Unframed text before the next marker (or a complete line) comes out first.
    if (lineEnd >= 0 && (at < 0 || lineEnd < at)) {
      out.push({ kind: 'line', text: this.buffer.slice(0, lineEnd).replace(/\r$/, '') });
      this.buffer = this.buffer.slice(lineEnd + 1);
      return true;
    }
    if (at > 0) {
      out.push({ kind: 'line', text: this.buffer.slice(0, at) });
      this.buffer = this.buffer.slice(at);
      return true;
    }
    if (at < 0) {
      // Keep a possible partial marker / partial line for the next chunk.
      return false;
    }
    const m = START_RE.exec(this.buffer.slice(0, 60));
    if (!m) {
      if (this.buffer.indexOf(MARK_CLOSE, START.length) < 0 && !final) return false;
      out.push({ kind: 'malformed', reason: 'unreadable STARTMSG marker', text: this.buffer.slice(0, 60) });
      this.buffer = this.buffer.slice(START.length);
      return true;
    }
    this.open = { code: Number(m[1]), severity: Number(m[2]) };
    this.buffer = this.buffer.slice(m[0].length);
    return true;
  }
}

function dropLineBreak(s: string): string {
  if (s.startsWith('\r\n')) return s.slice(2);
  if (s.startsWith('\n')) return s.slice(1);
  return s;
}
