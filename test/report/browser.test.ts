/**
 * The report in a real browser: the Chromium that npm installed
 * (chromium.ts; headless, offline, fresh profile) opens the page written
 * from results of real TLC runs, and the test reads what a person would see. Screenshots are kept as artefacts in
 * out/artifacts/report/ (look at them when the layout changes).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { PlainProgressView } from '../../src/report/progress-view.ts';
import { recordCheckResults } from '../../src/report/results-io.ts';
import { runModels, type CheckedModel } from '../../src/report/run-models.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { FIXTURE_MODELS, holePunchShrinkFirst } from './fixture-models.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';

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

describe('report page in chromium', () => {
  it('loads nothing besides itself', () => {
    expect(offPageRequests).toEqual([]);
  });

  it('lists every model with its expected and actual verdict', async () => {
    const rows = page.locator('table.models tbody tr');
    await expect.poll(() => rows.count()).toBe(MODELS.length);
    for (const { verdict } of checked) {
      const row = page.locator(`table.models tr[data-model="${verdict.name}"]`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[1]).toContain(verdict.expected);
      expect(cells[2]).toContain(verdict.actual);
      expect(cells[3]).toBe(verdict.ok ? '✓ as expected' : '✗ mismatch');
    }
    // The expectations hold with the real TLC.
    expect(checked.map((c) => c.verdict.ok)).toEqual(MODELS.map(() => true));
  });

  it('draws the safety counterexample as swimlanes: a lane per thread, each step in its thread’s lane', async () => {
    const cx = checked.find((c) => c.verdict.name === 'MiniCollisionSafety')!.counterexample!;
    const table = page.locator('#cx-MiniCollisionSafety table.lanes');
    expect(await table.locator('th.lane-head .tid').allInnerTexts()).toEqual(['i1', 'f1', 'm']);
    const rows = table.locator(':scope > tbody > tr');
    expect(await rows.count()).toBe(cx.steps.length);
    for (const [i, step] of cx.steps.entries()) {
      if (i === 0) continue;
      const thread = (step.state.lastAction as { thread: string }).thread;
      const cell = rows.nth(i).locator('td.cell');
      expect(await cell.getAttribute('data-thread')).toBe(thread);
      expect(await cell.locator('code.action').innerText()).toBe(step.action);
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
    const changed = Object.keys(after).filter((k) => k !== 'lastAction' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(paths.map((p) => p.split(/[.[]/)[0]).sort()).toEqual(expect.arrayContaining(changed.sort()));
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
    const rows = section.locator('table.lanes > tbody > tr');
    expect(await rows.count()).toBe(cx.steps.length);
    for (const [i, step] of cx.steps.entries()) {
      if (i === 0) continue;
      const last = step.state.lastAction as { name: string; thread: string };
      expect(await rows.nth(i).locator('td.cell').getAttribute('data-thread')).toBe(last.thread);
      expect(await rows.nth(i).locator('td.cell code.action').innerText()).toBe(last.name);
    }
    // The marked row is the last state, and that state does violate SAFE-1 as the spec states it:
    // some page covered by an interval in the tree has a device entry that differs from its CPU PTE.
    expect(await rows.last().getAttribute('class')).toContain('mark-violation');
    expect(await section.locator('tr.mark-violation').count()).toBe(1);
    const bad = cx.steps.at(-1)!.state as { tree: string[]; subs: Record<string, { start: number; last: number }>; pte: number[]; spte: number[] };
    const covered = (p: number) => bad.tree.some((s) => bad.subs[s]!.start <= p && p <= bad.subs[s]!.last);
    expect(bad.spte.some((v, i) => covered(i + 1) && v !== 0 && v !== bad.pte[i])).toBe(true);
    await section.screenshot({ path: join(ARTIFACTS, 'swimlanes-MCHolePunchShrinkFirst.png') });
  });

  it('links each failing model to its swimlanes', async () => {
    await page.locator('table.models tr[data-model="MiniCollisionSafety"] a').click();
    expect(new URL(page.url()).hash).toBe('#cx-MiniCollisionSafety');
    await expect.poll(() => page.locator('#cx-MiniCollisionSafety h3').isVisible()).toBe(true);
    const box = await page.locator('#cx-MiniCollisionSafety h3').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(page.viewportSize()!.height);
    expect(await page.locator('table.models tr[data-model="MiniCollisionCorrect"] a').count()).toBe(0);
  });

  it('says what is missing when only part of the results exist', async () => {
    expect(await page.locator('#problems').innerText()).toContain('gen.json is missing');
    expect(await page.locator('#coverage + p.missing').count()).toBe(1);
  });

  it('follows one thread when its lane title is clicked', async () => {
    const table = page.locator('#cx-MiniCollisionSafety table.lanes');
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
    const { statSync } = await import('node:fs');
    expect(statSync(full).size).toBeGreaterThan(10_000);
    expect(statSync(lanes).size).toBeGreaterThan(10_000);
  });
});
