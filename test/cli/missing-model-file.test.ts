/**
 * A manifest entry whose cfg file does not exist: `check` and `run` say so
 * in one line naming the model and the path, still check and write the
 * other models, and exit 2 (bad input). Real TLC on the MiniCollision fixture.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CheckResults } from '../../src/report/results.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, '..', 'report', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'missing-model-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function entry(dir: string, name: string, cfg: string) {
  const module = relative(dir, join(FIXTURES, 'MiniCollision.tla'));
  return { name, module, cfg, kind: 'safety', variant: 'mainline', expected: 'success', violated: null, ci: true, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null };
}

/** A manifest with a good model and one whose cfg is missing; returns its path and the missing cfg's absolute path. */
function manifestWithMissingCfg(name: string): { manifest: string; missing: string; dir: string } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'manifest.json');
  const good = entry(dir, 'Good', relative(dir, join(FIXTURES, 'MiniCollisionCorrect.cfg')));
  writeFileSync(manifest, JSON.stringify({ models: [entry(dir, 'NoCfg', 'models/Gone.cfg'), good] }));
  return { manifest, missing: join(dir, 'models', 'Gone.cfg'), dir };
}

describe('a manifest entry whose cfg file is missing', () => {
  it('check: one line naming the model and the path, the other model still checked, exit 2', async () => {
    const { manifest, missing } = manifestWithMissingCfg('check');
    const stderr: string[] = [];
    const stdout: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void stderr.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void stdout.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const status = await main(['check', '--manifest', manifest, '--json', '--jobs', '1']);
    expect(status).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain('NoCfg');
    expect(stderr[0]).toContain(missing);
    expect(stderr[0]).not.toContain('\n');
    const json = JSON.parse(stdout.join('\n')) as { models: Array<{ name: string; ok: boolean; actual: string; distinctStates: number | null }> };
    const good = json.models.find((m) => m.name === 'Good')!;
    expect([good.ok, good.actual]).toEqual([true, 'success']);
    expect(good.distinctStates).toBeGreaterThan(0);
    expect(json.models.find((m) => m.name === 'NoCfg')!.ok).toBe(false);
  });

  it('run: names the model and the path, writes the other model\'s results and the report, exit 2', () => {
    const { manifest, missing, dir } = manifestWithMissingCfg('run');
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'run', '--no-conformance', '--manifest', manifest, '--results', join(dir, 'results'), '--out', join(dir, 'report')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').some((l) => l.includes('NoCfg') && l.includes(missing))).toBe(true);
    const check = CheckResults.parse(JSON.parse(readFileSync(join(dir, 'results', 'check.json'), 'utf8')));
    expect(check.models.map((m) => [m.name, m.ok])).toEqual([
      ['NoCfg', false],
      ['Good', true],
    ]);
    expect(check.models[0]!.inputFault).toContain(missing);
    expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true);
  });
});
