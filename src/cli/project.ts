import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `npm install` records the TLC jar (`{ "jar": "/abs/path" }`). */
export const TLC_RECORD_FILE = join(PROJECT_ROOT, '.tlc', 'tlc.json');
