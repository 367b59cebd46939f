/**
 * A counterexample drawn as HTML swimlanes: one column per thread, one row
 * per step with the step's card in its thread's column and the page map of
 * the state it reached on the right (page-map-html.ts); the changed
 * variables highlighted, the violating state (or the loop of a lasso)
 * marked. Runs of steps that change only thread-local variables fold into
 * one <details> row. The section itself is a <details>, open unless the
 * caller folds it. Pure HTML/CSS; the page's styles live in styles.ts.
 */
import type { Counterexample } from '../counterexample.ts';
import { pageMapOf, type PageMap } from '../page-map.ts';
import { formatValue, type StateChange } from '../step-changes.ts';
import { layoutSwimlanes, THREAD_LOCAL, type SwimlaneLayout, type SwimlaneRow } from '../swimlane-layout.ts';
import { anchorId, esc } from './escape.ts';
import { pageMapHtml } from './page-map-html.ts';

const MARK_LABEL: Partial<Record<SwimlaneRow['mark'], string>> = {
  violation: '✗ violation',
  deadlock: '⊗ deadlock',
  'loop-start': '┌ loop starts',
  'loop-end': '└ loops back',
  stutter: '↺ stutters forever',
};

/** Shortest run of quiet steps that is folded (a single quiet step stays visible). */
export const MIN_FOLDED_RUN = 2;

/** How to draw one counterexample. */
export interface SwimlanesOptions {
  /** Start with the section open (default true). */
  open?: boolean;
  /** The question the model answers, shown under the heading. */
  question?: string;
}

/** Everything a row needs besides itself. */
interface Ctx {
  layout: SwimlaneLayout;
  id: string;
  cx: Counterexample;
  maps: (PageMap | null)[];
  /** Whether any state has a page map (else the map column is left out). */
  withMap: boolean;
}

/** The swimlane section of one counterexample; `name` is the model (also its anchor `cx-<name>`). */
export function swimlanesHtml(name: string, cx: Counterexample, options: SwimlanesOptions = {}): string {
  const layout = layoutSwimlanes(cx);
  const id = anchorId('cx', name);
  const maps = cx.steps.map((s) => pageMapOf(s.state));
  const ctx: Ctx = { layout, id, cx, maps, withMap: maps.some((m) => m !== null) };
  const folded = layout.rows.filter((r) => r.quiet).length;
  return `<details class="cx" id="${id}"${options.open === false ? '' : ' open'}>
<summary><h3><a href="#${id}">${esc(name)}</a> <span class="outcome outcome-${esc(cx.outcome)}">${esc(cx.outcome)}</span> <span class="verdict">${esc(layout.verdict)}</span> <span class="steps">${cx.steps.length} states</span></h3></summary>
${options.question ? `<p class="question">${esc(options.question)}</p>` : ''}
<p class="meta"><a href="#${anchorId('model', name)}" class="back">↑ model table</a>${folded > 0 ? ` · steps that change only thread-local variables are folded (▸)` : ''}</p>
<div class="lanes-wrap"><table class="lanes" data-model="${esc(name)}">
${colgroup(ctx)}
${headerHtml(ctx)}
<tbody>
${bodyRows(ctx).join('\n')}
</tbody></table></div>
</details>`;
}

/** Column widths shared by the table and the folded runs nested in it (so their lanes line up). */
function colgroup(ctx: Ctx): string {
  return `<colgroup><col class="c-num">${ctx.layout.lanes.map(() => '<col>').join('')}${ctx.withMap ? '<col class="c-map">' : ''}</colgroup>`;
}

/** Rows in order; each run of quiet steps becomes one row holding them, folded. */
function bodyRows(ctx: Ctx): string[] {
  const out: string[] = [];
  const rows = ctx.layout.rows;
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.quiet) j++;
    if (j - i >= MIN_FOLDED_RUN) {
      out.push(foldedRun(rows.slice(i, j), ctx));
      i = j;
    } else {
      out.push(rowHtml(rows[i]!, ctx));
      i++;
    }
  }
  return out;
}

function foldedRun(run: SwimlaneRow[], ctx: Ctx): string {
  const columns = 1 + ctx.layout.lanes.length + (ctx.withMap ? 1 : 0);
  const what = run.map((r) => `${r.thread} ${r.action}`).join(', ');
  return `<tr class="folded"><td colspan="${columns}"><details class="quiet"><summary>steps ${run[0]!.index + 1}–${run.at(-1)!.index + 1}: ${run.length} thread-local steps <span class="what">(${esc(what)})</span></summary>
<table class="lanes quiet-steps">${colgroup(ctx)}<tbody>
${run.map((r) => rowHtml(r, ctx)).join('\n')}
</tbody></table></details></td></tr>`;
}

/** CSS class of a lane's role (colours invalidators, faulting threads and the manager apart). */
function roleClass(role: string): string {
  return `role-${role.replace(/[^a-z]+/g, '-')}`;
}

