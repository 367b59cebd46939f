import type { ErrorCategory, TlcEvent, TlcLocation } from './events.ts';
import { tlcEventSchema } from './events.ts';
import { COVERAGE_CODES, EVALUATION_ERROR_CODES, MessageCode as C, TRACE_HEADER_CODES, isConfigErrorCode } from './message-codes.ts';
import { messageText, type ToolFrame, type ToolMessage } from './tool-stream.ts';
import { parseTlcState } from './value-parser.ts';
import type { TlcState } from './value.ts';

const ACTION_RE = /^<(.*?) line (\d+), col (\d+) to line (\d+), col (\d+) of module (\S+)>$/;
/** Progress numbers are locale-formatted (`1,207`); the runner forces en_US, so `,` is the separator. */
const NUM = '(-?[\\d,]+)';
const RATE = '(?: \\(([\\d,.]+) d?s/min\\))?';
const PROGRESS_RE = new RegExp(
  `^Progress\\((-?\\d+)\\) at .*?: ${NUM} states generated${RATE}, ${NUM} distinct states found${RATE}, ${NUM} states left on queue`,
);
const FINAL_RE = /^(-?\d+) states generated, (-?\d+) distinct states found, (-?\d+) states left on queue/;

function num(s: string | undefined): number {
  return Number((s ?? '').replace(/,/g, ''));
}

/** Parses TLC's `<Name line …, col … to line …, col … of module M>` (or `<Initial predicate>`). */
export function parseActionInfo(text: string): { action?: string; location?: TlcLocation } {
  const m = ACTION_RE.exec(text.trim());
  if (m) {
    return {
      action: m[1]!,
      location: { module: m[6]!, beginLine: num(m[2]), beginColumn: num(m[3]), endLine: num(m[4]), endColumn: num(m[5]) },
    };
  }
  const inner = /^<(.*)>$/.exec(text.trim())?.[1];
  if (inner === undefined || inner === 'Initial predicate') return {};
  return { action: inner };
}

/** The first line of `tlc2.tool.distributed.TLCServer`: "TLC2 TLC Server Version 2.18 of 20 March 2023". */
const SERVER_VERSION = /^TLC2 TLC Server Version (\S+) of /;

/**
 * Turns tokenizer frames into typed, zod-validated events. Stateful only to
 * know whether unframed lines come from SANY (between "Starting SANY" and
 * "SANY finished"), whose text is kept for a following parse error.
 */
export class TlcEventParser {
  private inSany = false;
  private sanyText: string[] = [];

  /** Converts one frame from stdout or stderr into zero or more events. */
  parse(frame: ToolFrame, stream: 'stdout' | 'stderr' = 'stdout'): TlcEvent[] {
    if (frame.kind === 'malformed') return [{ type: 'malformed', reason: frame.reason, text: frame.text }];
    if (frame.kind === 'line') {
      if (this.inSany) {
        if (!/^(Parsing file |Semantic processing of module )/.test(frame.text)) this.sanyText.push(frame.text);
        return [{ type: 'output', stream, source: 'sany', text: frame.text }];
      }
      // TLCServer prints its version unframed, even with -tool (tlc2.TLC frames it as 2262).
      const server = SERVER_VERSION.exec(frame.text);
      if (server && stream === 'stdout') return [{ type: 'version', code: C.VERSION, version: server[1]!, text: frame.text }];
      return [{ type: 'output', stream, source: 'print', text: frame.text }];
    }
    // A message with messages nested in it (2105 around 2158, 1000 around 5006) is read as one, with all their text.
    const message = frame.nested ? { ...frame, body: messageText(frame) } : frame;
    try {
      return [tlcEventSchema.parse(this.message(message))];
    } catch (err) {
      return [
        { type: 'malformed', reason: `message ${frame.code}: ${(err as Error).message}`, text: message.body },
        { type: 'message', code: frame.code, severity: frame.severity, text: message.body },
      ];
    }
  }

  private message(m: ToolMessage): TlcEvent {
    const { code, body } = m;
    switch (code) {
      case C.SANY_START:
        this.inSany = true;
        return generic(m);
      case C.SANY_END:
        this.inSany = false;
        return generic(m);
      case C.VERSION:
        return { type: 'version', code, version: /Version (\S+)/.exec(body)?.[1] ?? body, text: body };
      case C.PROGRESS:
      case C.SIMULATION_PROGRESS:
        return progress(m);
      case C.INITIAL_STATES: {
        const n = /: (-?\d+) distinct state/.exec(body);
        return n ? { type: 'initialStates', code, distinct: num(n[1]) } : generic(m);
      }
      case C.FINAL_COUNTS: {
        const f = FINAL_RE.exec(body);
        if (!f) throw new Error('unreadable final counts');
        return { type: 'finalCounts', code, generated: num(f[1]), distinct: num(f[2]), queue: num(f[3]) };
      }
      case C.DEPTH: {
        const d = /search is (-?\d+)/.exec(body);
        if (!d) throw new Error('unreadable depth');
        return { type: 'depth', code, depth: num(d[1]) };
      }
      case C.NO_ERROR:
        return { type: 'noError', code, text: body };
      case C.FINISHED:
        return { type: 'finished', code, text: body };
      case C.TRACE_STATE:
        return traceState(m);
      case C.BACK_TO_STATE: {
        const b = /^(\d+): Back to state: ?(.*)$/s.exec(body.trim());
        if (!b) throw new Error('unreadable back-to-state');
        return { type: 'backToState', code, number: num(b[1]), ...parseActionInfo(b[2]!) };
      }
      case C.STUTTERING:
        return { type: 'stuttering', code, number: num(/^(\d+):/.exec(body.trim())?.[1]) };
      default:
        return this.violationOrError(m);
    }
  }

