/** Conformance coverage per export model, and the replay verdicts of its traces. */
import type { GenResults, ReplayResults } from '../results.ts';
import { esc } from './escape.ts';

function bar(covered: number | null, total: number | null): string {
  if (covered === null || total === null) return '<span class="missing">no state graph</span>';
  const pct = total > 0 ? (100 * covered) / total : 0;
  // Inline SVG: a fixed-size bar that prints and scales without any script.
  return `<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${pct.toFixed(1)}%"><rect width="100" height="8" class="bar-bg"/><rect width="${pct.toFixed(2)}" height="8" class="bar-fg"/></svg> ${covered.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${pct.toFixed(1)}%)`;
}

/** The coverage table; replay outcomes are joined by model when present. */
export function coverageHtml(gen: GenResults, replay: ReplayResults | null): string {
  const rows = gen.models.map((m) => {
    const replays = replay?.traces.filter((t) => t.model === m.name) ?? [];
    const failed = replays.filter((t) => !t.ok);
    const replayCell = replay === null ? '<span class="missing">not replayed</span>' : `${replays.length - failed.length} / ${replays.length} passed`;
    const failures = failed.map((t) => `<li><code>${esc(t.trace)}</code>: ${esc(t.message ?? 'failed')}</li>`).join('');
    return `<tr class="${failed.length > 0 ? 'mismatch' : 'ok'}"><td class="name">${esc(m.name)}${m.kind ? ` <span class="kind">${esc(m.kind)}</span>` : ''}${failures ? `<ul class="errors">${failures}</ul>` : ''}</td><td>${bar(m.statesCovered, m.states)}</td><td>${bar(m.edgesCovered, m.edges)}</td><td class="n">${m.traces}</td><td>${replayCell}</td></tr>`;
  });
  return `<table class="coverage">
<thead><tr><th>model</th><th>states covered</th><th>edges covered</th><th class="n">traces</th><th>replay</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
