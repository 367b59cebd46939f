import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/codegen/file-lock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function lockPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(dir);
  return join(dir, 'm.lock');
}

/** The PID of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Resolves with the work's result, or rejects if it took longer than `ms` (a hang). */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`still waiting after ${ms} ms`)))]);
}

describe('withFileLock', () => {
  it('runs holders of one lock one after the other and removes the lock', async () => {
    const lock = lockPath();
    const events: string[] = [];
    const job = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name}+`);
        await sleep(50);
        events.push(`${name}-`);
        return name;
      });
    expect(await Promise.all([job('a'), job('b')])).toEqual(['a', 'b']);
    expect(events.join(' ')).toMatch(/^(a\+ a- b\+ b-|b\+ b- a\+ a-)$/);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the work fails', async () => {
    const lock = lockPath();
    await expect(withFileLock(lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over at once a lock whose holder process is gone', async () => {
    const lock = lockPath();
    writeFileSync(lock, `${deadPid()}\n`);
    expect(await within(2_000, withFileLock(lock, () => Promise.resolve('ran')))).toBe('ran');
    expect(readdirSync(join(lock, '..'))).toEqual([]);
  });

  it('takes over an empty lock (holder died while creating it) once it is older than a moment', async () => {
    const lock = lockPath();
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await within(2_000, withFileLock(lock, () => Promise.resolve('ran')))).toBe('ran');
  });

  it('waits for a live holder and says who holds it', async () => {
    const lock = lockPath();
    writeFileSync(lock, `${process.ppid}\n`); // the parent of this test worker is alive
    const waitedFor: number[] = [];
    const run = withFileLock(lock, () => Promise.resolve('ran'), (pid) => waitedFor.push(pid));
    await sleep(600);
    expect(waitedFor).toEqual([process.ppid]);
    rmSync(lock);
    expect(await within(2_000, run)).toBe('ran');
  });

  it('a holder killed with SIGKILL does not block the next one', async () => {
    const lock = lockPath();
    const module = new URL('../../src/codegen/file-lock.ts', import.meta.url).pathname;
    const script = `import(${JSON.stringify(module)}).then((m) => m.withFileLock(${JSON.stringify(lock)}, () => { console.log('held'); return new Promise(() => {}); }))`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(existsSync(lock)).toBe(true);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(await within(2_000, withFileLock(lock, () => Promise.resolve('ran')))).toBe('ran');
    expect(readdirSync(join(lock, '..'))).toEqual([]);
  });
});
