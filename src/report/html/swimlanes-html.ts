/**
 * A counterexample drawn as HTML swimlanes: one column per thread, one row
 * per step with the step's card in its thread's column, the changed
 * variables highlighted, the violating state (or the loop of a lasso)
 * marked. Pure HTML/CSS; the page's styles live in styles.ts.
 */
import type { Counterexample } from '../counterexample.ts';
import { formatValue, type StateChange } from '../state-diff.ts';
import { layoutSwimlanes, type SwimlaneLayout, type SwimlaneRow } from '../swimlane-layout.ts';
import { anchorId, esc } from './escape.ts';

const MARK_LABEL: Partial<Record<SwimlaneRow['mark'], string>> = {
  violation: '✗ violation',
  deadlock: '⊗ deadlock',
  'loop-start': '┌ loop starts',
  'loop-end': '└ loops back',
  stutter: '↺ stutters forever',
};

/** The swimlane section of one counterexample; `name` is the model (also its anchor `cx-<name>`). */
export function swimlanesHtml(name: string, cx: Counterexample): string {
  const layout = layoutSwimlanes(cx);
  const id = anchorId('cx', name);
  return `<section class="cx" id="${id}">
<h3><a href="#${id}">${esc(name)}</a> <span class="outcome outcome-${esc(cx.outcome)}">${esc(cx.outcome)}</span></h3>
<p class="verdict">${esc(layout.verdict)} <a href="#${anchorId('model', name)}" class="back">↑ model table</a></p>
<div class="lanes-wrap"><table class="lanes" data-model="${esc(name)}">
${headerHtml(layout)}
<tbody>
${layout.rows.map((row) => rowHtml(row, layout, id, cx)).join('\n')}
</tbody></table></div>
</section>`;
}

/** CSS class of a lane's role (colours invalidators, faulting threads and the manager apart). */
function roleClass(role: string): string {
  return `role-${role.replace(/[^a-z]+/g, '-')}`;
}

function headerHtml(layout: SwimlaneLayout): string {
  const lanes = layout.lanes
    .map((l) => `<th class="lane-head ${roleClass(l.role)}" data-thread="${esc(l.thread)}"><span class="tid">${esc(l.thread)}</span><span class="role">${esc(l.role)}</span></th>`)
    .join('');
  return `<thead><tr><th class="step-head">#</th>${lanes}</tr></thead>`;
}

function rowHtml(row: SwimlaneRow, layout: SwimlaneLayout, id: string, cx: Counterexample): string {
  const classes = ['step', `mark-${row.mark}`];
  const mark = MARK_LABEL[row.mark];
  const stepCell = `<td class="num"><a href="#${id}-s${row.index + 1}">${row.index + 1}</a>${mark ? `<span class="mark">${esc(mark)}</span>` : ''}</td>`;
  if (row.lane < 0) {
    return `<tr class="${classes.join(' ')} init" id="${id}-s${row.index + 1}">${stepCell}<td class="init-cell" colspan="${layout.lanes.length}"><span class="action">initial state</span>${stateHtml(row.state, [])}</td></tr>`;
  }
  const cells = layout.lanes.map((lane, i) =>
    i === row.lane ? `<td class="cell ${roleClass(lane.role)}" data-thread="${esc(lane.thread)}">${cardHtml(row, cx)}</td>` : `<td class="track" data-thread="${esc(lane.thread)}"></td>`,
  );
  return `<tr class="${classes.join(' ')}" id="${id}-s${row.index + 1}" data-thread="${esc(row.thread)}">${stepCell}${cells.join('')}</tr>`;
}

function cardHtml(row: SwimlaneRow, cx: Counterexample): string {
  const args = Object.entries(row.args);
  const guessed = row.threadSource === 'lastAction' ? '' : `<span class="guess" title="thread inferred from ${esc(row.threadSource)}">?</span>`;
  const parts = [
    `<div class="card">`,
    `<code class="action"${row.kernel ? ` title="${esc(row.kernel)}"` : ''}>${esc(row.action)}</code>${guessed}`,
    row.kernel ? `<div class="kernel">${esc(row.kernel)}</div>` : '',
    args.length > 0 ? `<div class="args">${args.map(([k, v]) => `<span>${esc(k)}=${esc(formatValue(v))}</span>`).join(' ')}</div>` : '',
    changesHtml(row.changes),
    row.mark === 'violation' ? `<div class="violated">${esc(cx.violated ?? cx.outcome)} does not hold in this state</div>` : '',
    row.mark === 'stutter' ? `<div class="loopback">↺ ${esc(cx.violated ?? 'the property')} fails: the behaviour stays in this state forever</div>` : '',
    row.mark === 'deadlock' ? `<div class="violated">no thread can take a step (deadlock)</div>` : '',
    row.mark === 'loop-end' && typeof cx.loopStart === 'number' ? `<div class="loopback">↻ then back to state ${cx.loopStart + 1}</div>` : '',
    stateHtml(row.state, row.changes),
    `</div>`,
  ];
  return parts.join('');
}

function changesHtml(changes: StateChange[]): string {
  if (changes.length === 0) return '<div class="nochange">no variable changed</div>';
  const ordered = [...changes.filter((c) => c.variable !== 'pc'), ...changes.filter((c) => c.variable === 'pc')];
  const items = ordered.map(
    (c) =>
      `<li class="chg${c.variable === 'pc' ? ' pc' : ''}"><span class="path">${esc(c.path)}</span> <span class="before">${esc(formatValue(c.before))}</span> → <span class="after">${esc(formatValue(c.after))}</span></li>`,
  );
  return `<ul class="changes">${items.join('')}</ul>`;
}

/** The whole state, collapsed; variables the step changed are highlighted. */
function stateHtml(state: Record<string, unknown>, changes: StateChange[]): string {
  const changed = new Set(changes.map((c) => c.variable));
  const rows = Object.entries(state)
    .filter(([k]) => k !== 'lastAction')
    .map(([k, v]) => `<tr${changed.has(k) ? ' class="changed"' : ''}><th>${esc(k)}</th><td>${esc(formatValue(v))}</td></tr>`);
  return `<details class="state"><summary>state</summary><table>${rows.join('')}</table></details>`;
}
