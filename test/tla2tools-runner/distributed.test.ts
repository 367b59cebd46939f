// TLC's distributed mode (TLCServer + local TLCWorkers over RMI) with the
// real TLC: a spec checked with two local workers, and a run whose server is
// killed mid-run. Each run gets its own tmp root, so its processes and
// folders are found by that path, never by name (other TLC runs share the machine).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTlc, type TlcRunHandle, type TlcRunOptions } from 'tla2tools-runner';
import { loadManifest, modelFiles } from '../../src/manifest/manifest.ts';
import { javaProcessesMentioning, processesMentioning, startRunForever, within } from './tlc-processes.ts';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tlc');
const jarRecordFile = join(root, '.tlc', 'tlc.json');
const scratch = mkdtempSync(join(tmpdir(), 'runner-distributed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A distributed run under a tmp root of its own. */
function start(options: Pick<TlcRunOptions, 'spec'> & Partial<TlcRunOptions>): { handle: TlcRunHandle; tmpRoot: string } {
  const tmpRoot = mkdtempSync(join(scratch, 'root-'));
  const handle = runTlc({ jarRecordFile, distributed: { localWorkers: 2 }, timeoutMs: 300_000, tmpRoot, ...options });
  return { handle, tmpRoot };
}

/** Asserts that nothing of the run is left: no java mentioning its tmp root, no run folder. */
async function expectNothingLeft(tmpRoot: string): Promise<void> {
  expect(await within(10_000, () => javaProcessesMentioning(tmpRoot).length === 0), javaProcessesMentioning(tmpRoot).join('\n')).not.toBeNull();
  expect(readdirSync(tmpRoot)).toEqual([]);
}

describe('TLC distributed mode with the real TLC', () => {
  it('MCSafety with 2 local TLCWorkers: success with the manifest distinct count; the generated count is TLCServer\'s own', async () => {
    const model = loadManifest().models.find((m) => m.name === 'MCSafety')!;
    const files = modelFiles(model);
    const { handle, tmpRoot } = start({ spec: files.spec, config: files.config });
    let registered = 0;
    handle.onEvent = (e) => {
      if (e.type === 'message' && e.code === 7001) registered += 1;
    };
    const r = await handle.result;
    expect(r.outcome, r.errors.join('\n')).toBe('success');
    expect(r.version).toBe('2.18');
    expect(r.distinctStates).toBe(model.distinctStates);
    // Not the manifest's generated count: TLCServer adds the states its
    // workers skipped on a hit in their fingerprint cache, which depends on
    // timing (491,005 and 491,405 measured, 365,798 single-process). Every
    // distinct state was generated at least once, and each after the first
    // level from a distinct state.
    expect(r.generatedStates).toBeGreaterThan(model.distinctStates!);
    expect(r.depth).toBeGreaterThan(0);
    expect(registered).toBeGreaterThanOrEqual(1);
    expect(handle.distributed?.localWorkers).toBe(2);
    await expectNothingLeft(tmpRoot);
  }, 600_000);

  it('the server killed mid-run: the result is error and no java (server or worker) and no run folder is left', async () => {
    const { handle, tmpRoot } = start({ spec: join(fixtures, 'Forever.tla') });
    // Once a worker has registered, all three JVMs run.
    await new Promise<void>((resolveRegistered) => {
      handle.onEvent = (e) => e.type === 'message' && e.code === 7001 && resolveRegistered();
    });
    const server = javaProcessesMentioning(tmpRoot).find((l) => l.includes('tlc2.tool.distributed.TLCServer'));
    expect(server, javaProcessesMentioning(tmpRoot).join('\n')).toBeDefined();
    expect(javaProcessesMentioning(tmpRoot).filter((l) => l.includes('tlc2.tool.distributed.TLCWorker')).length).toBe(2);
    process.kill(Number(/^\s*(\d+)/.exec(server!)![1]), 'SIGKILL');
    const r = await handle.result;
    expect(r.outcome).toBe('error');
    expect(r.signal).toBe('SIGKILL');
    await expectNothingLeft(tmpRoot);
  }, 300_000);

  it('SIGKILL of the parent Node process: the watchdog ends the server and both workers and removes the run folder', async () => {
    const { child, tempDir } = await startRunForever(root, ['--distributed']);
    expect(await within(60_000, () => javaProcessesMentioning(tempDir).length === 3), javaProcessesMentioning(tempDir).join('\n')).not.toBeNull();
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await within(15_000, () => processesMentioning(tempDir).length === 0 && !existsSync(tempDir)), processesMentioning(tempDir).join('\n')).not.toBeNull();
  }, 180_000);

  it('a timeout stops the server and every local worker', async () => {
    const { handle, tmpRoot } = start({ spec: join(fixtures, 'Forever.tla'), timeoutMs: 20_000 });
    const r = await handle.result;
    expect(r.outcome).toBe('error');
    expect(r.errors.join('\n')).toMatch(/timeout after 20000 ms/);
    await expectNothingLeft(tmpRoot);
  }, 300_000);

  it('options TLCServer does not take are refused before any JVM starts', () => {
    const tmpRoot = mkdtempSync(join(scratch, 'root-'));
    expect(() => runTlc({ spec: join(fixtures, 'Counter.tla'), jarRecordFile, tmpRoot, distributed: {}, seed: 1 })).toThrow(/does not support seed/);
    expect(() => runTlc({ spec: join(fixtures, 'Counter.tla'), jarRecordFile, tmpRoot, distributed: { localWorkers: -1 } })).toThrow(/localWorkers/);
    expect(existsSync(tmpRoot) && readdirSync(tmpRoot)).toEqual([]);
  });
});
