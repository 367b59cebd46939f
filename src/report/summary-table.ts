/**
 * The table `mmu-notifier run` prints at the end: one line per model, then
 * the stages. It fits the terminal: with every column it is some 170
 * characters wide (model names of 42, properties of 30), so on a narrower
 * terminal it gives up detail step by step — verdicts lose the word
 * "failure", expected and actual merge into one column, the time and state
 * columns go, and last the verdict text is cut — but never the model's name,
 * its ok/BAD mark, nor its verdict's kind.
 */
import type { CheckResults, ModelVerdict, RunRecord } from './results.ts';

/** The width when the output is not a terminal (a pipe, a CI log). */
export const DEFAULT_TABLE_WIDTH = 100;

/** A plain-text table with left-aligned text columns and right-aligned numbers. */
export function textTable(head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const widths = columnWidths(head, rows);
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

function columnWidths(head: string[], rows: string[][]): number[] {
  return head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
}

function tableWidth(head: string[], rows: string[][]): number {
  const widths = columnWidths(head, rows);
  return widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
}

/** How much a layout shows. */
interface Detail {
  /** "safety failure" (true) or "safety". */
  readonly longVerdicts: boolean;
  /** Expected and actual in two columns, or one verdict column. */
  readonly bothVerdicts: boolean;
  /** The states and time columns. */
  readonly states: boolean;
  readonly time: boolean;
}

/** From the most detailed to the narrowest layout. */
const LAYOUTS: readonly Detail[] = [
  { longVerdicts: true, bothVerdicts: true, states: true, time: true },
  { longVerdicts: false, bothVerdicts: true, states: true, time: true },
  { longVerdicts: false, bothVerdicts: false, states: true, time: true },
  { longVerdicts: false, bothVerdicts: false, states: true, time: false },
  { longVerdicts: false, bothVerdicts: false, states: false, time: false },
];

function verdict(kind: string, property: string | null | undefined, long: boolean): string {
  const word = long ? kind : kind.replace(/ failure$/, '');
  return property ? `${word} (${property})` : word;
}

/** The model table in one layout: head, rows and the numeric columns. */
function modelTable(models: readonly ModelVerdict[], d: Detail): { head: string[]; rows: string[][]; numeric: Set<number> } {
  const head = ['', 'model', ...(d.bothVerdicts ? ['expected', 'actual'] : ['verdict'])];
  const numeric = new Set<number>();
  if (d.states) numeric.add(head.push('states') - 1);
  if (d.time) numeric.add(head.push('time') - 1);
  const rows = models.map((m) => {
    const expected = verdict(m.expected, m.expectedViolated, d.longVerdicts);
    const actual = verdict(m.actual, m.violated, d.longVerdicts);
    // One column: the actual verdict, and what was expected when it differs.
    const verdicts = d.bothVerdicts ? [expected, actual] : [actual === expected ? actual : `${actual}, expected ${expected}`];
    return [
      m.ok ? 'ok' : d.bothVerdicts ? 'MISMATCH' : 'BAD',
      m.name,
      ...verdicts,
      ...(d.states ? [m.distinctStates === null ? '–' : m.distinctStates.toLocaleString('en-US')] : []),
      ...(d.time ? [`${(m.durationMs / 1000).toFixed(1)} s`] : []),
    ];
  });
  return { head, rows, numeric };
}

/** Cuts the verdict column (index 2) so the table fits `width`; it keeps at least the verdict's kind. */
function cutVerdicts(rows: string[][], head: string[], width: number): string[][] {
  const others = tableWidth(head, rows.map((r) => r.map((c, i) => (i === 2 ? '' : c)))) - head[2]!.length;
  const kind = (cell: string): number => cell.split(/ \(|,/)[0]!.length;
  const keep = Math.max(width - others, head[2]!.length, ...rows.map((r) => kind(r[2] ?? '')));
  return rows.map((r) => r.map((cell, i) => (i === 2 && cell.length > keep ? `${cell.slice(0, keep - 1)}…` : cell)));
}

/** The model table at the most detailed layout that fits `width` (cut as a last resort). */
export function fittedModelTable(models: readonly ModelVerdict[], width: number = DEFAULT_TABLE_WIDTH): string {
  for (const layout of LAYOUTS) {
    const { head, rows, numeric } = modelTable(models, layout);
    if (tableWidth(head, rows) <= width) return textTable(head, rows, numeric);
  }
  const { head, rows, numeric } = modelTable(models, LAYOUTS.at(-1)!);
  return textTable(head, cutVerdicts(rows, head, width), numeric);
}

/** The summary of a run: the model table (fitted to `width` columns), then one line per stage. */
export function summaryTable(check: CheckResults | null, run: Pick<RunRecord, 'stages'>, width: number = DEFAULT_TABLE_WIDTH): string {
  const parts: string[] = [];
  if (check !== null) {
    parts.push(fittedModelTable(check.models, width));
    const bad = check.models.filter((m) => !m.ok);
    // Why each mismatch is one (verdict, property, recorded state counts, TLC errors).
    const reasons = bad.map((m) => m.inputFault ?? `${m.name}: ${[...(m.mismatches ?? []), ...(m.errors ?? [])].join('; ') || `${m.actual}, expected ${m.expected}`}`);
    parts.push([`${check.models.length} models: ${check.models.length - bad.length} as expected, ${bad.length} mismatched`, ...reasons].join('\n'));
  }
  parts.push(run.stages.map((s) => `${s.stage.padEnd(7)} ${s.status.padEnd(11)} ${s.detail}`).join('\n'));
  return parts.join('\n\n');
}
