/**
 * The model table, grouped by question (model-groups.ts): per model the
 * question it answers and TLC's answer in words, whether that is the expected
 * verdict (the expectation in the cell's title, and shown on a mismatch), and
 * a link to its counterexample; a bug group's heading names its fixed
 * counterpart and that model's answer.
 */
import type { CheckResults, ModelVerdict } from '../results.ts';
import { anchorId, esc } from './escape.ts';
import { groupModels, modelQuestion, type ModelGroup } from './model-groups.ts';

/** Duration in seconds with one decimal ("12.3 s"). */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

const COLUMNS = 6;

/**
 * The table of every checked model; `traceLength` gives the number of
 * states of each counterexample on the page (absent: not on the page).
 */
export function modelsHtml(check: CheckResults, traceLength: ReadonlyMap<string, number>): string {
  const byName = new Map(check.models.map((m) => [m.name, m]));
  const groups = groupModels(check.models).map((g) => groupHtml(g, byName, traceLength));
  const mismatches = check.models.filter((m) => !m.ok).length;
  return `<table class="models">
<thead><tr><th>model: the question it answers</th><th>answer (TLC)</th><th>verdict</th><th class="n">distinct states</th><th class="n">time</th><th>counterexample</th></tr></thead>
${groups.join('\n')}
<tfoot><tr><td colspan="${COLUMNS}">${check.models.length} models, ${check.models.length - mismatches} as expected, ${mismatches} mismatched</td></tr></tfoot>
</table>`;
}

function groupHtml(g: ModelGroup, byName: ReadonlyMap<string, ModelVerdict>, traceLength: ReadonlyMap<string, number>): string {
  const fixed = g.counterparts.map((name) => counterpartHtml(name, byName.get(name)));
  const head = `<tr class="group-head" id="${anchorId('group', g.key)}"><th colspan="${COLUMNS}"><span class="group-title">${esc(g.title)}</span> <span class="group-question">${esc(g.question)}</span>${fixed.join('')}</th></tr>`;
  const rows = g.models.map((m) => modelRow(m, traceLength.get(m.name)));
  return `<tbody class="group" data-group="${esc(g.key)}">\n${head}\n${rows.join('\n')}\n</tbody>`;
}

/** TLC's answer in words. */
export function answerText(m: ModelVerdict, traceLength: number | undefined): string {
  const trace = (kind: string) => (traceLength === undefined ? '' : ` (${traceLength}-state ${kind})`);
  const outcome = m.actual.split(' ')[0]!;
  switch (outcome) {
    case 'success':
      return 'holds';
    case 'safety':
    case 'assert':
      return `fails: ${m.violated ?? 'an invariant'} violated${trace('trace')}`;
    case 'liveness':
      return `fails: ${m.violated ?? 'a temporal property'}${trace('lasso')}`;
    case 'deadlock':
      return `deadlocks${trace('trace')}`;
    default:
      return `no answer: TLC ${m.actual}`;
  }
}

function expectedText(m: ModelVerdict): string {
  return m.expectedViolated ? `${m.expected} (${m.expectedViolated})` : m.expected;
}

function modelRow(m: ModelVerdict, traceLength: number | undefined): string {
  const link = traceLength !== undefined ? `<a href="#${anchorId('cx', m.name)}">swimlanes ↓</a>` : m.actual === 'success' ? '' : '<span class="missing">not recorded</span>';
  const notes = [...(m.ok ? [] : (m.mismatches ?? [])), ...(m.errors ?? [])];
  const errors = notes.length > 0 ? `<div class="errors">${esc(notes.join('\n').slice(0, 600))}</div>` : '';
  const question = modelQuestion(m);
  return `<tr id="${anchorId('model', m.name)}" class="${m.ok ? 'ok' : 'mismatch'}" data-model="${esc(m.name)}">
<td class="name"><div class="model-name">${esc(m.name)}</div><div class="question">${question ? esc(question) : '<span class="missing">no description</span>'}</div>${errors}</td><td class="actual actual-${esc(m.actual.split(' ')[0]!)}">${esc(answerText(m, traceLength))}</td>
<td class="verdict" title="expected: ${esc(expectedText(m))}">${m.ok ? '✓ as expected' : `✗ mismatch<div class="expected">expected ${esc(expectedText(m))}</div>`}</td><td class="n">${count(m.distinctStates)}</td><td class="n">${seconds(m.durationMs)}</td><td>${link}</td></tr>`;
}

/** The fixed model paired with a bug, named beside the bug's question with its answer (its own row is in its group). */
function counterpartHtml(name: string, m: ModelVerdict | undefined): string {
  const answer = m ? `${answerText(m, undefined)} ${m.ok ? '✓' : '✗'}` : 'not checked in this run';
  const link = m ? `<a href="#${anchorId('model', name)}">${esc(name)}</a>` : esc(name);
  return `<span class="counterpart${m && !m.ok ? ' mismatch' : ''}" data-counterpart="${esc(name)}">fixed counterpart ${link}: ${esc(answer)}</span>`;
}
