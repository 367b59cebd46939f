// The `mmu-notifier tlc` command end to end (in-process main(), real TLC).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'tlc');
const root = resolve(import.meta.dirname, '..', '..');

function capture(): { out: () => string; err: () => string } {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return {
    out: () => log.mock.calls.map((c) => c.join(' ')).join('\n'),
    err: () => error.mock.calls.map((c) => c.join(' ')).join('\n'),
  };
}
afterEach(() => vi.restoreAllMocks());

describe('mmu-notifier tlc', () => {
  it('--json prints one object with the parsed trace; exit 1 on a violation', async () => {
    const io = capture();
    const status = await main(['tlc', join(fixtures, 'InvariantViolation.tla'), '--json']);
    expect(status).toBe(1);
    const json = JSON.parse(io.out()) as Record<string, unknown>;
    expect(json).toMatchObject({ outcome: 'safety', exitCode: 12, violated: 'CountBelowTwo', distinctStates: 4, generatedStates: 4, depth: 4 });
    expect(typeof json.durationMs).toBe('number');
    expect(json.trace).toEqual([
      { action: null, state: { owner: { p1: 'none', p2: 'none' }, phase: 'idle', count: 0, log: [] } },
      { action: 'Start', state: { owner: { p1: 'held', p2: 'none' }, phase: 'busy', count: 0, log: [] } },
      { action: 'Work', state: { owner: { p1: 'held', p2: 'none' }, phase: 'busy', count: 1, log: [{ n: 0, who: 'p1' }] } },
      {
        action: 'Work',
        state: { owner: { p1: 'held', p2: 'none' }, phase: 'busy', count: 2, log: [{ n: 0, who: 'p1' }, { n: 1, who: 'p1' }] },
      },
    ]);
  });

  it('readable output lists only the variables each step changed', async () => {
    const io = capture();
    const status = await main(['tlc', join(fixtures, 'Deadlock.tla'), '--config', join(fixtures, 'Deadlock.cfg'), '--workers', '1']);
    expect(status).toBe(1);
    expect(io.out()).toContain('deadlock');
    expect(io.out()).toMatch(/1\. initial state\n\s+x = 0\n2\. Step\n\s+x = 1\n3\. Step\n\s+x = 2/);
  });

  it('missing files and bad options are usage errors (exit 2) before java starts', async () => {
    const io = capture();
    expect(await main(['tlc', join(fixtures, 'Nope.tla')])).toBe(2);
    expect(io.err()).toMatch(/Nope.tla not found/);
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--timeout', 'soon'])).toBe(2);
    expect(await main(['tlc'])).toBe(2);
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--bogus'])).toBe(2);
  });

  it('TLC errors exit 3; unknown commands print usage and exit 2', async () => {
    const io = capture();
    expect(await main(['tlc', join(fixtures, 'ConfigError.tla'), '--json'])).toBe(3);
    expect(JSON.parse(io.out())).toMatchObject({ outcome: 'error', exitCode: 151 });
    expect(await main(['no-such-command'])).toBe(2);
    expect(io.err()).toMatch(/unknown command 'no-such-command'[\s\S]*usage: mmu-notifier/);
  });
});

describe('mmu-notifier tlc: options, printed output, setup faults', () => {
  it('--workers 0.5 and other bad numbers are refused with one clear line (exit 2)', async () => {
    const io = capture();
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--workers', '0.5'])).toBe(2);
    expect(io.err()).toMatch(/^mmu-notifier tlc: --workers must be a whole number from 1 to 1024 or 'auto', got '0.5'\./);
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--workers', '0'])).toBe(2);
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--timeout', '-3'])).toBe(2);
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--heap', '2 GB'])).toBe(2);
    expect(io.err()).toMatch(/option heap must be a JVM size such as 512m or 4g, got '2 GB'/);
  });

  it('--timeout 3000000 (past setTimeout\'s 2^31 ms) lets TLC finish', async () => {
    const io = capture();
    expect(await main(['tlc', join(fixtures, 'Counter.tla'), '--timeout', '3000000', '--json'])).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ outcome: 'success', distinctStates: 12 });
  }, 60_000);

  it('PrintT output is shown, and kept in the JSON', async () => {
    const lines = [1, 2, 3, 4, 5].map((n) => `<<"step", ${n}>>`);
    const io = capture();
    expect(await main(['tlc', join(fixtures, 'PrintMany.tla'), '--json'])).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ outcome: 'success', printed: lines });
    const readable = capture();
    expect(await main(['tlc', join(fixtures, 'PrintMany.tla')])).toBe(0);
    expect(readable.out()).toContain(lines.join('\n'));
  }, 60_000);

  it('a directory or a text file as the jar: a setup fault naming the jar (exit 2)', async () => {
    const saved = process.env.TLA2TOOLS_JAR;
    try {
      const io = capture();
      process.env.TLA2TOOLS_JAR = fixtures;
      expect(await main(['tlc', join(fixtures, 'Counter.tla')])).toBe(2);
      expect(io.err()).toContain(`the TLC jar ${fixtures} (from TLA2TOOLS_JAR) is a directory, not a jar.`);
      process.env.TLA2TOOLS_JAR = join(fixtures, 'Counter.tla');
      expect(await main(['tlc', join(fixtures, 'Counter.tla')])).toBe(2);
      expect(io.err()).toContain(`the TLC jar ${join(fixtures, 'Counter.tla')} (from TLA2TOOLS_JAR) is not a jar (zip) file.`);
    } finally {
      if (saved === undefined) delete process.env.TLA2TOOLS_JAR;
      else process.env.TLA2TOOLS_JAR = saved;
    }
  });

  it('on a terminal, the status line shows the elapsed time between TLC\'s reports', () => {
    // `script` gives the command a pseudo-terminal, as a user's shell would.
    const command = `${process.execPath} --import tsx src/cli/main.ts tlc ${join(fixtures, 'Forever.tla')} --timeout 4`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CI;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status).toBe(3); // stopped by the timeout
    // Each redraw starts with "carriage return, erase line", then "m:ss ".
    const redraws = run.stdout.split('\r\u001b[2K').slice(1);
    const ticks = redraws.map((r) => /^(\d+):(\d\d) /.exec(r)).filter((m) => m !== null).map((m) => Number(m[1]) * 60 + Number(m[2]));
    expect(ticks).toContain(0);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(3);
  }, 90_000);
});
