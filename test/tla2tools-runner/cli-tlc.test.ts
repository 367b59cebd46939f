// The `mmu-notifier tlc` command end to end (in-process main(), real TLC).
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'tlc');

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
