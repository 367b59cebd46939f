/**
 * SIGTERM sent only to the `npx` wrapper (npm does not pass it on): the
 * command's Node process notices its launcher is gone and shuts down as on
 * SIGTERM — no java of the run, no tlc-run folder, no wrapper left. Real TLC
 * on a spec that never ends.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapperAncestors, type ProcessInfo } from '../../src/cli/launcher-watch.ts';
import { processAlive } from 'tla2tools-runner';
import { javaProcessesMentioning, within } from '../tla2tools-runner/tlc-processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Live (non-zombie) processes of process group `pgid`: pid and command line. */
function groupMembers(pgid: number): Array<{ pid: number; args: string }> {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === pgid && !m[3]!.startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), args: m[4]! }));
}

function killGroupQuietly(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

describe('the launcher is gone', () => {
  it('SIGTERM to npx only: node, java and the run folder are gone within seconds', async () => {
    // detached: npx leads its own process group, as a job started by a shell or a CI runner.
    const npx = spawn('npx', ['tsx', 'src/cli/main.ts', 'tlc', 'test/fixtures/tlc/Forever.tla'], { cwd: ROOT, detached: true, stdio: 'ignore' });
    const pgid = npx.pid!;
    let runDir: string | null = null;
    let cliPid = 0;
    try {
      // The CLI's own node (tsx's child: its command line starts with node's path), then its TLC run folder.
      const started = await within(30_000, () => {
        const cli = groupMembers(pgid).find((p) => p.args.includes('src/cli/main.ts') && p.args.includes('loader.mjs'));
        if (!cli) return false;
        cliPid = cli.pid;
        const name = readdirSync(tmpdir()).find((n) => n.startsWith(`tlc-run-${cli.pid}-`));
        runDir = name ? join(tmpdir(), name) : null;
        return runDir !== null && javaProcessesMentioning(runDir).length > 0;
      });
      expect(started).not.toBeNull();
      process.kill(npx.pid!, 'SIGTERM');
      const took = await within(5_000, () => javaProcessesMentioning(runDir!).length === 0 && !existsSync(runDir!) && !processAlive(cliPid));
      console.log(`SIGTERM to npx -> java gone, run folder removed, node ended: ${took} ms`);
      expect(took).not.toBeNull();
      // npm's shell and tsx end with it: nothing of the job is left.
      expect(await within(3_000, () => groupMembers(pgid).length === 0)).not.toBeNull();
    } finally {
      killGroupQuietly(pgid);
      for (const line of runDir ? javaProcessesMentioning(runDir) : []) killGroupQuietly(Number(line.trim().split(/\s+/)[0]));
    }
  }, 60_000);
});

describe('wrapperAncestors', () => {
  const table = (rows: Record<number, ProcessInfo>) => (pid: number) => rows[pid] ?? null;

  it('walks up node processes and the shell npm starts, and stops at the user\'s shell', () => {
    const info = table({
      50: { ppid: 40, pgid: 10, program: 'node' }, // the CLI
      40: { ppid: 30, pgid: 10, program: 'node' }, // tsx
      30: { ppid: 20, pgid: 10, program: 'sh' }, // npm's sh -c
      20: { ppid: 5, pgid: 10, program: 'node' }, // npm exec
      5: { ppid: 1, pgid: 10, program: 'bash' }, // a script's shell (same group without job control)
    });
    expect(wrapperAncestors(50, info)).toEqual([40, 30, 20]);
  });

  it('stops at a process of another group (a detached spawn, a shell with job control)', () => {
    const info = table({
      50: { ppid: 40, pgid: 50, program: 'node' },
      40: { ppid: 1, pgid: 40, program: 'node' },
    });
    expect(wrapperAncestors(50, info)).toEqual([]);
  });

  it('a shell not started by node is not a wrapper (nohup from a script)', () => {
    const info = table({
      50: { ppid: 30, pgid: 10, program: 'node' },
      30: { ppid: 5, pgid: 10, program: 'sh' },
      5: { ppid: 1, pgid: 10, program: 'bash' },
    });
    expect(wrapperAncestors(50, info)).toEqual([]);
  });
});
