/// <reference lib="dom" />
/**
 * The report in a real browser: the Chromium that npm installed
 * (chromium.ts; headless, offline, fresh profile) opens the page written
 * from results of real TLC runs, and the test reads what a person would see.
 * Expectations come from the TLC results and the manifest, never from the
 * page. Screenshots are kept as artefacts in out/artifacts/report/ (look at
 * them when the layout changes).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { PlainProgressView } from '../../src/report/progress-view.ts';
import { recordCheckResults } from '../../src/report/results-io.ts';
import { runModels, type ModelResult as CheckedModel } from '../../src/pipeline/check-stage.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { FIXTURE_MODELS, holePunchShrinkFirst, manifestEntry } from './fixture-models.ts';
import { CHROMIUM_ENV, launchChromium, type LaunchedBrowser } from './chromium.ts';

const HOLE_PUNCH = holePunchShrinkFirst();
const MODELS = [...FIXTURE_MODELS, HOLE_PUNCH];
const ARTIFACTS = resolve(import.meta.dirname, '../../out/artifacts/report');
const RESULTS = join(ARTIFACTS, 'results');

let checked: CheckedModel[];
let reportPath: string;
let browser: LaunchedBrowser;
let page: Page;
const offPageRequests: string[] = [];

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const log: string[] = [];
  const view = new PlainProgressView({ write: (s: string) => log.push(s) } as unknown as NodeJS.WritableStream);
  checked = await runModels(MODELS, view, { jarRecordFile: TLC_RECORD_FILE, timeoutMs: 120_000 });
  recordCheckResults(RESULTS, checked);
  reportPath = writeReport(RESULTS, ARTIFACTS).path;
  browser = await launchChromium();
  page = await browser.context.newPage();
  // Everything must be inline: any request that is not the page itself is recorded and refused.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(reportPath).href) return route.continue();
    offPageRequests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(reportPath).href);
});

afterAll(async () => {
  await browser?.close();
});

/** A hole-punch state as the spec defines it (src/protocol/hole-punch-state.ts), as far as the page map shows it. */
interface MapState {
  tree: string[];
  subs: Record<string, { start: number; last: number }>;
  pte: number[];
  spte: number[];
}

/** Pages (1-based) whose device entry holds a version other than the CPU PTE's. */
function stalePages(s: MapState): number[] {
  return s.spte.flatMap((v, i) => (v !== 0 && v !== s.pte[i] ? [i + 1] : []));
}

/** Variables owned by one thread (or naming the step): a step changing only these is thread-local. */
const LOCALS = new Set(['pc', 'inv', 'flt', 'mgr', 'hp', 'relq', 'lastAction']);

