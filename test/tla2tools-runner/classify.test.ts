import { describe, expect, it } from 'vitest';
import { classifyRun, type RunFacts } from 'tla2tools-runner';

const facts = (f: Partial<RunFacts>): RunFacts => ({
  exitCode: 0,
  signal: null,
  stoppedBy: null,
  violations: [],
  errorCount: 0,
  distinctStates: 5,
  generatedStates: 9,
  simulation: false,
  ...f,
});

describe('classifyRun', () => {
  it('maps violation exit codes 10-14', () => {
    const got = [10, 11, 12, 13, 14].map((exitCode) => classifyRun(facts({ exitCode })).outcome);
    expect(got).toEqual(['assumption', 'deadlock', 'safety', 'liveness', 'assert']);
  });
  it('notes a violation exit without its message', () => {
    expect(classifyRun(facts({ exitCode: 12 })).notes[0]).toMatch(/no violation message/);
  });
  it('exit 0 with a violation message (-continue) is a violation', () => {
    expect(classifyRun(facts({ violations: ['safety'] })).outcome).toBe('safety');
  });
  it('exit 0 with 0 or unknown distinct states is an error', () => {
    expect(classifyRun(facts({ distinctStates: 0 })).outcome).toBe('error');
    expect(classifyRun(facts({ distinctStates: null })).outcome).toBe('error');
  });
  it('evaluation, parse, config failures, crashes and signals are errors', () => {
    for (const exitCode of [1, 75, 76, 77, 150, 151, 255, null]) {
      expect(classifyRun(facts({ exitCode, signal: exitCode === null ? 'SIGKILL' : null })).outcome).toBe('error');
    }
  });
  it('a stopped run is an error whatever it printed', () => {
    expect(classifyRun(facts({ stoppedBy: 'timeout after 5 ms' }))).toEqual({ outcome: 'error', notes: ['TLC was stopped: timeout after 5 ms'] });
  });
  it('simulation needs generated states, not distinct ones', () => {
    expect(classifyRun(facts({ simulation: true, distinctStates: null })).outcome).toBe('success');
    expect(classifyRun(facts({ simulation: true, generatedStates: 0 })).outcome).toBe('error');
  });
});
