/**
 * A page map (../page-map.ts) drawn in HTML/CSS: pages across; one row per
 * interval bar (solid: in the tree; dashed: a pending insert, update or
 * planned operation); a row per invalidation under way; then each page's
 * CPU PTE version and device entry, a stale device entry in red. Values the
 * step changed are outlined. Styles in styles.ts (`.pm-*`).
 */
import type { PageMap } from '../page-map.ts';
import { esc } from './escape.ts';

/** Bar rows are a CSS grid: a label column, then one column per page. */
function span(start: number, last: number): string {
  return `grid-column:${start + 1} / ${last + 2}`;
}

function row(cls: string, label: string, cells: string, attrs = ''): string {
  return `<div class="pm-row ${cls}"${attrs}><span class="pm-label">${label}</span>${cells}</div>`;
}

/**
 * The map of one state; `before` (the previous state's map) outlines what
 * this step changed.
 */
export function pageMapHtml(map: PageMap, before: PageMap | null = null): string {
  const n = map.pages.length;
  const pageHead = map.pages
    .map((p) => `<span class="pm-cell pm-page${p.mapped ? '' : ' unmapped'}" title="page ${p.page}${p.mapped ? '' : ': unmapped'}">${p.page}</span>`)
    .join('');
  const bars = map.bars.map((b) =>
    row(
      `pm-bar-row`,
      '',
      `<span class="pm-bar pm-${b.kind}" style="${span(b.start, b.last)}" title="${esc(`${b.label}: pages ${b.start}–${b.last}`)}">${esc(b.label)}</span>`,
      ` data-sub="${esc(b.sub)}" data-kind="${b.kind}"`,
    ),
  );
  const invs = map.invalidations.map((r) =>
    row('pm-inv-row', '', `<span class="pm-inv" style="${span(r.start, r.last)}" title="${esc(`${r.thread} invalidating pages ${r.start}–${r.last}`)}">${esc(r.thread)} invalidating</span>`, ` data-thread="${esc(r.thread)}"`),
  );
  const pteCells = map.pages
    .map((p, i) => `<span class="pm-cell${before && before.pages[i]?.pte !== p.pte ? ' chg' : ''}" data-page="${p.page}">v${p.pte}</span>`)
    .join('');
  const devCells = map.pages
    .map((p, i) => {
      const cls = ['pm-cell', p.stale ? 'stale' : p.device === 0 ? 'none' : 'fresh', before && before.pages[i]?.device !== p.device ? 'chg' : ''].filter(Boolean).join(' ');
      const title = p.device === 0 ? 'no device entry' : p.stale ? `stale: device maps v${p.device}, CPU PTE is v${p.pte}${p.covered ? '' : ' (no interval covers the page)'}` : `device maps v${p.device}`;
      return `<span class="${cls}" data-page="${p.page}" title="${esc(title)}">${p.device === 0 ? '–' : `v${p.device}`}${p.stale ? ' ✗' : ''}</span>`;
    })
    .join('');
  const stale = map.pages.filter((p) => p.stale).map((p) => p.page);
  const summary = stale.length > 0 ? `stale device entry on page ${stale.join(', ')}` : 'no stale device entry';
  return `<div class="pmap${stale.length > 0 ? ' has-stale' : ''}" style="--pages:${n}" role="img" aria-label="page map: ${esc(summary)}" data-stale="${stale.join(' ')}">
${row('pm-head', 'page', pageHead)}
${bars.join('\n')}
${invs.join('\n')}
${row('pm-pte', 'PTE', pteCells)}
${row('pm-dev', 'dev', devCells)}
</div>`;
}