  private violationOrError(m: ToolMessage): TlcEvent {
    const { code, body } = m;
    const text = body.trim();
    switch (code) {
      case C.INVARIANT_VIOLATED:
        return { type: 'violation', code, kind: 'safety', property: /^Invariant (\S+) is violated/.exec(text)?.[1], text };
      case C.INVARIANT_VIOLATED_INITIAL: {
        const nl = text.indexOf('\n');
        const stateText = nl < 0 ? '' : text.slice(nl + 1);
        const state = stateText ? tryParseState(stateText).state : undefined;
        return { type: 'violation', code, kind: 'safety', property: /^Invariant (\S+) is violated/.exec(text)?.[1], text, state };
      }
      case C.ACTION_PROPERTY_VIOLATED:
        return { type: 'violation', code, kind: 'actionProperty', property: /^Action property (\S+)/.exec(text)?.[1], text };
      case C.DEADLOCK:
        return { type: 'violation', code, kind: 'deadlock', text };
      case C.TEMPORAL_VIOLATED:
        return { type: 'violation', code, kind: 'liveness', text };
      case C.ASSERT_FAILED:
        return { type: 'violation', code, kind: 'assert', text };
      case C.ASSUMPTION_FALSE:
      case C.ASSUMPTION_EVAL_ERROR:
        return { type: 'violation', code, kind: 'assumption', text };
    }
    if (COVERAGE_CODES.has(code)) return coverage(m);
    const category = errorCategory(m);
    if (category === 'parse' && this.sanyText.length > 0) {
      return { type: 'error', code, category, text: `${text}\n${this.sanyText.join('\n').trim()}` };
    }
    if (category) return { type: 'error', code, category, text };
    return generic(m);
  }
}

function errorCategory(m: ToolMessage): ErrorCategory | undefined {
  if (m.code === C.PARSE_FAILED || m.code === C.PARSE_ERROR) return 'parse';
  if (isConfigErrorCode(m.code)) return 'config';
  if (EVALUATION_ERROR_CODES.has(m.code)) return 'evaluation';
  if (TRACE_HEADER_CODES.has(m.code)) return undefined;
  if (m.severity === 1 || m.severity === 2) return 'general';
  return undefined;
}

function generic(m: ToolMessage): TlcEvent {
  return { type: 'message', code: m.code, severity: m.severity, text: m.body };
}

function progress(m: ToolMessage): TlcEvent {
  const p = PROGRESS_RE.exec(m.body.trim());
  if (!p) throw new Error('unreadable progress');
  return {
    type: 'progress',
    code: m.code,
    depth: num(p[1]),
    generated: num(p[2]),
    distinct: num(p[4]),
    queue: num(p[6]),
    ...(p[3] !== undefined ? { generatedPerMinute: num(p[3]) } : {}),
    ...(p[5] !== undefined ? { distinctPerMinute: num(p[5]) } : {}),
  };
}

function tryParseState(text: string): { state?: TlcState; parseError?: string } {
  try {
    return { state: parseTlcState(text) };
  } catch (err) {
    return { parseError: (err as Error).message };
  }
}

function traceState(m: ToolMessage): TlcEvent {
  const body = m.body.replace(/^\s*\n/, '');
  const nl = body.indexOf('\n');
  const header = nl < 0 ? body : body.slice(0, nl);
  const h = /^(\d+): (.*)$/.exec(header.trim());
  if (!h) throw new Error('unreadable trace-state header');
  const stateText = (nl < 0 ? '' : body.slice(nl + 1)).trim();
  return {
    type: 'traceState',
    code: m.code,
    number: num(h[1]),
    ...parseActionInfo(h[2]!),
    stateText,
    ...tryParseState(stateText),
  };
}

function coverage(m: ToolMessage): TlcEvent {
  const text = m.body.trim();
  const action = /^(<.*>): (\d+):(\d+)$/.exec(text);
  if (action) {
    const info = parseActionInfo(action[1]!);
    return {
      type: 'coverage',
      code: m.code,
      text,
      ...(info.action !== undefined ? { name: info.action } : {}),
      ...(info.location ? { location: info.location } : {}),
      distinct: num(action[2]),
      generated: num(action[3]),
    };
  }
  const expr = /: (\d+)$/.exec(text);
  return { type: 'coverage', code: m.code, text, ...(expr && m.code !== 2201 ? { count: num(expr[1]) } : {}) };
}
