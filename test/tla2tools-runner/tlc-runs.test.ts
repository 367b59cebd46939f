// Runs the real TLC (the pinned 2.18 jar) on the fixture specs of
// test/fixtures/tlc. Each run takes 1-2 s (mostly JVM start-up).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectDotDump,
  liveRunCount,
  readSimulationTraces,
  runTlc,
  tlc,
  type TlcEvent,
  type TlcRunHandle,
  type TlcRunOptions,
} from 'tla2tools-runner';
import { javaProcessesMentioning, startRunForever } from './tlc-processes.ts';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tlc');
const jarRecordFile = join(root, '.tlc', 'tlc.json');

function start(name: string, options: Partial<TlcRunOptions> = {}): TlcRunHandle {
  return runTlc({ spec: join(fixtures, `${name}.tla`), jarRecordFile, ...options });
}
function tempDirOf(h: TlcRunHandle): string {
  return dirname(h.command.args[h.command.args.indexOf('-metadir') + 1]!);
}

describe('runTlc with the real TLC', () => {
  it('passing spec: exactly the hand-counted states, temp dir removed', async () => {
    const h = start('Counter');
    const events = [];
    for await (const e of h.events) events.push(e);
    const r = await h.result;
    expect(r).toMatchObject({ outcome: 'success', exitCode: 0, distinctStates: 12, generatedStates: 19, depth: 6, version: '2.18' });
    expect(events.some((e) => e.type === 'finalCounts')).toBe(true);
    expect(h.command.cwd).toBe(fixtures);
    expect(existsSync(tempDirOf(h))).toBe(false);
  });

  it('invariant violation: named invariant, trace states and action names', async () => {
    const r = await start('InvariantViolation').result;
    expect(r.outcome).toBe('safety');
    expect(r.exitCode).toBe(12);
    expect(r.violated).toBe('CountBelowTwo');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'Start', 'Work', 'Work']);
    expect(r.trace.map((s) => s.state?.count)).toEqual([tlc.int(0), tlc.int(0), tlc.int(1), tlc.int(2)]);
    expect(r.trace[1]!.state!.owner).toEqual(tlc.fn([tlc.mv('p1'), tlc.str('held')], [tlc.mv('p2'), tlc.str('none')]));
  });

  it('deadlock', async () => {
    const r = await start('Deadlock').result;
    expect(r.outcome).toBe('deadlock');
    expect(r.trace.at(-1)!.state).toEqual({ x: tlc.int(2) });
  });

  it('deadlock check disabled: the same spec succeeds with 3 states', async () => {
    const r = await start('Deadlock', { checkDeadlock: false }).result;
    expect(r).toMatchObject({ outcome: 'success', distinctStates: 3 });
  });

  it('liveness violation with its lasso', async () => {
    const r = await start('Liveness').result;
    expect(r).toMatchObject({ outcome: 'liveness', exitCode: 13, violated: 'ReachesTwo' });
    expect(r.lasso).toEqual({ kind: 'backToState', toState: 1, action: 'Flip' });
  });

  it('Assert failure', async () => {
    const r = await start('AssertFail').result;
    expect(r).toMatchObject({ outcome: 'assert', exitCode: 14 });
    expect(r.errors.join('\n')).toContain('x must stay below 1');
  });

  it('parse error and config error are errors with their text', async () => {
    const [parse, config] = await Promise.all([start('ParseError').result, start('ConfigError').result]);
    expect(parse).toMatchObject({ outcome: 'error', exitCode: 150 });
    expect(parse.errors.join('\n')).toContain('Was expecting');
    expect(config).toMatchObject({ outcome: 'error', exitCode: 151 });
    expect(config.errors.join('\n')).toContain('NoSuchOperator');
  });

  it('dot dump, simulation files and coverage options reach TLC', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runner-outputs-'));
    try {
      const coverage: TlcEvent[] = [];
      const covered = start('Counter', { coverageMinutes: 1 });
      covered.onEvent = (e) => void (e.type === 'coverage' && coverage.push(e));
      const [dump, sim, cov] = await Promise.all([
        start('Counter', { fp: 1, dumpDot: join(out, 'graph.dot') }).result,
        start('Counter', { seed: 7, depth: 3, simulate: { file: join(out, 'sim', 'tr'), num: 2 } }).result,
        covered.result,
      ]);
      expect([dump.outcome, sim.outcome, cov.outcome]).toEqual(['success', 'success', 'success']);
      const graph = await collectDotDump(join(out, 'graph.dot'));
      expect([graph.nodes.size, graph.edges.length]).toEqual([12, 18]); // see Counter.tla
      const traces = readSimulationTraces(join(out, 'sim', 'tr'));
      expect(traces.map((t) => t.states.length)).toEqual([3, 3]);
      expect(coverage.find((e) => e.type === 'coverage' && e.name === 'Reset')).toMatchObject({ distinct: 0 }); // (0,0) was seen first
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('empty Init: TLC exits 0, the runner says error', async () => {
    const r = await start('EmptyInit').result;
    expect(r).toMatchObject({ outcome: 'error', exitCode: 0, distinctStates: 0 });
  });

  it('two runs started together in the same folder do not collide (metadir trap)', async () => {
    const [a, b] = await Promise.all([start('Counter').result, start('Counter').result]);
    expect([a.outcome, b.outcome]).toEqual(['success', 'success']);
    expect([a.distinctStates, b.distinctStates]).toEqual([12, 12]);
  });

  it('timeout kills java and removes the temp dir', async () => {
    const h = start('Forever', { timeoutMs: 1500 });
    const dir = tempDirOf(h);
    const r = await h.result;
    expect(r.outcome).toBe('error');
    expect(r.errors.join('\n')).toMatch(/timeout after 1500 ms/);
    expect(javaProcessesMentioning(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(liveRunCount()).toBe(0);
  });

  it('abort() and an AbortSignal kill java and remove the temp dir', async () => {
    const controller = new AbortController();
    const viaSignal = start('Forever', { signal: controller.signal });
    const viaAbort = start('Forever');
    for await (const e of viaAbort.events) if (e.type === 'initialStates') break;
    viaAbort.abort();
    controller.abort('test');
    const results = await Promise.all([viaAbort.result, viaSignal.result]);
    expect(results.map((r) => r.outcome)).toEqual(['error', 'error']);
    expect(results[1].errors.join('\n')).toMatch(/aborted \(test\)/);
    for (const h of [viaAbort, viaSignal]) {
      expect(javaProcessesMentioning(tempDirOf(h))).toEqual([]);
      expect(existsSync(tempDirOf(h))).toBe(false);
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the parent kills its java and removes the temp dir`, async () => {
      const { child, tempDir } = await startRunForever(root);
      expect(javaProcessesMentioning(tempDir)).toHaveLength(1);
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
      child.kill(signal);
      expect(await exited).toBe(signal); // the default action still happens after cleanup
      expect(javaProcessesMentioning(tempDir)).toEqual([]);
      expect(existsSync(tempDir)).toBe(false);
    });
  }
});
