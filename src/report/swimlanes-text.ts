/**
 * Counterexample swimlanes for the terminal: one column per thread, one row
 * per step, the changed variables under each step, fitted to the width of
 * the terminal. Used by `mmu-notifier tlc` and `check` to show a failure
 * the way a kernel engineer reads an interleaving.
 */
import type { Counterexample } from './counterexample.ts';
import { formatValue } from './step-changes.ts';
import { layoutSwimlanes, type RowMark, type SwimlaneRow } from './swimlane-layout.ts';

/** Options of `renderSwimlanesText`. */
export interface SwimlaneTextOptions {
  /** Total width in columns; default: the terminal width, else 100. */
  width?: number;
  /** Use ANSI colours (bold action, yellow changes, red violation). Default false. */
  color?: boolean;
  /** Print the changed variables under each step. Default true. */
  changes?: boolean;
  /** Title printed above the lanes (e.g. the model name). */
  title?: string;
}

const STEP_COLUMN = 6;
const MIN_LANE = 14;
/** Narrowest column the changed-variables text is wrapped to. */
const MIN_CHANGES = 60;
const GLYPH: Record<RowMark, string> = {
  violation: '✗',
  deadlock: '⊗',
  'loop-start': '┌',
  loop: '│',
  'loop-end': '└',
  stutter: '↺',
  none: ' ',
};

/**
 * Render a counterexample as text swimlanes. Returns the text (lines joined
 * with "\n", no trailing newline); the caller prints it.
 *
 * ```ts
 * import { renderSwimlanesText, counterexampleFromTlc } from '../report/index.ts';
 * console.log(renderSwimlanesText(counterexampleFromTlc(result), { width: process.stdout.columns, color: process.stdout.isTTY }));
 * ```
 */
export function renderSwimlanesText(cx: Counterexample, opts: SwimlaneTextOptions = {}): string {
  const layout = layoutSwimlanes(cx);
  const width = Math.max(opts.width ?? process.stdout.columns ?? 100, STEP_COLUMN + MIN_LANE);
  const laneCount = Math.max(layout.lanes.length, 1);
  const laneWidth = Math.max(MIN_LANE, Math.floor((width - STEP_COLUMN) / laneCount));
  const paint = painter(opts.color ?? false);
  const out: string[] = [];
  if (opts.title !== undefined) out.push(paint.bold(opts.title));
  out.push(paint.bold(layout.verdict));
  out.push(' '.repeat(STEP_COLUMN) + layout.lanes.map((l) => pad(clip(`${l.thread} ${l.role}`, laneWidth - 1), laneWidth)).join(''));
  out.push('─'.repeat(STEP_COLUMN - 1) + ' ' + layout.lanes.map(() => '─'.repeat(laneWidth - 1) + ' ').join('').trimEnd());
  for (const row of layout.rows) out.push(...renderRow(row, laneWidth, width, opts, paint));
  out.push(...footer(cx, layout.rows));
  return out.map((l) => l.trimEnd()).join('\n');
}

function renderRow(row: SwimlaneRow, laneWidth: number, width: number, opts: SwimlaneTextOptions, paint: Painter): string[] {
  const failing = row.mark === 'violation' || row.mark === 'deadlock';
  const num = `${String(row.index + 1).padStart(3)} ${GLYPH[row.mark]} `;
  const first = failing ? paint.red(num) : num;
  // Continuation lines of a row keep the loop bracket of a lasso unbroken.
  const more = `    ${row.mark === 'loop' || row.mark === 'loop-start' ? '│' : ' '} `;
  if (row.lane < 0) return [first + paint.dim('initial state')];
  const lines: string[] = [];
  const cell = [row.action, ...argLines(row.args)];
  const wrapped = cell.flatMap((text, i) => wrap(text, laneWidth - 1).map((t) => ({ t, action: i === 0 })));
  wrapped.forEach(({ t, action }, i) => {
    const text = action ? (failing ? paint.red(paint.bold(t)) : paint.bold(t)) : paint.dim(t);
    lines.push((i === 0 ? first : more) + lanePrefix(row.lane, laneWidth) + text);
  });
  if (opts.changes !== false && row.changes.length > 0) {
    // Changes start under the step's lane, moved left when the last lanes leave too little room.
    const indent = Math.max(0, Math.min(row.lane * laneWidth, width - STEP_COLUMN - MIN_CHANGES));
    const room = width - STEP_COLUMN - indent;
    for (const piece of wrap(changesText(row), room)) lines.push(more + ' '.repeat(indent) + paint.yellow(piece));
  }
  return lines;
}

/** "Δ seq: 2 → 3 · …": protocol variables first, program counters last (they only restate the step). */
function changesText(row: SwimlaneRow): string {
  const ordered = [...row.changes.filter((c) => c.variable !== 'pc'), ...row.changes.filter((c) => c.variable === 'pc')];
  return 'Δ ' + ordered.map((c) => `${c.path}: ${formatValue(c.before)} → ${formatValue(c.after)}`).join(' · ');
}

/** Columns before the row's lane: a faint rule per empty lane keeps the columns readable. */
function lanePrefix(lane: number, laneWidth: number): string {
  return ('·' + ' '.repeat(laneWidth - 1)).repeat(lane);
}

function argLines(args: Record<string, unknown>): string[] {
  const entries = Object.entries(args);
  return entries.length === 0 ? [] : [entries.map(([k, v]) => `${k}=${formatValue(v)}`).join(' ')];
}

function footer(cx: Counterexample, rows: SwimlaneRow[]): string[] {
  const n = rows.length;
  if (cx.outcome === 'liveness' && typeof cx.loopStart === 'number') {
    return [`    └→ back to state ${cx.loopStart + 1}: states ${cx.loopStart + 1}–${n} repeat forever`];
  }
  if (cx.loopStart === 'stutter') return [`    ↺ state ${n} stutters forever`];
  if (cx.outcome === 'deadlock') return [`    ⊗ state ${n}: no action enabled (deadlock)`];
  if (n > 0 && cx.outcome !== 'success') return [`    ✗ state ${n} violates ${cx.violated ?? cx.outcome}`];
  return [];
}

/** Split `text` into pieces of at most `width` characters, preferring breaks at spaces and underscores. */
export function wrap(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width + 1);
    let cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('_') + 1, window.lastIndexOf('·'));
    if (cut <= width / 3) cut = width;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, Math.max(width - 1, 0)) + '…';
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(width - text.length, 0));
}

interface Painter {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

function painter(color: boolean): Painter {
  const wrapWith = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: wrapWith(1, 22), dim: wrapWith(2, 22), red: wrapWith(31, 39), yellow: wrapWith(33, 39) };
}
