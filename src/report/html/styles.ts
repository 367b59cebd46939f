/** The report's inline style sheet and script (the page loads nothing from anywhere). */

/** CSS of the whole page. */
export const STYLES = `
:root { --fg:#1d2430; --muted:#667085; --line:#d0d5dd; --bg:#fff; --ok:#067647; --okbg:#ecfdf3; --bad:#b42318; --badbg:#fef3f2;
  --warn:#b54708; --warnbg:#fffaeb; --chg:#fff4c2; --lane:#e4e7ec; --i:#1570ef; --f:#7a5af8; --m:#0e9384; }
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
.cx { margin: 16px 0 40px; } .verdict { margin: 0 0 8px; } .back { font-size: 12px; margin-left: 8px; }
.outcome { font-size: 12px; border-radius: 10px; padding: 1px 8px; background: var(--badbg); color: var(--bad); vertical-align: middle; }
.lanes-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.lanes { width: 100%; table-layout: fixed; font-size: 12.5px; }
.lanes thead th { position: sticky; top: 0; background: #f9fafb; border-bottom: 2px solid var(--line); padding: 6px; text-align: center; cursor: pointer; }
.lanes .step-head { width: 92px; cursor: default; }
.lane-head .tid { display: block; font-size: 14px; } .lane-head .role { display: block; font-weight: 400; color: var(--muted); font-family: system-ui, sans-serif; }
.lane-head.role-invalidator .tid { color: var(--i); } .lane-head.role-faulting-thread .tid { color: var(--f); } .lane-head.role-manager .tid { color: var(--m); }
.lanes td { padding: 3px 6px; vertical-align: top; border-bottom: 1px dotted var(--lane); }
.lanes td.track { background-image: linear-gradient(to right, transparent calc(50% - 1px), var(--lane) calc(50% - 1px), var(--lane) calc(50% + 1px), transparent calc(50% + 1px)); }
.lanes td.num { color: var(--muted); text-align: right; white-space: nowrap; border-right: 1px solid var(--line); }
.lanes td.num a { color: inherit; text-decoration: none; } .lanes .mark { display: block; font-size: 11px; font-weight: 700; font-family: system-ui, sans-serif; white-space: normal; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 5px; padding: 4px 6px; background: #fff; }
td.cell.role-invalidator .card { border-left-color: var(--i); } td.cell.role-faulting-thread .card { border-left-color: var(--f); } td.cell.role-manager .card { border-left-color: var(--m); }
.card .action { font-weight: 700; font-size: 13px; overflow-wrap: anywhere; } .card .kernel { color: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
.card .args { color: #344054; } .card .args span { margin-right: 6px; } .guess { color: var(--warn); margin-left: 4px; }
.changes { list-style: none; margin: 3px 0 0; padding: 0; } .chg { margin: 1px 0; }
.chg .path { font-weight: 600; } .chg .after { background: var(--chg); padding: 0 2px; border-radius: 2px; } .chg .before { color: var(--muted); text-decoration: line-through; }
.chg.pc { opacity: .65; } .nochange { color: var(--muted); font-style: italic; }
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
:target { scroll-margin-top: 48px; } tr:target td { outline: 2px solid var(--i); }
`;

/**
 * The page script, run once after the page has loaded: a click on a lane
 * header dims every other thread's steps (click again to clear); the
 * "expand states" button opens every state panel.
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
var toggle = document.getElementById('expand-states');
if (toggle) toggle.addEventListener('click', function () {
  var open = toggle.getAttribute('aria-pressed') !== 'true';
  toggle.setAttribute('aria-pressed', String(open));
  document.querySelectorAll('details.state').forEach(function (d) { d.open = open; });
});
`;
