/** `mmu-notifier report` on missing, partial, stale and malformed results. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.ts';
import { loadResults, writeResultsFile } from '../../src/report/results-io.ts';

const work = mkdtempSync(join(tmpdir(), 'report-command-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  return lines;
}

const verdict = { name: 'M', expected: 'success', actual: 'success', violated: null, distinctStates: 10, durationMs: 5, ok: true };

describe('mmu-notifier report', () => {
  it('without results fails and names the command to run', async () => {
    const stderr = captureStderr();
    const status = await reportCommand.run(['--results', join(work, 'nothing'), '--out', join(work, 'out0')]);
    expect(status).toBe(2);
    expect(stderr.join('\n')).toContain('run `npm start` (= `mmu-notifier run`) first');
  });

  it('after a partial run renders what exists and says what is missing', async () => {
    const dir = join(work, 'partial');
    writeResultsFile(dir, 'check.json', { ok: true, models: [verdict] });
    const stderr = captureStderr();
    const status = await reportCommand.run(['--results', dir, '--out', join(work, 'out1')]);
    expect(status).toBe(0);
    expect(stderr.join('\n')).toContain('gen.json is missing: run `npm start` (= `mmu-notifier run`) or `mmu-notifier gen`');
    const html = readFileSync(join(work, 'out1/index.html'), 'utf8');
    expect(html).toContain('data-model="M"');
    expect(html).toContain('Conformance coverage is missing');
    expect(html).toContain('gen.json is missing');
  });

  it('names a counterexample the check results promise but the folder lacks', () => {
    const dir = join(work, 'no-trace');
    writeResultsFile(dir, 'check.json', { ok: true, models: [{ ...verdict, expected: 'safety', actual: 'safety', violated: 'Safe', trace: 'traces/M.json' }] });
    const loaded = loadResults(dir);
    expect(loaded.traces.size).toBe(0);
    expect(loaded.problems.map((p) => p.message)).toContain('traces/M.json is missing: run `npm start` (= `mmu-notifier run`).');
  });

  it('flags results older than the spec as stale, naming the command', () => {
    const dir = join(work, 'stale');
    const spec = join(work, 'spec');
    mkdirSync(spec, { recursive: true });
    writeResultsFile(dir, 'check.json', { ok: true, models: [verdict] }, new Date(Date.now() - 60_000));
    writeFileSync(join(spec, 'MC.cfg'), 'INIT Init\n');
    const problems = loadResults(dir, spec).problems.filter((p) => p.kind === 'stale');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/older than spec\/MC\.cfg .*run `npm start`/);
    // Touching the spec back into the past clears it.
    const past = new Date(Date.now() - 120_000);
    utimesSync(join(spec, 'MC.cfg'), past, past);
    expect(loadResults(dir, spec).problems.filter((p) => p.kind === 'stale')).toHaveLength(0);
  });

  it('rejects results of an unknown format with the command to regenerate them', async () => {
    const dir = join(work, 'old');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'check.json'), JSON.stringify({ ok: true, models: [] }));
    const stderr = captureStderr();
    const status = await reportCommand.run(['--results', dir, '--out', join(work, 'out2')]);
    expect(status).toBe(2);
    expect(stderr.join('\n')).toMatch(/check\.json has an unknown or old format .*run `npm start`/);
  });
});
