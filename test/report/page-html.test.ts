/** The report page's coverage table, replay verdicts, banners and escaping (no browser needed). */
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/page.ts';
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
