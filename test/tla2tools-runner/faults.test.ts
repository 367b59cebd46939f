// Faults at the runner's level, with the real TLC: a JVM that runs out of
// memory, the parent Node process killed with SIGKILL, run folders left by
// a dead owner, timeouts past setTimeout's limit. Processes are found by the
// run's own temporary folder (unique per run), never by name, since other
// TLC runs share this machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXIT_GRACE_MS, runTlc, type TlcRunHandle, type TlcRunOptions } from 'tla2tools-runner';
import { processesMentioning, startRunForever, within } from './tlc-processes.ts';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tlc');
const jarRecordFile = join(root, '.tlc', 'tlc.json');
const scratch = mkdtempSync(join(tmpdir(), 'runner-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(name: string, options: Partial<TlcRunOptions> = {}): TlcRunHandle {
  return runTlc({ spec: join(fixtures, `${name}.tla`), jarRecordFile, ...options });
}
function tempDirOf(h: TlcRunHandle): string {
  return dirname(h.command.args[h.command.args.indexOf('-metadir') + 1]!);
}

describe('runner faults with the real TLC', () => {
  it('out of memory: the JVM is ended within seconds, the result is error with TLC text and heap advice', async () => {
    // The reproduction: a tiny heap through JAVA_TOOL_OPTIONS.
    const h = start('OutOfMemory', { env: { ...process.env, JAVA_TOOL_OPTIONS: '-Xmx16m' } });
    let oomAt: number | undefined;
    h.onEvent = (e) => {
      // TLC's 1000/1001 messages, or (when the heap runs out elsewhere, e.g. in
      // SANY) only Java's "Exception in thread … OutOfMemoryError" on stderr.
      const text = e.type === 'error' || e.type === 'output' ? e.text : '';
      if (oomAt === undefined && /Java ran out of memory|OutOfMemoryError/.test(text)) oomAt = Date.now();
    };
    const r = await h.result;
    const ended = Date.now();
    expect(oomAt, 'neither TLC nor Java reported an OutOfMemoryError').toBeDefined();
    const afterOom = ended - oomAt!;
    console.log(`out of memory -> result: ${afterOom} ms (grace ${DEFAULT_EXIT_GRACE_MS} ms), exit ${r.exitCode}, signal ${r.signal}`);
    expect(afterOom).toBeLessThan(DEFAULT_EXIT_GRACE_MS + 5000);
    expect(r.outcome).toBe('error');
    const errors = r.errors.join('\n');
    expect(errors).toMatch(/Java ran out of memory|OutOfMemoryError/); // TLC's or Java's own text
    expect(errors).toMatch(/larger heap .*-Xmx/);
    // Usually the JVM hangs and the runner ends it; if it exits by itself, no such note.
    if (r.signal === 'SIGKILL') expect(errors).toMatch(/did not exit within \d+ ms after a fatal JVM error/);
    expect(processesMentioning(tempDirOf(h))).toEqual([]);
    expect(existsSync(tempDirOf(h))).toBe(false);
  }, 180_000);

  it('a JVM that hangs after TLC\'s last message (2186) is ended after ten grace periods', async () => {
    // A stand-in for java that prints TLC's last message, then never exits.
    const javaHome = join(scratch, 'hanging-java');
    mkdirSync(join(javaHome, 'bin'), { recursive: true });
    const fake = join(javaHome, 'bin', 'java');
    writeFileSync(
      fake,
      `#!/bin/sh\nif [ "$1" = "-version" ]; then echo 'openjdk version "17.0.1"' >&2; exit 0; fi\n` +
        `printf '@!@!@STARTMSG 2186:0 @!@!@\\nFinished in 1ms at (now)\\n@!@!@ENDMSG 2186 @!@!@\\n'\nexec sleep 600\n`,
      { mode: 0o755 },
    );
    const t0 = Date.now();
    const h = start('Counter', { env: { ...process.env, JAVA_HOME: javaHome }, exitGraceMs: 100 });
    const r = await h.result;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r).toMatchObject({ outcome: 'error', exitCode: null, signal: 'SIGKILL' });
    expect(r.errors.join('\n')).toMatch(/the JVM did not exit within 1000 ms after TLC printed its last message \(2186\); the runner ended it/);
    expect(processesMentioning(tempDirOf(h))).toEqual([]);
    expect(existsSync(tempDirOf(h))).toBe(false);
  }, 30_000);

  it('SIGKILL of the parent Node process: no java, no watchdog and no run folder remain', async () => {
    const { child, tempDir } = await startRunForever(root);
    expect(processesMentioning(tempDir).filter((l) => l.includes('java'))).toHaveLength(1);
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const took = await within(10_000, () => processesMentioning(tempDir).length === 0 && !existsSync(tempDir));
    console.log(`SIGKILL of node -> java gone and folder removed: ${took} ms`);
    expect(processesMentioning(tempDir)).toEqual([]);
    expect(existsSync(tempDir)).toBe(false);
  }, 120_000);

  it('a run folder whose owner process is dead is swept when the next run starts; live and unknown ones stay', async () => {
    const tmpRoot = join(scratch, 'sweep');
    mkdirSync(tmpRoot);
    const deadPid = spawnSync('true').pid;
    const dead = join(tmpRoot, `tlc-run-${deadPid}-AbCdEf`);
    const live = join(tmpRoot, `tlc-run-${process.pid}-GhIjKl`);
    const unowned = join(tmpRoot, 'tlc-run-MnOpQr'); // older runner version, recent: kept
    for (const d of [dead, live, unowned]) {
      mkdirSync(join(d, 'meta'), { recursive: true });
      writeFileSync(join(d, 'meta', 'junk'), 'x');
    }
    const r = await start('Counter', { tmpRoot }).result;
    expect(r.outcome).toBe('success');
    expect([existsSync(dead), existsSync(live), existsSync(unowned)]).toEqual([false, true, true]);
  }, 60_000);

  it('a timeout longer than setTimeout allows (2^31 ms) does not fire at once', async () => {
    const h = start('Forever', { timeoutMs: 3_000_000_000 });
    const early = await Promise.race([h.result.then(() => 'ended'), new Promise((r) => setTimeout(() => r('running'), 4000))]);
    h.abort('test over');
    const r = await h.result;
    expect(early).toBe('running');
    expect(r.errors.join('\n')).toMatch(/test over/);
    expect(r.errors.join('\n')).not.toMatch(/timeout after/);
  }, 60_000);

  it('fractional or out-of-range options are refused before java starts', () => {
    expect(() => start('Counter', { workers: 0.5 })).toThrow(/option workers must be a whole number from 1 to 1024, got 0.5/);
    expect(() => start('Counter', { timeoutMs: Number.NaN })).toThrow(/option timeoutMs must be a positive number/);
    expect(() => start('Counter', { fp: 131 })).toThrow(/option fp must be a whole number from 0 to 130/);
    expect(() => start('Counter', { heap: '2 GB' })).toThrow(/option heap must be a JVM size/);
  });
});
