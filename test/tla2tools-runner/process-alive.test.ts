import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processAlive } from 'tla2tools-runner';

/** The state letter of /proc/<pid>/stat. */
function stateOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

describe('processAlive', () => {
  it('counts this process as alive and an unused pid as gone', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 1)).toBe(false); // above Linux's pid_max limit
  });

  it('counts a zombie (ended, not reaped by its parent) as gone', async () => {
    // sh starts a child that ends 0.3 s later, and at once becomes `sleep`,
    // which never reaps it (sh itself would reap a child that ended before the exec).
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((done) => parent.stdout.once('data', (d: Buffer) => done(d.toString()))));
      let state = stateOf(zombie);
      for (let i = 0; i < 250 && state !== 'Z'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        state = stateOf(zombie);
      }
      expect(state).toBe('Z');
      expect(processAlive(zombie)).toBe(false);
      expect(processAlive(parent.pid!)).toBe(true);
    } finally {
      // The zombie goes to PID 1, which reaps it (where PID 1 reaps orphans at all).
      parent.kill('SIGKILL');
      await new Promise((done) => parent.once('exit', done));
    }
  });
});
