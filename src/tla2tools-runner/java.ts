import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Thrown when java or the TLC jar cannot be found or used; the message says what to do. */
export class TlcSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlcSetupError';
  }
}

/** A usable Java runtime. */
export interface JavaRuntime {
  /** Path or command name of the `java` executable. */
  command: string;
  /** Major version (11, 17, 21, …). */
  major: number;
}

/** The lowest Java major version TLC 2.18 runs on. */
export const MIN_JAVA_MAJOR = 11;

/** Reads the major version out of `java -version` output (`1.8.0_x` → 8, `17.0.15` → 17). */
export function parseJavaMajor(versionText: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

const cache = new Map<string, JavaRuntime>();

/**
 * Finds java: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on
 * PATH; checks it runs and is Java 11 or newer. The check runs once per
 * command (cached), since `java -version` alone costs ~100 ms.
 * @throws TlcSetupError saying what to install or set.
 */
export function resolveJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const command = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const known = cache.get(command);
  if (known) return known;
  const out = spawnSync(command, ['-version'], { encoding: 'utf8', env });
  if (out.error) {
    throw new TlcSetupError(
      `cannot run '${command}' (${out.error.message}). TLC needs Java ${MIN_JAVA_MAJOR} or newer: ` +
        `install it (Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.`,
    );
  }
  const major = parseJavaMajor(`${out.stderr}${out.stdout}`);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    throw new TlcSetupError(
      `'${command} -version' reports ${major === undefined ? 'an unknown version' : `Java ${major}`}; ` +
        `TLC needs Java ${MIN_JAVA_MAJOR} or newer. Install a newer JDK or point JAVA_HOME at one.`,
    );
  }
  const runtime = { command, major };
  cache.set(command, runtime);
  return runtime;
}
