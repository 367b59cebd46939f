/**
 * `mmu-notifier run` end to end on the fixture models (real TLC), as CI
 * runs it: stdout is a pipe and CI is set, so progress comes as plain lines.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Counterexample } from '../../src/report/counterexample.ts';
import { CheckResults, RunRecord } from '../../src/report/results.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'run-command-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A manifest entry in spec/manifest.json's format for a fixture config (paths relative to the manifest). */
function entry(dir: string, name: string, cfg: string, expected: string, violated: string | null, ci = true): object {
  return {
    name,
    module: relative(dir, join(FIXTURES, 'MiniCollision.tla')),
    cfg: relative(dir, join(FIXTURES, cfg)),
    kind: 'safety',
    variant: 'mainline',
    expected,
    violated,
    ci,
    distinctStates: null,
    totalStates: null,
    depth: null,
    runtimeSeconds: null,
  };
}

function runJob(name: string, models: (dir: string) => object[]): { status: number | null; stdout: string; stderr: string; dir: string } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ models: models(dir) }));
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'run', '--no-conformance', '--manifest', manifest, '--results', join(dir, 'results'), '--out', join(dir, 'report')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 600_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, dir };
}

describe('mmu-notifier run', () => {
  it('checks every model, records results and counterexamples, writes the report, exits 0 when all verdicts match', () => {
    const r = runJob('ok', (dir) => [
      entry(dir, 'MiniCollisionCorrect', 'MiniCollisionCorrect.cfg', 'success', null),
      entry(dir, 'MiniCollisionSafety', 'MiniCollisionSafety.cfg', 'safety failure', 'Safe'),
      entry(dir, 'NotInCi', 'MiniCollisionLiveness.cfg', 'liveness failure', 'FaultCompletes', false),
    ]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    // Plain progress lines (no cursor movement) when not on a terminal.
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain('[1/2] MiniCollisionCorrect: started');
    expect(r.stdout).toContain('[2/2] MiniCollisionSafety: started');
    const check = CheckResults.parse(JSON.parse(readFileSync(join(r.dir, 'results/check.json'), 'utf8')));
    // Expected and actual verdicts are both in the manifest's spelling.
    expect(check.models.map((m) => [m.name, m.expected, m.actual, m.violated, m.ok])).toEqual([
      ['MiniCollisionCorrect', 'success', 'success', null, true],
      ['MiniCollisionSafety', 'safety failure', 'safety failure', 'Safe', true],
    ]);
    const cx = Counterexample.parse(JSON.parse(readFileSync(join(r.dir, 'results', check.models[1]!.trace!), 'utf8')));
    expect(cx.steps.length).toBeGreaterThan(1);
    const record = RunRecord.parse(JSON.parse(readFileSync(join(r.dir, 'results/run.json'), 'utf8')));
    expect(record.stages.map((s) => [s.stage, s.status])).toEqual([
      ['check', 'ok'],
      ['gen', 'skipped'],
      ['replay', 'skipped'],
      ['report', 'ok'],
    ]);
    expect(r.stdout).toContain('gen: skipped — --no-conformance');
    expect(existsSync(join(r.dir, 'report/index.html'))).toBe(true);
    // The summary table names both models.
    expect(r.stdout).toMatch(/ok +MiniCollisionSafety +safety failure \(Safe\) +safety failure \(Safe\)/);
  });

  it('exits 1 and says MISMATCH when a verdict differs from its expectation', () => {
    const r = runJob('bad', (dir) => [
      entry(dir, 'MiniCollisionCorrect', 'MiniCollisionCorrect.cfg', 'safety failure', null),
      entry(dir, 'MiniCollisionSafety', 'MiniCollisionSafety.cfg', 'success', null),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH +MiniCollisionCorrect +safety failure +success/);
    expect(r.stdout).toContain('BAD MiniCollisionCorrect');
    expect(r.stdout).toContain('FAILED: 2 of 2 models mismatched.');
    // The unexpected counterexample is drawn in the terminal, marked where Safe fails.
    const check = CheckResults.parse(JSON.parse(readFileSync(join(r.dir, 'results/check.json'), 'utf8')));
    const cx = Counterexample.parse(JSON.parse(readFileSync(join(r.dir, 'results', check.models[1]!.trace!), 'utf8')));
    expect(r.stdout).toContain('MiniCollisionSafety: unexpected counterexample');
    expect(r.stdout).toContain(`✗ state ${cx.steps.length} violates Safe`);
  });

  it('a run killed mid-way leaves the earlier results whole; the next run removes its staging folder', async () => {
    const models = (dir: string) => [entry(dir, 'MiniCollisionSafety', 'MiniCollisionSafety.cfg', 'safety failure', 'Safe')];
    const first = runJob('killed', models);
    expect(first.status).toBe(0);
    const before = readFileSync(join(first.dir, 'results/check.json'), 'utf8');
    // A second run, killed with SIGKILL while it checks (a second TLC model keeps it busy).
    const manifest = join(first.dir, 'manifest.json');
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'run', '--no-conformance', '--manifest', manifest, '--results', join(first.dir, 'results'), '--out', join(first.dir, 'report')], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    await new Promise<void>((done) => child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && done()));
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((done) => child.once('exit', done));
    expect(readFileSync(join(first.dir, 'results/check.json'), 'utf8')).toBe(before);
    expect(readdirSync(first.dir).filter((n) => n.includes('staging'))).toHaveLength(1);
    const again = runJob('killed', models);
    expect(again.status).toBe(0);
    expect(readdirSync(first.dir).filter((n) => n.includes('staging'))).toEqual([]);
  });
});

