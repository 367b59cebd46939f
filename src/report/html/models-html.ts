/** The model table: expected vs. actual verdict per model, linked to its swimlanes. */
import type { CheckResults, ModelVerdict } from '../results.ts';
import { anchorId, esc } from './escape.ts';

/** Duration in seconds with one decimal ("12.3 s"). */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

/** The table of every checked model; `withTrace` are the models whose swimlanes are on the page. */
export function modelsHtml(check: CheckResults, withTrace: ReadonlySet<string>): string {
  const rows = check.models.map((m) => modelRow(m, withTrace.has(m.name)));
  const mismatches = check.models.filter((m) => !m.ok).length;
  return `<table class="models">
<thead><tr><th>model</th><th>expected</th><th>actual</th><th>verdict</th><th class="n">distinct states</th><th class="n">depth</th><th class="n">time</th><th>counterexample</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td colspan="8">${check.models.length} models, ${check.models.length - mismatches} as expected, ${mismatches} mismatched</td></tr></tfoot>
</table>`;
}

function verdictText(m: ModelVerdict): string {
  return m.violated ? `${m.actual} (${m.violated})` : m.actual;
}

function expectedText(m: ModelVerdict): string {
  return m.expectedViolated ? `${m.expected} (${m.expectedViolated})` : m.expected;
}

function modelRow(m: ModelVerdict, hasTrace: boolean): string {
  const link = hasTrace ? `<a href="#${anchorId('cx', m.name)}">swimlanes ↓</a>` : m.actual === 'success' ? '' : '<span class="missing">not recorded</span>';
  const notes = [...(m.ok ? [] : (m.mismatches ?? [])), ...(m.errors ?? [])];
  const errors = notes.length > 0 ? `<div class="errors">${esc(notes.join('\n').slice(0, 600))}</div>` : '';
  return `<tr id="${anchorId('model', m.name)}" class="${m.ok ? 'ok' : 'mismatch'}" data-model="${esc(m.name)}">
<td class="name">${esc(m.name)}${errors}</td><td>${esc(expectedText(m))}</td><td class="actual actual-${esc(m.actual.split(' ')[0]!)}">${esc(verdictText(m))}</td>
<td class="verdict">${m.ok ? '✓ as expected' : '✗ mismatch'}</td><td class="n">${count(m.distinctStates)}</td><td class="n">${count(m.depth)}</td><td class="n">${seconds(m.durationMs)}</td><td>${link}</td></tr>`;
}
