import { execFileSync } from 'node:child_process';

/** Command lines of live `java` processes that mention `needle` (e.g. a run's temp dir). */
export function javaProcessesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('java') && l.includes(needle))
    .filter((l) => !/^\s*\d+\s+Z/.test(l)); // zombies are dead already
}