describe('report page in chromium', () => {
  it('runs the Chromium that npm installed, never a system browser unless MMU_CHROMIUM names one', () => {
    if (process.env[CHROMIUM_ENV]) {
      expect(browser.binary.executablePath).toBe(process.env[CHROMIUM_ENV]);
    } else {
      expect(browser.binary.source).toMatch(/^npm @sparticuz\/chromium \d+/);
      expect(browser.binary.executablePath).toContain('node_modules');
      // The package's major version is the Chromium major it ships.
      const major = browser.binary.source.split(' ').at(-1)!.split('.')[0];
      expect(browser.browser.version().split('.')[0]).toBe(major);
    }
  });

  it('loads nothing besides itself', () => {
    expect(offPageRequests).toEqual([]);
  });

  it('lists every model with its expected verdict and the answer in words', async () => {
    const rows = page.locator('table.models tr[data-model]');
    await expect.poll(() => rows.count()).toBe(MODELS.length);
    for (const { verdict, counterexample } of checked) {
      const row = page.locator(`table.models tr[data-model="${verdict.name}"]`);
      const answer = await row.locator('td.actual').innerText();
      if (verdict.actual === 'success') expect(answer).toBe('holds');
      else expect(answer).toContain(`fails: ${verdict.violated}`);
      if (counterexample) expect(answer).toContain(`(${counterexample.steps.length}-state ${verdict.actual === 'liveness failure' ? 'lasso' : 'trace'})`);
      const cell = row.locator('td.verdict');
      expect(await cell.getAttribute('title')).toBe(`expected: ${verdict.expected}${verdict.expectedViolated ? ` (${verdict.expectedViolated})` : ''}`);
      expect(await cell.innerText()).toBe(verdict.ok ? '✓ as expected' : '✗ mismatch');
    }
    // The expectations hold with the real TLC.
    expect(checked.map((c) => c.verdict.ok)).toEqual(MODELS.map(() => true));
  });

  it('groups the models by question and says the question in words', async () => {
    const entry = manifestEntry(HOLE_PUNCH.name) as { question?: string; description?: string };
    const group = page.locator('tbody.group[data-group="hole-punch"]');
    expect(await group.locator('tr.group-head').innerText()).toMatch(/^Hole punch/);
    const question = await group.locator(`tr[data-model="${HOLE_PUNCH.name}"] .question`).innerText();
    expect(question).toBe(entry.question ?? entry.description);
    // The fixture models belong to no family of the spec; the hole punch group comes first.
    const groups = await page.locator('tbody.group').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    expect(groups).toEqual(['hole-punch', 'other']);
    expect(await page.locator('tbody.group[data-group="other"] tr[data-model]').count()).toBe(FIXTURE_MODELS.length);
  });

  it('draws the safety counterexample as swimlanes: a lane per thread, each step in its thread’s lane', async () => {
    const cx = checked.find((c) => c.verdict.name === 'MiniCollisionSafety')!.counterexample!;
    const section = page.locator('#cx-MiniCollisionSafety');
    expect(await section.locator('th.lane-head .tid').allInnerTexts()).toEqual(['i1', 'f1', 'm']);
    const rows = section.locator('tr.step');
    expect(await rows.count()).toBe(cx.steps.length);
    for (const [i, step] of cx.steps.entries()) {
      if (i === 0) continue;
      const thread = (step.state.lastAction as { thread: string }).thread;
      const cell = rows.nth(i).locator('td.cell');
      expect(await cell.getAttribute('data-thread')).toBe(thread);
      expect(await cell.locator('code.action').textContent()).toBe(step.action);
    }
  });

  it('marks the violating state and highlights what it changed', async () => {
    const cx = checked.find((c) => c.verdict.name === 'MiniCollisionSafety')!.counterexample!;
    const marked = page.locator('#cx-MiniCollisionSafety tr.mark-violation');
    expect(await marked.count()).toBe(1);
    expect(await marked.getAttribute('id')).toBe(`cx-MiniCollisionSafety-s${cx.steps.length}`);
    expect(await marked.innerText()).toContain('Safe does not hold in this state');
    const before = cx.steps.at(-2)!.state;
    const after = cx.steps.at(-1)!.state;
    const paths = await marked.locator('li.chg .path').allInnerTexts();
    // Every changed variable is listed, except the program counter (the lane's next card says where the thread goes).
    const changed = Object.keys(after).filter((k) => k !== 'lastAction' && k !== 'pc' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(changed.length).toBeGreaterThan(0);
    expect([...new Set(paths.map((p) => p.split(/[.[]/)[0]))].sort()).toEqual(changed.sort());
    // The highlight is visible: the new value has a background colour.
    const bg = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('#cx-MiniCollisionSafety tr.mark-violation li.chg .after')).backgroundColor`,
    );
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('marks the loop of the liveness lasso', async () => {
    const cx = checked.find((c) => c.verdict.name === 'MiniCollisionLiveness')!.counterexample!;
    const start = (cx.loopStart as number) + 1;
    const section = page.locator('#cx-MiniCollisionLiveness');
    expect(await section.locator('tr.mark-loop-start').getAttribute('id')).toBe(`cx-MiniCollisionLiveness-s${start}`);
    expect(await section.locator('tr.mark-loop-end').getAttribute('id')).toBe(`cx-MiniCollisionLiveness-s${cx.steps.length}`);
    expect(await section.locator('tr.mark-loop').count()).toBe(cx.steps.length - start - 1);
    expect(await section.locator('.loopback').innerText()).toContain(`back to state ${start}`);
  });

  it('draws the hole-punch race (outside the callback, shrink then insert) with the state that breaks SAFE-1 marked', async () => {
    const cx = checked.find((c) => c.verdict.name === HOLE_PUNCH.name)!.counterexample!;
    const section = page.locator('#cx-MCHolePunchShrinkFirst');
    const threads = Object.keys(cx.steps[0]!.state.pc as object);
    expect((await section.locator('th.lane-head .tid').allInnerTexts()).sort()).toEqual([...threads].sort());
    const rows = section.locator('tr.step');
    expect(await rows.count()).toBe(cx.steps.length);
    for (const [i, step] of cx.steps.entries()) {
      if (i === 0) continue;
      const last = step.state.lastAction as { name: string; thread: string };
      expect(await rows.nth(i).locator('td.cell').getAttribute('data-thread')).toBe(last.thread);
      expect(await rows.nth(i).locator('td.cell code.action').textContent()).toBe(last.name);
    }
    // The marked row is the last state, and that state does violate SAFE-1 as the spec states it:
    // some page covered by an interval in the tree has a device entry that differs from its CPU PTE.
    expect(await rows.last().getAttribute('class')).toContain('mark-violation');
    expect(await section.locator('tr.mark-violation').count()).toBe(1);
    const bad = cx.steps.at(-1)!.state as unknown as MapState;
    const covered = (p: number) => bad.tree.some((s) => bad.subs[s]!.start <= p && p <= bad.subs[s]!.last);
    expect(stalePages(bad).some(covered)).toBe(true);
  });

  it('draws the page map of the violating hole-punch state: the tree’s intervals, each page’s PTE and device entry, the stale page in red', async () => {
    const cx = checked.find((c) => c.verdict.name === HOLE_PUNCH.name)!.counterexample!;
    const bad = cx.steps.at(-1)!.state as unknown as MapState;
    const map = page.locator('#cx-MCHolePunchShrinkFirst tr.mark-violation td.map .pmap');
    expect(await map.count()).toBe(1);
    // Pages across: one column per page of the model.
    expect(await map.locator('.pm-head .pm-cell').count()).toBe(bad.pte.length);
    // One solid bar per interval in the tree, spanning its pages.
    const bars = await map.locator('.pm-row[data-kind="tree"]').evaluateAll((els) =>
      els.map((e) => ({ sub: e.getAttribute('data-sub'), column: /grid-column:\s*([^;]+)/.exec(e.querySelector('.pm-bar')?.getAttribute('style') ?? '')?.[1]?.trim() })),
    );
    expect(bars.map((b) => b.sub).sort()).toEqual([...bad.tree].sort());
    for (const b of bars) expect(b.column).toBe(`${bad.subs[b.sub!]!.start + 1} / ${bad.subs[b.sub!]!.last + 2}`);
    // PTE and device entry of every page, as in the state.
    expect(await map.locator('.pm-pte .pm-cell').allInnerTexts()).toEqual(bad.pte.map((v) => `v${v}`));
    const stale = stalePages(bad);
    expect(stale.length).toBeGreaterThan(0);
    const marked = await map.locator('.pm-dev .pm-cell.stale').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-page'))));
    expect(marked).toEqual(stale);
    // …and it is red.
    const colour = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('#cx-MCHolePunchShrinkFirst tr.mark-violation .pm-dev .pm-cell.stale')).backgroundColor`,
    );
    expect(colour).toBe('rgb(180, 35, 24)');
    // The initial state has no device entry at all: nothing is marked there.
    expect(await page.locator('#cx-MCHolePunchShrinkFirst-s1 .pm-dev .stale').count()).toBe(0);
    await page.locator('#cx-MCHolePunchShrinkFirst').screenshot({ path: join(ARTIFACTS, 'swimlanes-MCHolePunchShrinkFirst.png') });
    await page.locator('#cx-MCHolePunchShrinkFirst tr.mark-violation').screenshot({ path: join(ARTIFACTS, 'violation-MCHolePunchShrinkFirst.png') });
  });

  it('folds runs of thread-local steps, and only those, behind a <details>', async () => {
    const cx = checked.find((c) => c.verdict.name === HOLE_PUNCH.name)!.counterexample!;
    const folded = page.locator('#cx-MCHolePunchShrinkFirst details.quiet');
    const ids = await folded.locator('tr.step').evaluateAll((els) => els.map((e) => Number(e.id.replace(/^.*-s/, '')) - 1));
    // Every step that changed only thread-local variables and is part of a run of two or more is folded.
    const local = cx.steps.map((s, i) => i > 0 && i < cx.steps.length - 1 && Object.keys(s.state).every((k) => LOCALS.has(k) || JSON.stringify(s.state[k]) === JSON.stringify(cx.steps[i - 1]!.state[k])));
    const expected = local.flatMap((l, i) => (l && (local[i - 1] || local[i + 1]) ? [i] : []));
    expect(ids).toEqual(expected);
    // Folded rows are hidden until their summary is clicked.
    if (ids.length > 0) {
      const first = page.locator(`#cx-MCHolePunchShrinkFirst-s${ids[0]! + 1}`);
      expect(await first.isVisible()).toBe(false);
      await folded.first().locator(':scope > summary').click();
      expect(await first.isVisible()).toBe(true);
    }
  });

  it('links each failing model to its swimlanes, opening a folded counterexample', async () => {
    await page.locator('table.models tr[data-model="MiniCollisionSafety"] a').click();
    expect(new URL(page.url()).hash).toBe('#cx-MiniCollisionSafety');
    await expect.poll(() => page.locator('#cx-MiniCollisionSafety h3').isVisible()).toBe(true);
    const box = await page.locator('#cx-MiniCollisionSafety h3').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(page.viewportSize()!.height);
    expect(await page.locator('table.models tr[data-model="MiniCollisionCorrect"] a').count()).toBe(0);
    // A folded (closed) counterexample opens when its link is followed.
    await page.evaluate(`document.getElementById('cx-MCHolePunchShrinkFirst').open = false`);
    expect(await page.locator('#cx-MCHolePunchShrinkFirst tr.mark-violation').isVisible()).toBe(false);
    await page.locator(`table.models tr[data-model="${HOLE_PUNCH.name}"] a`).click();
    await expect.poll(() => page.locator('#cx-MCHolePunchShrinkFirst tr.mark-violation').isVisible()).toBe(true);
  });

  it('says what is missing when only part of the results exist', async () => {
    expect(await page.locator('#problems').innerText()).toContain('gen.json is missing');
    expect(await page.locator('#coverage + p.missing').count()).toBe(1);
  });

  it('follows one thread when its lane title is clicked', async () => {
    const table = page.locator('#cx-MiniCollisionSafety table.lanes').first();
    await table.locator('th.lane-head[data-thread="f1"]').click();
    const focusedRows = await table.locator('tr.step.focused').all();
    const focused = await Promise.all(focusedRows.map((r) => r.getAttribute('data-thread')));
    expect(focused.length).toBeGreaterThan(0);
    expect(new Set(focused)).toEqual(new Set(['f1']));
    await table.locator('th.lane-head[data-thread="f1"]').click();
    expect(await table.locator('tr.step.focused').count()).toBe(0);
  });

  it('saves screenshots as artefacts', async () => {
    await page.goto(pathToFileURL(reportPath).href);
    const full = join(ARTIFACTS, 'report.png');
    const lanes = join(ARTIFACTS, 'swimlanes-MiniCollisionSafety.png');
    await page.screenshot({ path: full, fullPage: true });
    await page.locator('#cx-MiniCollisionSafety').screenshot({ path: lanes });
    expect(statSync(full).size).toBeGreaterThan(10_000);
    expect(statSync(lanes).size).toBeGreaterThan(10_000);
  });
});
