/**
 * `mmu-notifier run` end to end on the fixture models (real TLC), as CI
 * runs it: stdout is a pipe and CI is set, so progress comes as plain lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Counterexample } from '../../src/report/counterexample.ts';
import { CheckResults, RunRecord } from '../../src/report/results.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'run-command-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function runJob(name: string, models: object[]): { status: number | null; stdout: string; stderr: string; dir: string } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  // Paths in a manifest are relative to it; the fixtures are given absolute since it lives in a temp folder.
  const manifest = join(dir, 'manifest.json');
  const absolute = models.map((m) => ({ ...m, spec: join(FIXTURES, 'MiniCollision.tla'), config: join(FIXTURES, (m as { config: string }).config) }));
  writeFileSync(manifest, JSON.stringify({ models: absolute }));
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'run', '--manifest', manifest, '--results', join(dir, 'results'), '--out', join(dir, 'report')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 240_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, dir };
}

describe('mmu-notifier run', () => {
  it('checks every model, records results and counterexamples, writes the report, exits 0 when all verdicts match', () => {
    const r = runJob('ok', [
      { name: 'MiniCollisionCorrect', spec: 'MiniCollision.tla', config: 'MiniCollisionCorrect.cfg', result: 'success' },
      { name: 'MiniCollisionSafety', spec: 'MiniCollision.tla', config: 'MiniCollisionSafety.cfg', result: 'safety failure', violated: 'Safe' },
      { name: 'NotInCi', spec: 'MiniCollision.tla', config: 'MiniCollisionLiveness.cfg', result: 'liveness failure', ci: false },
    ]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    // Plain progress lines (no cursor movement) when not on a terminal.
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain('[1/2] MiniCollisionCorrect: started');
    expect(r.stdout).toContain('[2/2] MiniCollisionSafety: started');
    expect(r.stdout).toMatch(/gen: not available|gen +ok/);
    const check = CheckResults.parse(JSON.parse(readFileSync(join(r.dir, 'results/check.json'), 'utf8')));
    expect(check.models.map((m) => [m.name, m.actual, m.violated, m.ok])).toEqual([
      ['MiniCollisionCorrect', 'success', null, true],
      ['MiniCollisionSafety', 'safety', 'Safe', true],
    ]);
    const cx = Counterexample.parse(JSON.parse(readFileSync(join(r.dir, 'results', check.models[1]!.trace!), 'utf8')));
    expect(cx.steps.length).toBeGreaterThan(1);
    const record = RunRecord.parse(JSON.parse(readFileSync(join(r.dir, 'results/run.json'), 'utf8')));
    expect(record.stages.map((s) => s.stage)).toEqual(['check', 'gen', 'replay', 'report']);
    expect(existsSync(join(r.dir, 'report/index.html'))).toBe(true);
    // The summary table names both models.
    expect(r.stdout).toMatch(/ok +MiniCollisionSafety +safety \(Safe\) +safety \(Safe\)/);
  });

  it('exits 1 and says MISMATCH when a verdict differs from its expectation', () => {
    const r = runJob('bad', [{ name: 'MiniCollisionCorrect', spec: 'MiniCollision.tla', config: 'MiniCollisionCorrect.cfg', result: 'safety failure' }]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH +MiniCollisionCorrect +safety +success/);
    expect(r.stdout).toContain('BAD MiniCollisionCorrect');
  });
});
