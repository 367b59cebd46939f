/**
 * The report page: one self-contained HTML document (inline CSS, JS and
 * SVG; no request leaves the page) with the model table, a swimlane drawing
 * per counterexample, the conformance coverage, and what is missing.
 */
import type { LoadedResults } from '../results-io.ts';
import { coverageHtml } from './coverage-html.ts';
import { esc } from './escape.ts';
import { isBugModel, modelQuestion } from './model-groups.ts';
import { modelsHtml, seconds } from './models-html.ts';
import { STYLES, SCRIPT } from './styles.ts';
import { swimlanesHtml } from './swimlanes-html.ts';

/** Render the whole page from loaded results (any part may be missing). */
export function renderReportHtml(results: LoadedResults, now = new Date()): string {
  const { check, gen, replay, run, traces, problems } = results;
  const mismatches = check?.models.filter((m) => !m.ok) ?? [];
  const banner =
    check === null
      ? `<div class="banner bad">No model-checking results.</div>`
      : mismatches.length === 0
        ? `<div class="banner ok">All ${check.models.length} models behave as expected.</div>`
        : `<div class="banner bad">${mismatches.length} of ${check.models.length} models do not behave as expected: ${mismatches.map((m) => esc(m.name)).join(', ')}</div>`;
  const replayFailures = replay?.traces.filter((t) => !t.ok) ?? [];
  const replayBanner =
    replayFailures.length > 0
      ? `<div class="banner bad">${replayFailures.length} of ${replay!.traces.length} conformance traces do not replay on the implementation (see <a href="#coverage">coverage</a>).</div>`
      : '';
  const stages = run
    ? `<ul class="stages">${run.stages.map((s) => `<li class="st-${s.status}" title="${esc(s.detail)}"><b>${s.stage}</b> ${esc(s.status)}${s.durationMs > 0 ? ` · ${seconds(s.durationMs)}` : ''}</li>`).join('')}</ul>`
    : '';
  const problemList =
    problems.length > 0 ? `<ul class="problems" id="problems">${problems.map((p) => `<li>${esc(p.message)}</li>`).join('')}</ul>` : '';
  const traceLength = new Map([...traces].map(([name, cx]) => [name, cx.steps.length]));
  const failing = check?.models.filter((m) => traces.has(m.name)) ?? [];
  // A bug model that fails as expected only shows the catalogue works: its
  // counterexample starts folded. Findings (hole punch, mainline) and every
  // mismatch start open.
  const cxHtml = failing.map((m) => swimlanesHtml(m.name, traces.get(m.name)!, { open: !m.ok || !isBugModel(m.name), question: modelQuestion(m) }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mmu_interval_notifier — model checking report</title>
<style>${STYLES}</style></head>
<body>
<h1>mmu_interval_notifier: model-checking report</h1>
<p class="meta">Generated ${esc(now.toISOString())}${check ? ` from results of ${esc(check.writtenAt)}` : ''}. Results folder: <code>${esc(results.dir)}</code>.</p>
${banner}
${replayBanner}
${stages}
${problemList}
<h2 id="models">Models</h2>
${check ? modelsHtml(check, traceLength) : '<p class="missing">Model-checking results are missing.</p>'}
<h2 id="counterexamples">Counterexamples <button id="open-all" type="button" aria-pressed="false">open all</button> <button id="expand-states" type="button" aria-pressed="false">expand states</button></h2>
<p class="meta">One lane per thread (i = invalidator, f = faulting thread, m = manager, u = unmapper, w = the driver's worker), one row per atomic step; highlighted values changed in that step. Click a lane title to follow one thread.
Page map beside each step: pages across; bars are the intervals (solid: in the tree; dashed: an insert or update still pending); an invalidation under way in orange; each page's CPU PTE version and device entry below, a <span class="stale-key">stale</span> device entry (one that no longer matches the PTE) in red.
The counterexamples of bug models that fail as expected start folded (▸).</p>
${failing.length > 0 ? cxHtml.join('\n') : '<p class="missing">No counterexample recorded.</p>'}
<h2 id="coverage">Conformance coverage</h2>
${gen ? coverageHtml(gen, replay) : '<p class="missing">Conformance coverage is missing (trace generation did not run or is not available).</p>'}
<script>${SCRIPT}</script>
</body></html>
`;
}
