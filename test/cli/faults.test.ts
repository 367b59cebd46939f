/**
 * Faults of the file system reach the user as one line naming the path and
 * what to do, with the documented exit status (2), and tear no file: a
 * failed write leaves the old file whole and no temporary file beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { writeResultsFile } from '../../src/report/results-io.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cli-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  return lines;
}

function someResults(name: string): string {
  const dir = join(work, name);
  const verdict = { name: 'M', expected: 'success', actual: 'success', violated: null, distinctStates: 10, durationMs: 5, ok: true };
  writeResultsFile(dir, 'check.json', { ok: true, models: [verdict] });
  return dir;
}

describe('file-system faults of the CLI', () => {
  it('report into a folder under a file: one line with the path, exit 2', async () => {
    const results = someResults('r1');
    writeFileSync(join(work, 'a-file'), 'x');
    const stderr = captureStderr();
    const status = await main(['report', '--results', results, '--out', join(work, 'a-file', 'report')]);
    expect(status).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^mmu-notifier report: .*a-file.*a part of the path is a file/);
    expect(stderr[0]).not.toMatch(/\n\s+at /);
  });

  it('report where index.html is a folder: exit 2, the old folder untouched, no temporary file', async () => {
    const results = someResults('r2');
    const out = join(work, 'out2');
    mkdirSync(join(out, 'index.html'), { recursive: true });
    writeFileSync(join(out, 'index.html', 'keep'), 'kept');
    const stderr = captureStderr();
    const status = await main(['report', '--results', results, '--out', out]);
    expect(status).toBe(2);
    expect(stderr[0]).toMatch(/^mmu-notifier report: .*index\.html: it is a folder where a file is needed/);
    expect(readdirSync(out)).toEqual(['index.html']);
    expect(readFileSync(join(out, 'index.html', 'keep'), 'utf8')).toBe('kept');
  });

  it('a report written over an old one replaces it whole', async () => {
    const results = someResults('r3');
    const out = join(work, 'out3');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), 'old report');
    captureStderr();
    expect(await main(['report', '--results', results, '--out', out])).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readdirSync(out)).toEqual(['index.html']);
  });

  it.each([
    ['gen', ['gen', '--force', '--model', 'MCBug_M4_InsertedSeqsOdd']],
    ['validate', ['validate', '--runs', '1']],
  ])('%s without a TLC jar: a setup fault, exit 2 as in tlc and check, one line naming the jar', (name, args) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TLA2TOOLS_JAR: join(work, 'no-such.jar') },
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('mmu-notifier'));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^mmu-notifier ${name}: the TLC jar .*no-such\\.jar .*npm install`))]);
  });
});

