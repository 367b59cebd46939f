/** The table `mmu-notifier run` prints at the end: one line per model, then the stages. */
import type { CheckResults, RunRecord } from './results.ts';

/** A plain-text table with left-aligned text columns and right-aligned numbers. */
export function textTable(head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** The summary of a run: the model table, then one line per stage. */
export function summaryTable(check: CheckResults | null, run: Pick<RunRecord, 'stages'>): string {
  const parts: string[] = [];
  if (check !== null) {
    const rows = check.models.map((m) => [
      m.ok ? 'ok' : 'MISMATCH',
      m.name,
      m.expectedViolated ? `${m.expected} (${m.expectedViolated})` : m.expected,
      m.violated ? `${m.actual} (${m.violated})` : m.actual,
      m.distinctStates === null ? '–' : m.distinctStates.toLocaleString('en-US'),
      `${(m.durationMs / 1000).toFixed(1)} s`,
    ]);
    parts.push(textTable(['', 'model', 'expected', 'actual', 'states', 'time'], rows, new Set([4, 5])));
    const bad = check.models.filter((m) => !m.ok);
    // Why each mismatch is one (verdict, property, recorded state counts, TLC errors).
    const reasons = bad.map((m) => m.inputFault ?? `${m.name}: ${[...(m.mismatches ?? []), ...(m.errors ?? [])].join('; ') || `${m.actual}, expected ${m.expected}`}`);
    parts.push([`${check.models.length} models: ${check.models.length - bad.length} as expected, ${bad.length} mismatched`, ...reasons].join('\n'));
  }
  parts.push(run.stages.map((s) => `${s.stage.padEnd(7)} ${s.status.padEnd(11)} ${s.detail}`).join('\n'));
  return parts.join('\n\n');
}
