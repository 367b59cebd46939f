/** The report's inline style sheet and script (the page loads nothing from anywhere). */

/** CSS of the whole page. */
export const STYLES = `
:root { --fg:#1d2430; --muted:#667085; --line:#d0d5dd; --bg:#fff; --ok:#067647; --okbg:#ecfdf3; --bad:#b42318; --badbg:#fef3f2;
  --warn:#b54708; --warnbg:#fffaeb; --chg:#fff4c2; --lane:#e4e7ec; --i:#1570ef; --f:#7a5af8; --m:#0e9384;
  --bar:#d1e0ff; --barline:#2e5bd8; --inv:#f79009; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 24px; max-width: 1400px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 4px; } code, .mono, td.n, .lanes { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
.meta { color: var(--muted); margin: 0 0 12px; }
.banner { padding: 10px 14px; border-radius: 6px; margin: 8px 0; font-weight: 600; }
.banner.ok { background: var(--okbg); color: var(--ok); } .banner.bad { background: var(--badbg); color: var(--bad); }
.problems { background: var(--warnbg); color: var(--warn); border: 1px solid #fedf89; padding: 8px 14px 8px 32px; border-radius: 6px; }
.stages { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; padding: 0; list-style: none; }
.stages li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.stages .st-ok { border-color: var(--ok); } .stages .st-failed, .stages .st-error { border-color: var(--bad); color: var(--bad); }
.stages .st-unavailable, .stages .st-skipped { color: var(--muted); border-style: dashed; }
table { border-collapse: collapse; } .models, .coverage { width: 100%; }
.models th, .models td, .coverage th, .coverage td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; } td.n, th.n { text-align: right; } td.n, td.verdict { white-space: nowrap; }
tr.ok .verdict { color: var(--ok); } tr.mismatch { background: var(--badbg); } tr.mismatch .verdict { color: var(--bad); font-weight: 700; }
.actual-safety, .actual-liveness, .actual-deadlock, .actual-assert { color: var(--bad); } .actual-error { color: var(--warn); font-weight: 700; }
.kind { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; }
.models tfoot td { color: var(--muted); border: 0; }
.missing { color: var(--muted); font-style: italic; } .errors { color: var(--bad); white-space: pre-wrap; font-size: 12px; margin: 2px 0 0; }
svg.bar { width: 120px; height: 10px; vertical-align: middle; } .bar-bg { fill: var(--lane); } .bar-fg { fill: var(--ok); }
.cx { margin: 8px 0 12px; border: 1px solid var(--line); border-radius: 6px; padding: 0 10px; }
.cx > summary { cursor: pointer; list-style-position: outside; margin-left: 14px; } .cx > summary h3 { display: inline; font-size: 15px; margin: 0; line-height: 2.2; }
.cx > summary .verdict { font-weight: 400; font-size: 13px; margin-left: 6px; } .cx > summary .steps { font-weight: 400; font-size: 12px; color: var(--muted); margin-left: 6px; }
.cx[open] { padding-bottom: 10px; } .cx .question { margin: 2px 0 4px; } .cx .meta { margin: 0 0 6px; font-size: 12px; } .back { font-size: 12px; }
.outcome { font-size: 12px; border-radius: 10px; padding: 1px 8px; background: var(--badbg); color: var(--bad); vertical-align: middle; }
.lanes-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.lanes { width: 100%; table-layout: fixed; font-size: 12.5px; }
.lanes thead th { position: sticky; top: 0; background: #f9fafb; border-bottom: 2px solid var(--line); padding: 6px; text-align: center; cursor: pointer; }
.lanes .step-head, .lanes .map-head { cursor: default; } col.c-num { width: 64px; } col.c-map { width: 270px; }
.lane-head .tid { display: block; font-size: 14px; } .lane-head .role { display: block; font-weight: 400; color: var(--muted); font-family: system-ui, sans-serif; }
.lane-head.role-invalidator .tid { color: var(--i); } .lane-head.role-faulting-thread .tid { color: var(--f); } .lane-head.role-manager .tid { color: var(--m); }
.lanes td { padding: 3px 6px; vertical-align: top; border-bottom: 1px dotted var(--lane); }
.lanes td.track { background-image: linear-gradient(to right, transparent calc(50% - 1px), var(--lane) calc(50% - 1px), var(--lane) calc(50% + 1px), transparent calc(50% + 1px)); }
.lanes td.num { color: var(--muted); text-align: right; white-space: nowrap; border-right: 1px solid var(--line); }
.lanes td.num a { color: inherit; text-decoration: none; } .lanes .mark { display: block; font-size: 11px; font-weight: 700; font-family: system-ui, sans-serif; white-space: normal; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 5px; padding: 3px 6px; background: #fff; }
td.cell.role-invalidator .card { border-left-color: var(--i); } td.cell.role-faulting-thread .card { border-left-color: var(--f); } td.cell.role-manager .card { border-left-color: var(--m); }
.card .action { font-weight: 700; font-size: 13px; overflow-wrap: anywhere; } .card .kernel { color: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; line-height: 1.3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card .args { color: #344054; } .card .args span { margin-right: 6px; } .guess { color: var(--warn); margin-left: 4px; }
.changes { list-style: none; margin: 2px 0 0; padding: 0; line-height: 1.3; } .chg { display: inline; margin: 0 10px 0 0; }
.chg .path { font-weight: 600; } .chg .after { background: var(--chg); padding: 0 2px; border-radius: 2px; } .chg .before { color: var(--muted); text-decoration: line-through; }
.chg.local { color: var(--muted); font-size: 11.5px; margin-right: 6px; } .chg.local .path { font-weight: 400; } .nochange { color: var(--muted); font-style: italic; }
details.state summary { color: var(--muted); cursor: pointer; font-size: 11px; } details.state table td, details.state table th { padding: 0 6px 0 0; text-align: left; font-weight: 400; border: 0; }
details.state tr.changed { background: var(--chg); }
tr.mark-violation td, tr.mark-deadlock td { background: var(--badbg); } tr.mark-violation .card, tr.mark-deadlock .card { border-color: var(--bad); box-shadow: 0 0 0 2px var(--bad) inset; }
tr.mark-violation .mark, tr.mark-deadlock .mark { color: var(--bad); } .violated { color: var(--bad); font-weight: 700; margin-top: 3px; }
tr.mark-loop td.num, tr.mark-loop-start td.num, tr.mark-loop-end td.num, tr.mark-stutter td.num { border-right: 4px solid var(--warn); }
tr.mark-loop-start td, tr.mark-loop td, tr.mark-loop-end td { background-color: var(--warnbg); } tr.mark-loop-start .mark, tr.mark-loop-end .mark, tr.mark-stutter .mark { color: var(--warn); }
.loopback { color: var(--warn); font-weight: 700; margin-top: 3px; }
tr.mark-stutter .card { box-shadow: 0 0 0 2px var(--warn) inset; }
.lanes.focus tr.step:not(.init) { opacity: .3; } .lanes.focus tr.step.focused { opacity: 1; }
tr.init .action { font-style: italic; color: var(--muted); }
tr.folded > td { padding: 0; border-bottom: 1px dotted var(--lane); } details.quiet > summary { cursor: pointer; color: var(--muted); font-size: 12px; padding: 3px 6px 3px 70px; font-family: system-ui, sans-serif; }
details.quiet .what { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; } table.quiet-steps { width: 100%; table-layout: fixed; } tr.step.quiet td { background: #fcfcfd; }
.lanes td.map { border-left: 1px solid var(--line); padding: 3px 6px; }
.pmap { font-size: 11px; line-height: 1.25; } .pm-row { display: grid; grid-template-columns: 30px repeat(var(--pages), 1fr); column-gap: 2px; margin: 1px 0; }
.pm-label { color: var(--muted); font-family: system-ui, sans-serif; } .pm-cell { text-align: center; border-radius: 2px; }
.pm-head .pm-cell { color: var(--muted); border-bottom: 1px solid var(--line); } .pm-page.unmapped { text-decoration: line-through; background: repeating-linear-gradient(45deg, #f2f4f7 0 3px, #fff 3px 6px); }
.pm-bar, .pm-inv { border-radius: 3px; padding: 0 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 10.5px; }
.pm-bar.pm-tree { background: var(--bar); border: 1.5px solid var(--barline); color: #1d2939; }
.pm-bar.pm-pending-insert, .pm-bar.pm-pending-update, .pm-bar.pm-planned { border: 1.5px dashed var(--barline); color: var(--barline); background: #fff; }
.pm-bar.pm-planned { border-color: var(--muted); color: var(--muted); } .pm-bar.pm-pending-remove { background: repeating-linear-gradient(-45deg, var(--bar) 0 4px, #fff 4px 8px); border: 1.5px solid var(--barline); }
.pm-inv { background: #fef0c7; border: 1.5px solid var(--inv); color: var(--warn); }
.pm-pte .pm-cell { background: #f2f4f7; } .pm-dev .pm-cell.fresh { background: var(--okbg); color: var(--ok); } .pm-dev .pm-cell.none { color: var(--muted); }
.pm-dev .pm-cell.stale, .stale-key { background: var(--bad); color: #fff; font-weight: 700; padding: 0 3px; border-radius: 2px; }
.pm-cell.chg { outline: 2px solid #fdb022; outline-offset: -1px; }
tbody.group tr.group-head th { background: #f2f4f7; text-align: left; padding: 8px 8px 4px; border-bottom: 1px solid var(--line); }
.group-title { font-size: 15px; } .group-question { font-weight: 400; color: #344054; margin-left: 8px; }
.models td.name { width: 56%; } .model-name { font-weight: 600; } .models .question { color: #475467; font-size: 13px; line-height: 1.35; }
.models td.actual { width: 26%; overflow-wrap: anywhere; } .models .verdict .expected { font-size: 12px; white-space: normal; }
.group-head .counterpart { display: block; font-weight: 400; font-size: 12.5px; color: var(--ok); margin-top: 2px; } .group-head .counterpart.mismatch { color: var(--bad); }
:target { scroll-margin-top: 48px; } tr:target td { outline: 2px solid var(--i); }
`;

