/**
 * `check` reuses a model's stored TLC result while its inputs are unchanged,
 * re-runs it when a spec module changes or with --force, and says which it
 * reused. Real TLC on the tiny MiniCollision fixture. To tell a reuse from a
 * run independently of the `cached` flag, the test plants a marker in the
 * stored result (an impossible state count): only a reuse can report it.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { ownedTempDir } from '../../src/files/owned-temp-dir.ts';

const FIXTURES = join(import.meta.dirname, '..', 'report', 'fixtures');
const MODEL = 'MiniCollisionCorrect';
const MARKER = 987_654_321;
const work = ownedTempDir('check-cache-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const spec = join(work, 'spec');
const manifest = join(spec, 'manifest.json');
const entryFile = join(work, 'out', 'check-cache', `${MODEL}.json`);

function writeManifest(expected: string): void {
  const entry = { name: MODEL, module: 'MiniCollision.tla', cfg: `${MODEL}.cfg`, kind: 'safety', variant: 'mainline', expected, violated: null, ci: true, distinctStates: null, totalStates: null, depth: null, runtimeSeconds: null };
  writeFileSync(manifest, JSON.stringify({ models: [entry] }));
}

interface CheckRun {
  status: number;
  model: { cached: boolean; distinctStates: number | null; ok: boolean; actual: string };
  stderr: string;
}

async function check(...extra: string[]): Promise<CheckRun> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  const status = await main(['check', '--manifest', manifest, '--jobs', '1', '--json', ...extra]);
  vi.restoreAllMocks();
  const json = JSON.parse(out.join('\n')) as { models: CheckRun['model'][] };
  return { status, model: json.models[0]!, stderr: err.join('') };
}

/** Overwrites the stored result's state count with the marker, keeping its key. */
function plantMarker(): void {
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { key: string; result: { distinctStates: number } };
  entry.result.distinctStates = MARKER;
  writeFileSync(entryFile, JSON.stringify(entry));
}

describe('check: the result cache', () => {
  it('reuses an unchanged model, re-runs after a .tla change and with --force', async () => {
    mkdirSync(spec, { recursive: true });
    for (const f of ['MiniCollision.tla', `${MODEL}.cfg`]) copyFileSync(join(FIXTURES, f), join(spec, f));
    writeManifest('success');

    const first = await check();
    expect(first.status).toBe(0);
    expect(first.model.cached).toBe(false);
    const realCount = first.model.distinctStates;
    expect(realCount).toBeGreaterThan(0);

    plantMarker();
    const second = await check();
    expect(second.model).toMatchObject({ cached: true, distinctStates: MARKER, ok: true });
    expect(second.stderr).toContain(`${MODEL} (cached: inputs unchanged)`);

    // The verdict is judged afresh from the manifest: a changed expectation needs no TLC run.
    writeManifest('safety failure');
    const rejudged = await check();
    expect(rejudged.status).toBe(1);
    expect(rejudged.model).toMatchObject({ cached: true, distinctStates: MARKER, ok: false, actual: 'success' });
    writeManifest('success');

    // A comment changes the module's content, not its meaning: the key changes, TLC runs again.
    appendFileSync(join(spec, 'MiniCollision.tla'), '\\* edited after the first check\n');
    const edited = await check();
    expect(edited.model).toMatchObject({ cached: false, distinctStates: realCount, ok: true });

    plantMarker();
    const forced = await check('--force');
    expect(forced.model).toMatchObject({ cached: false, distinctStates: realCount });
    expect(forced.stderr).not.toContain('cached');
    // --force stored its fresh result: the next plain check reuses that one, not the marker.
    expect((await check()).model).toMatchObject({ cached: true, distinctStates: realCount });
  });

  it('names the reused models under the table', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['check', '--manifest', manifest, '--jobs', '1'])).toBe(0);
    expect(out.join('\n')).toContain(`reused from cache (inputs unchanged; --force re-runs): ${MODEL}`);
  });
});
