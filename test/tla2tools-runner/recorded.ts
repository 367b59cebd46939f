import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folder of the recordings made by scripts/record-tlc-output.ts from the real TLC. */
export const RECORDED = resolve(import.meta.dirname, '..', 'fixtures', 'tlc', 'recorded');

/** A recording: raw -tool stdout and the exit status TLC returned (null: the recorder killed it). */
export function recording(name: string): { text: string; exitCode: number } {
  const exit = readFileSync(join(RECORDED, `${name}.exit`), 'utf8').trim();
  return {
    text: readFileSync(join(RECORDED, `${name}.out`), 'utf8'),
    exitCode: (exit === 'null' ? null : Number(exit)) as number,
  };
}

/** The fixture cfg of a recording (same name). */
export function fixtureConfig(name: string): string {
  return readFileSync(join(RECORDED, '..', `${name}.cfg`), 'utf8');
}