function headerHtml(ctx: Ctx): string {
  const lanes = ctx.layout.lanes
    .map((l) => `<th class="lane-head ${roleClass(l.role)}" data-thread="${esc(l.thread)}"><span class="tid">${esc(l.thread)}</span><span class="role">${esc(l.role)}</span></th>`)
    .join('');
  const map = ctx.withMap ? '<th class="map-head" title="pages across; bars: intervals (dashed = pending); PTE and device entry per page; red = stale device entry">page map</th>' : '';
  return `<thead><tr><th class="step-head">#</th>${lanes}${map}</tr></thead>`;
}

function mapCell(row: SwimlaneRow, ctx: Ctx): string {
  if (!ctx.withMap) return '';
  const map = ctx.maps[row.index];
  return `<td class="map">${map ? pageMapHtml(map, row.index > 0 ? (ctx.maps[row.index - 1] ?? null) : null) : ''}</td>`;
}

function rowHtml(row: SwimlaneRow, ctx: Ctx): string {
  const { layout, id, cx } = ctx;
  const classes = ['step', `mark-${row.mark}`, ...(row.quiet ? ['quiet'] : [])];
  const mark = MARK_LABEL[row.mark];
  const stepCell = `<td class="num"><a href="#${id}-s${row.index + 1}">${row.index + 1}</a>${mark ? `<span class="mark">${esc(mark)}</span>` : ''}</td>`;
  if (row.lane < 0) {
    return `<tr class="${classes.join(' ')} init" id="${id}-s${row.index + 1}">${stepCell}<td class="init-cell" colspan="${layout.lanes.length}"><span class="action">initial state</span>${stateHtml(row.state, [])}</td>${mapCell(row, ctx)}</tr>`;
  }
  const cells = layout.lanes.map((lane, i) =>
    i === row.lane ? `<td class="cell ${roleClass(lane.role)}" data-thread="${esc(lane.thread)}">${cardHtml(row, cx)}</td>` : `<td class="track" data-thread="${esc(lane.thread)}"></td>`,
  );
  return `<tr class="${classes.join(' ')}" id="${id}-s${row.index + 1}" data-thread="${esc(row.thread)}">${stepCell}${cells.join('')}${mapCell(row, ctx)}</tr>`;
}

function cardHtml(row: SwimlaneRow, cx: Counterexample): string {
  const args = Object.entries(row.args);
  const guessed = row.threadSource === 'lastAction' ? '' : `<span class="guess" title="thread inferred from ${esc(row.threadSource)}">?</span>`;
  const parts = [
    `<div class="card">`,
    `<code class="action"${row.kernel ? ` title="${esc(row.kernel)}"` : ''}>${esc(row.action)}</code>${guessed}`,
    args.length > 0 ? ` <span class="args">${args.map(([k, v]) => `<span>${esc(k)}=${esc(formatValue(v))}</span>`).join(' ')}</span>` : '',
    row.kernel ? `<div class="kernel" title="${esc(row.kernel)}">${esc(row.kernel)}</div>` : '',
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

/** Longest value shown in a card; the whole value is in the cell's title and the state panel. */
const VALUE_CHARS = 40;

function valueHtml(cls: string, v: unknown): string {
  const text = formatValue(v);
  return text.length <= VALUE_CHARS
    ? `<span class="${cls}">${esc(text)}</span>`
    : `<span class="${cls}" title="${esc(text)}">${esc(text.slice(0, VALUE_CHARS - 1))}…</span>`;
}

/**
 * What the step changed, inline: shared variables first, old → new value
 * highlighted; then the thread's own locals, muted, new value only. The
 * program counter is left out: where the thread goes next is its next card
 * in the lane (and the state panel has it).
 */
function changesHtml(changes: StateChange[]): string {
  const shown = changes.filter((c) => c.variable !== 'pc');
  if (shown.length === 0) return changes.length === 0 ? '<div class="nochange">no variable changed</div>' : '';
  const shared = shown.filter((c) => !THREAD_LOCAL.has(c.variable));
  const local = shown.filter((c) => THREAD_LOCAL.has(c.variable));
  const items = [
    ...shared.map((c) => `<li class="chg"><span class="path">${esc(c.path)}</span> ${valueHtml('before', c.before)} → ${valueHtml('after', c.after)}</li>`),
    ...local.map((c) => `<li class="chg local"><span class="path">${esc(c.path)}</span>=${valueHtml('now', c.after)}</li>`),
  ];
  return `<ul class="changes">${items.join(' ')}</ul>`;
}

/** The whole state, collapsed; variables the step changed are highlighted. */
function stateHtml(state: Record<string, unknown>, changes: StateChange[]): string {
  const changed = new Set(changes.map((c) => c.variable));
  const rows = Object.entries(state)
    .filter(([k]) => k !== 'lastAction')
    .map(([k, v]) => `<tr${changed.has(k) ? ' class="changed"' : ''}><th>${esc(k)}</th><td>${esc(formatValue(v))}</td></tr>`);
  return `<details class="state"><summary>state</summary><table>${rows.join('')}</table></details>`;
}
