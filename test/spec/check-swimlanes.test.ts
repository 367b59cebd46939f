import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';

// `check --swimlanes` draws the counterexample of a failing model with one lane
// per thread; the model is a small bug model run by the real TLC (--force: never
// from the check cache).
describe('mmu-notifier check --swimlanes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws the counterexample of an expected failure as swimlanes, and only with the flag', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const plain = await checkCommand.run(['--model', 'MCBug_M4_InsertedSeqsOdd', '--force']);
    const plainText = printed.splice(0).join('\n');
    const drawn = await checkCommand.run(['--model', 'MCBug_M4_InsertedSeqsOdd', '--swimlanes', '--force']);
    const drawnText = printed.join('\n');

    expect(plain).toBe(0);
    expect(drawn).toBe(0);
    expect(plainText).not.toContain('is violated in state');
    expect(drawnText).toMatch(/InsertedSeqsOdd is violated in state \d+/);
    // The M4 counterexample is the manager's insert: its lane, its action
    // (wrapped at the lane width) and the variable it changed appear.
    expect(drawnText).toContain('manager');
    expect(drawnText).toContain('mmu_interval_notifier_');
    expect(drawnText).toContain('sub=s1');
    expect(drawnText).toContain('subs.s1.life');
  });
});
