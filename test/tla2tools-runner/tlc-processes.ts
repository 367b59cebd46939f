import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Command lines of live `java` processes that mention `needle` (e.g. a run's temp dir). */
export function javaProcessesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('java') && l.includes(needle))
    .filter((l) => !/^\s*\d+\s+Z/.test(l)); // zombies are dead already
}

/** Command lines of any live process (java, the watchdog shell, …) that mention `needle`. */
export function processesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'))
    .filter((l) => !/^\s*\d+\s+Z/.test(l));
}

/** Polls `check` every 100 ms until it returns true or `ms` have passed; returns the time it took, or null. */
export async function within(ms: number, check: () => boolean): Promise<number | null> {
  const start = Date.now();
  for (;;) {
    if (check()) return Date.now() - start;
    if (Date.now() - start > ms) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts helpers/run-forever.ts in a child Node process (TLC on a spec that
 * never ends) and resolves once its java runs, with the run's temp folder.
 * `['--distributed']`: a TLCServer with 2 local workers, once one registered.
 */
export async function startRunForever(root: string, helperArgs: readonly string[] = []): Promise<{ child: ChildProcessByStdio<null, Readable, null>; tempDir: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'run-forever.ts'), ...helperArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolveLine, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolveLine(text.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`helper exited early with ${code}`)));
  });
  return { child, tempDir: (JSON.parse(line) as { tempDir: string }).tempDir };
}
