import { execFileSync } from 'node:child_process';

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
