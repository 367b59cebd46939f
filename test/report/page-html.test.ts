/** The report page's model groups, page maps, coverage table, replay verdicts, banners and escaping (no browser needed). */
import { describe, expect, it } from 'vitest';
import { groupModels } from '../../src/report/html/model-groups.ts';
import { renderReportHtml } from '../../src/report/html/page.ts';
import { pageMapHtml } from '../../src/report/html/page-map-html.ts';
import { STYLES } from '../../src/report/html/styles.ts';
import { pageMapOf } from '../../src/report/page-map.ts';
import type { LoadedResults } from '../../src/report/results-io.ts';
import { RESULTS_FORMAT } from '../../src/report/results.ts';

const header = { format: RESULTS_FORMAT, writtenAt: '2026-01-01T00:00:00.000Z' } as const;

function results(over: Partial<LoadedResults>): LoadedResults {
  return { dir: '/r', run: null, check: null, gen: null, replay: null, traces: new Map(), problems: [], ...over };
}

describe('renderReportHtml', () => {
  it('shows coverage as covered / total with the percentage, and joins replay verdicts by model', () => {
    const html = renderReportHtml(
      results({
        gen: { ...header, models: [{ name: 'E', states: 8, statesCovered: 6, edges: 10, edgesCovered: 10, traces: 3, kind: 'export' }, { name: 'S', states: null, statesCovered: null, edges: null, edgesCovered: null, traces: 2 }] },
        replay: { ...header, ok: false, traces: [{ trace: 'E/0', model: 'E', ok: true }, { trace: 'E/1', model: 'E', ok: false, message: 'step 3: state differs' }, { trace: 'S/0', model: 'S', ok: true }] },
      }),
    );
    expect(html).toContain('6 / 8 (75.0%)');
    expect(html).toContain('10 / 10 (100.0%)');
    expect(html).toContain('no state graph');
    expect(html).toContain('1 / 2 passed');
    expect(html).toContain('<code>E/1</code>: step 3: state differs');
    expect(html).toContain('1 of 3 conformance traces do not replay');
    expect(html).toContain('Model-checking results are missing.');
  });

  it('names mismatched models in the banner and escapes names everywhere', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = renderReportHtml(
      results({
        check: { ...header, ok: false, models: [{ name: evil, expected: 'success', actual: 'safety failure', violated: 'Safe', distinctStates: 3, durationMs: 10, ok: false, mismatches: ['verdict safety failure, expected success'] }] },
      }),
    );
    expect(html).not.toContain(evil);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('1 of 1 models do not behave as expected');
    expect(html).toContain('verdict safety failure, expected success');
    // A violated model whose counterexample is absent says so instead of linking nowhere.
    expect(html).toContain('not recorded');
  });

  it('is self-contained: no external script, style sheet, image or font', () => {
    const html = renderReportHtml(results({}));
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });
});

/** A verdict of `check` as the pipeline records it, with the manifest's words. */
function verdict(name: string, over: Record<string, unknown> = {}) {
  return { name, expected: 'success', actual: 'success', violated: null, distinctStates: 10, durationMs: 5, ok: true, ...over };
}

describe('model table grouped by question', () => {
  const bug = (name: string, defect: string, property: string, over: Record<string, unknown> = {}) =>
    verdict(name, { expected: 'safety', actual: 'safety', violated: property, description: `Bug model (${defect}): must break ${property}.`, counterpart: 'MCSafety', ...over });
  const models = [
    verdict('Mini'),
    bug('MCBug_M10_A', 'late deferred apply', 'P'),
    verdict('MCHolePunchShrinkFirst', { expected: 'safety', actual: 'safety', violated: 'NoStaleDeviceEntry', question: 'Outside the callback, shrink then insert?' }),
    bug('MCBug_M6_B', 'forgets the wake-up', 'Q', { counterpart: 'MCLivenessPair' }),
    verdict('MCSafety', { variant: 'mainline', description: 'Mainline safety.' }),
    bug('MCBug_M6_C', 'forgets the wake-up', 'R'),
  ];

  it('orders the groups mainline, hole punch, bugs by M-number, then the rest; keeps each group’s models in order', () => {
    const groups = groupModels(models);
    expect(groups.map((g) => g.key)).toEqual(['mainline', 'hole-punch', 'bug-M6', 'bug-M10', 'other']);
    const m6 = groups.find((g) => g.key === 'bug-M6')!;
    expect(m6.models.map((m) => m.name)).toEqual(['MCBug_M6_B', 'MCBug_M6_C']);
    expect(m6.counterparts).toEqual(['MCLivenessPair', 'MCSafety']);
    expect(m6.question).toContain('forgets the wake-up');
  });

  it('shows each model’s question (its own, else from its description) and names the fixed counterpart beside its bug', () => {
    const html = renderReportHtml(results({ check: { ...header, ok: true, models } }));
    expect(html).toContain('Outside the callback, shrink then insert?');
    expect(html).toContain('Mainline safety.');
    expect(html).toContain('Caught by Q?');
    const m10 = html.slice(html.indexOf('data-group="bug-M10"'));
    expect(m10.slice(0, m10.indexOf('</tbody>'))).toMatch(/data-counterpart="MCSafety">fixed counterpart <a href="#model-MCSafety">MCSafety<\/a>: holds/);
    // A model without manifest words says so instead of inventing a question.
    const mini = html.slice(html.indexOf('data-model="Mini"'));
    expect(mini.slice(0, mini.indexOf('</tr>'))).toContain('no description');
  });

  it('folds the counterexample of a bug model that fails as expected; findings and mismatches start open', () => {
    const cx = (model: string) => ({ model, outcome: 'safety' as const, violated: 'P', loopStart: null, steps: [{ action: 'Initial predicate', state: { x: 0 } }, { action: 'Next', state: { x: 1 } }] });
    const check = { ...header, ok: false, models: [bug('MCBug_M10_A', 'd', 'P'), bug('MCBug_M6_B', 'd', 'P', { ok: false }), verdict('MCHolePunchShrinkFirst', { expected: 'safety', actual: 'safety', violated: 'P' })] };
    const traces = new Map(check.models.map((m) => [m.name, cx(m.name)]));
    const html = renderReportHtml(results({ check, traces }));
    expect(html).toContain('<details class="cx" id="cx-MCBug_M10_A">');
    expect(html).toContain('<details class="cx" id="cx-MCBug_M6_B" open>');
    expect(html).toContain('<details class="cx" id="cx-MCHolePunchShrinkFirst" open>');
  });
});

