/** `tlc` prints swimlanes for models with threads and the plain state list otherwise. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TLC_RECORD_FILE } from '../../src/cli/project.ts';
import { terminalSwimlanes } from '../../src/report/terminal-swimlanes.ts';
import { runTlc } from 'tla2tools-runner';

async function check(spec: string, config: string) {
  return runTlc({ spec, config, workers: 1, jarRecordFile: TLC_RECORD_FILE }).result;
}

describe('terminalSwimlanes', () => {
  it('draws a counterexample whose states have per-thread program counters', async () => {
    const fixtures = join(import.meta.dirname, 'fixtures');
    const result = await check(join(fixtures, 'MiniCollision.tla'), join(fixtures, 'MiniCollisionSafety.cfg'));
    const text = terminalSwimlanes(result, { columns: 90, isTTY: false });
    expect(text).not.toBeNull();
    expect(text!.split('\n')[0]).toBe(`Safe is violated in state ${result.trace.length}.`);
    expect(text!.split('\n').every((l) => [...l].length <= 90)).toBe(true);
  });

  it('declines a spec without threads (no pc variable)', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/tlc');
    const result = await check(join(fixtures, 'InvariantViolation.tla'), join(fixtures, 'InvariantViolation.cfg'));
    expect(result.outcome).toBe('safety');
    expect(result.trace.length).toBeGreaterThan(0);
    expect(terminalSwimlanes(result, { columns: 90 })).toBeNull();
  });
});
