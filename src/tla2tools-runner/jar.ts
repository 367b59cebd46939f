import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TlcSetupError } from './java.ts';

/** Where to look for the TLC jar, in order of precedence. */
export interface JarSources {
  /** An explicit path (wins over everything). */
  jar?: string;
  /** A JSON file `{ "jar": "/abs/path" }` written by an installer. */
  recordFile?: string;
  env?: NodeJS.ProcessEnv;
}

const HINT = 'Run `npm install` (it fetches the pinned TLC jar) or set TLA2TOOLS_JAR=/path/to/tla2tools.jar.';

function mustExist(path: string, from: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new TlcSetupError(`the TLC jar ${abs} (from ${from}) does not exist. ${HINT}`);
  return abs;
}

/**
 * Resolves the TLC jar: the explicit `jar`, else env `TLA2TOOLS_JAR`, else
 * the `jar` field of `recordFile`.
 * @throws TlcSetupError when none is set or the file is missing.
 */
export function resolveJar(sources: JarSources): string {
  const env = sources.env ?? process.env;
  if (sources.jar) return mustExist(sources.jar, 'the jar option');
  if (env.TLA2TOOLS_JAR) return mustExist(env.TLA2TOOLS_JAR, 'TLA2TOOLS_JAR');
  if (sources.recordFile && existsSync(sources.recordFile)) {
    let jar: unknown;
    try {
      jar = (JSON.parse(readFileSync(sources.recordFile, 'utf8')) as { jar?: unknown }).jar;
    } catch (err) {
      throw new TlcSetupError(`cannot read ${sources.recordFile}: ${(err as Error).message}. ${HINT}`);
    }
    if (typeof jar !== 'string' || jar === '') throw new TlcSetupError(`${sources.recordFile} has no "jar" path. ${HINT}`);
    return mustExist(jar, sources.recordFile);
  }
  throw new TlcSetupError(`no TLC jar found${sources.recordFile ? ` (no ${sources.recordFile})` : ''}. ${HINT}`);
}
