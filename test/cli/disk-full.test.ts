/**
 * A full disk, injected: test/cli/helpers/enospc-preload.ts makes the first
 * write of one named file write half its data and fail with ENOSPC, as
 * write(2) does on a full disk. Each command then prints one line naming the
 * file and what to do, exits 2, leaves the old file whole and no temporary
 * file. `check` and `run` use real TLC on the MiniCollision fixture.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeResultsFile } from '../../src/report/results-io.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PRELOAD = join(import.meta.dirname, 'helpers', 'enospc-preload.ts');
const FIXTURES = join(import.meta.dirname, '..', 'report', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'disk-full-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI with the disk full for `file`. */
function cliOnFullDisk(file: string, args: string[]): { status: number | null; stdout: string; stderrLines: string[] } {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NODE_OPTIONS: `--import tsx --import ${pathToFileURL(PRELOAD).href}`, MMU_TEST_ENOSPC_FILE: file },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^\[\d+\/\d+\] /.test(l)) };
}

/** The one line of a full disk, naming `file`. */
function expectDiskFullLine(lines: string[], command: string, file: string): void {
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^mmu-notifier ${command}: \\S*${file.replace('.', '\\.')}: the disk is full: free some space .*\\(ENOSPC\\)$`));
}

/** A manifest of the one fixture model MiniCollisionCorrect (expected to pass). */
function manifest(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const model = { name: 'MiniCollisionCorrect', module: relative(dir, join(FIXTURES, 'MiniCollision.tla')), cfg: relative(dir, join(FIXTURES, 'MiniCollisionCorrect.cfg')) };
  writeFileSync(path, JSON.stringify({ models: [{ ...model, kind: 'safety', variant: 'mainline', expected: 'success', violated: null, ci: true, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null }] }));
  return path;
}

describe('a full disk', () => {
  it('report: one line naming index.html, exit 2, the old report whole, no temporary file', () => {
    const results = join(work, 'results-r');
    writeResultsFile(results, 'check.json', { ok: true, models: [{ name: 'M', expected: 'success', actual: 'success', violated: null, distinctStates: 1, durationMs: 1, ok: true }] });
    const out = join(work, 'report');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'old report');
    const r = cliOnFullDisk('index.html', ['report', '--results', results, '--out', out]);
    expect(r.status).toBe(2);
    expectDiskFullLine(r.stderrLines, 'report', 'index.html');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('old report');
    expect(readdirSync(out)).toEqual(['index.html']);
  });

  it('check --junit: the results are printed, one line naming the file, exit 2, the old file whole', () => {
    const dir = join(work, 'check');
    const junit = join(dir, 'junit.xml');
    const m = manifest(dir);
    writeFileSync(junit, '<old/>');
    const r = cliOnFullDisk('junit.xml', ['check', '--manifest', m, '--junit', junit, '--jobs', '1']);
    expect(r.status).toBe(2);
    expectDiskFullLine(r.stderrLines, 'check', 'junit.xml');
    expect(r.stdout).toMatch(/^ok +MiniCollisionCorrect +success +success/m);
    expect(readFileSync(junit, 'utf8')).toBe('<old/>');
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'manifest.json']);
  });

  it('run writing check.json: one line, exit 2, the earlier results folder whole, no staging folder', () => {
    const dir = join(work, 'run');
    const m = manifest(dir);
    const results = join(dir, 'results');
    writeResultsFile(results, 'check.json', { ok: true, models: [] });
    const before = readFileSync(join(results, 'check.json'), 'utf8');
    const r = cliOnFullDisk('check.json', ['run', '--no-conformance', '--manifest', m, '--results', results, '--out', join(dir, 'report')]);
    expect(r.status).toBe(2);
    expectDiskFullLine(r.stderrLines, 'run', 'check.json');
    expect(readFileSync(join(results, 'check.json'), 'utf8')).toBe(before);
    expect(readdirSync(results)).toEqual(['check.json']);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'results']);
  });
});