describe('page map of a state', () => {
  // Pages 1..3; s1 = [1,1] and s2 = [3,3] in the tree, s3 = [2,2] waiting to be inserted,
  // s1 about to grow to [1,2]; the worker plans an insert_safe of [3,3]; page 2 unmapped;
  // invalidator i is changing page 3's PTE, u has left mn_itree_inv_end (only wakes sleepers).
  const state = {
    pte: [1, 2, 2],
    spte: [1, 0, 1],
    vma: [1, 3],
    tree: ['s1', 's2'],
    subs: { s1: { start: 1, last: 1, seq: 3, life: 'in_tree' }, s2: { start: 3, last: 3, seq: 5, life: 'in_tree' }, s3: { start: 2, last: 2, seq: 5, life: 'pending_insert' }, s4: { start: 0, last: 0, seq: 0, life: 'unused' } },
    upd: { s1: { start: 1, last: 2 }, s2: { start: 0, last: 0 } },
    hp: { w: { ops: [{ api: 'insert_safe', sub: 'new', start: 3, last: 3 }, { api: 'remove', sub: 's2', start: 0, last: 0 }] } },
    inv: { i: { start: 3, last: 3 }, u: { start: 2, last: 2 } },
    pc: { i: 'mn_itree_inv_end', u: 'wake_up_all', w: 'idle' },
  };

  it('reads the intervals, invalidations and both page tables off the state', () => {
    const map = pageMapOf(state)!;
    expect(map.bars.map((b) => [b.sub, b.kind, b.start, b.last])).toEqual([
      ['s1', 'tree', 1, 1],
      ['s2', 'tree', 3, 3],
      ['s3', 'pending-insert', 2, 2],
      ['s1', 'pending-update', 1, 2],
      ['new', 'planned', 3, 3],
    ]);
    expect(map.invalidations).toEqual([{ thread: 'i', start: 3, last: 3 }]);
    expect(map.pages.map((p) => [p.page, p.mapped, p.pte, p.device, p.stale, p.covered])).toEqual([
      [1, true, 1, 1, false, true],
      [2, false, 2, 0, false, false],
      [3, true, 2, 1, true, true],
    ]);
  });

  it('draws the stale device entry in red, dashes pending intervals, and outlines what the step changed', () => {
    const before = pageMapOf({ ...state, spte: [1, 0, 0] })!;
    const html = pageMapHtml(pageMapOf(state)!, before);
    expect(html).toMatch(/<span class="pm-cell stale chg" data-page="3"[^>]*>v1 ✗<\/span>/);
    expect(html).toContain('data-stale="3"');
    expect(html).toMatch(/data-sub="s3" data-kind="pending-insert"><span class="pm-label"><\/span><span class="pm-bar pm-pending-insert" style="grid-column:3 \/ 4"/);
    expect(STYLES).toMatch(/\.pm-bar\.pm-pending-insert[^{]*\{[^}]*dashed/);
    expect(STYLES).toMatch(/\.pm-dev \.pm-cell\.stale[^{]*\{[^}]*background: var\(--bad\)/);
  });

  it('is absent for a state without page tables (a spec of another shape)', () => {
    expect(pageMapOf({ pte: 1, spte: 0 })).toBeNull();
    expect(pageMapOf({ pte: [1, 1], spte: [0] })).toBeNull();
  });
});
