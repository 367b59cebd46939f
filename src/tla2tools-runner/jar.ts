import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { TlcSetupError } from './java.ts';
import { zipHasEntry } from './zip-entry.ts';

/** Where to look for the TLC jar, in order of precedence. */
export interface JarSources {
  /** An explicit path (wins over everything). */
  jar?: string;
  /** A JSON file `{ "jar": "/abs/path" }` written by an installer. */
  recordFile?: string;
  env?: NodeJS.ProcessEnv;
}

const HINT = 'Run `npm install` (it fetches the pinned TLC jar) or set TLA2TOOLS_JAR=/path/to/tla2tools.jar.';

/** TLC's main class; the runner starts `tlc2.TLC` with `-cp <jar>`. */
const MAIN_CLASS_ENTRY = 'tlc2/TLC.class';

/** Jars already checked, by path, size and modification time (the check reads the zip directory). */
const checked = new Set<string>();

/**
 * The jar must be a regular file and a zip that holds tlc2/TLC.class;
 * otherwise java says only "Could not find or load main class tlc2.TLC",
 * without naming the jar.
 */
function mustBeTlcJar(path: string, from: string): string {
  const abs = resolve(path);
  const what = `the TLC jar ${abs} (from ${from})`;
  if (!existsSync(abs)) throw new TlcSetupError(`${what} does not exist. ${HINT}`);
  const stat = statSync(abs);
  if (!stat.isFile()) throw new TlcSetupError(`${what} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a jar. ${HINT}`);
  const key = `${abs}\0${stat.size}\0${stat.mtimeMs}`;
  if (checked.has(key)) return abs;
  let has: boolean | 'not-a-zip';
  try {
    has = zipHasEntry(abs, MAIN_CLASS_ENTRY);
  } catch (err) {
    throw new TlcSetupError(`cannot read ${what}: ${(err as Error).message}. ${HINT}`);
  }
  if (has === 'not-a-zip') throw new TlcSetupError(`${what} is not a jar (zip) file. ${HINT}`);
  if (!has) throw new TlcSetupError(`${what} has no ${MAIN_CLASS_ENTRY}: it is not a TLC (tla2tools) jar. ${HINT}`);
  checked.add(key);
  return abs;
}

/**
 * Resolves the TLC jar: the explicit `jar`, else env `TLA2TOOLS_JAR`, else
 * the `jar` field of `recordFile`.
 * @throws TlcSetupError when none is set, or the file is missing, a
 *   directory, not a zip, or a zip without tlc2/TLC.class.
 */
export function resolveJar(sources: JarSources): string {
  const env = sources.env ?? process.env;
  if (sources.jar) return mustBeTlcJar(sources.jar, 'the jar option');
  if (env.TLA2TOOLS_JAR) return mustBeTlcJar(env.TLA2TOOLS_JAR, 'TLA2TOOLS_JAR');
  if (sources.recordFile && existsSync(sources.recordFile)) {
    let jar: unknown;
    try {
      jar = (JSON.parse(readFileSync(sources.recordFile, 'utf8')) as { jar?: unknown }).jar;
    } catch (err) {
      throw new TlcSetupError(`cannot read ${sources.recordFile}: ${(err as Error).message}. ${HINT}`);
    }
    if (typeof jar !== 'string' || jar === '') throw new TlcSetupError(`${sources.recordFile} has no "jar" path. ${HINT}`);
    return mustBeTlcJar(jar, sources.recordFile);
  }
  throw new TlcSetupError(`no TLC jar found${sources.recordFile ? ` (no ${sources.recordFile})` : ''}. ${HINT}`);
}