/**
 * The page script, run once after the page has loaded: a click on a lane
 * header dims every other thread's steps (click again to clear); a link to
 * a step or counterexample opens the <details> around it; "open all" opens
 * every counterexample and folded run; "expand states" every state panel.
 */
export const SCRIPT = `
document.querySelectorAll('.lanes').forEach(function (table) {
  table.querySelectorAll('th.lane-head').forEach(function (th) {
    th.addEventListener('click', function () {
      var t = th.getAttribute('data-thread');
      var on = table.getAttribute('data-focus') !== t;
      table.classList.toggle('focus', on);
      table.setAttribute('data-focus', on ? t : '');
      table.querySelectorAll('tr.step').forEach(function (tr) { tr.classList.toggle('focused', on && tr.getAttribute('data-thread') === t); });
    });
  });
});
function reveal() {
  var t = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!t) return;
  for (var d = t; d; d = d.parentElement) if (d.tagName === 'DETAILS') d.open = true;
  t.scrollIntoView();
}
window.addEventListener('hashchange', reveal);
reveal();
var openAll = document.getElementById('open-all');
if (openAll) openAll.addEventListener('click', function () {
  var open = openAll.getAttribute('aria-pressed') !== 'true';
  openAll.setAttribute('aria-pressed', String(open));
  document.querySelectorAll('details.cx, details.quiet').forEach(function (d) { d.open = open; });
});
var toggle = document.getElementById('expand-states');
if (toggle) toggle.addEventListener('click', function () {
  var open = toggle.getAttribute('aria-pressed') !== 'true';
  toggle.setAttribute('aria-pressed', String(open));
  document.querySelectorAll('details.state').forEach(function (d) { d.open = open; });
});
`;
