import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJavaMajor, resolveJar, resolveJava, runTlc, temporalPropertiesOfConfig, TlcSetupError } from 'tla2tools-runner';

const dir = mkdtempSync(join(tmpdir(), 'runner-setup-'));
/** The pinned TLC jar (installed by npm install). */
const realJar = (JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', '.tlc', 'tlc.json'), 'utf8')) as { jar: string }).jar;
const fakeJar = realJar;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveJar', () => {
  it('prefers the explicit jar, then TLA2TOOLS_JAR, then the record file', () => {
    const record = join(dir, 'tlc.json');
    writeFileSync(record, JSON.stringify({ jar: fakeJar }));
    expect(resolveJar({ jar: fakeJar, env: { TLA2TOOLS_JAR: '/nope.jar' } })).toBe(fakeJar);
    expect(resolveJar({ env: { TLA2TOOLS_JAR: fakeJar }, recordFile: '/nope.json' })).toBe(fakeJar);
    expect(resolveJar({ env: {}, recordFile: record })).toBe(fakeJar);
  });
  it('says to run npm install or set TLA2TOOLS_JAR when nothing is found', () => {
    expect(() => resolveJar({ env: {}, recordFile: join(dir, 'missing.json') })).toThrow(/npm install.*TLA2TOOLS_JAR/);
    expect(() => resolveJar({ env: { TLA2TOOLS_JAR: join(dir, 'gone.jar') } })).toThrow(TlcSetupError);
  });
});

describe('resolveJar checks that the jar is a TLC jar', () => {
  it('names the jar when it is a directory, a text file or a zip without tlc2/TLC.class', () => {
    const folder = join(dir, 'folder.jar');
    mkdirSync(folder);
    const text = join(dir, 'text.jar');
    writeFileSync(text, 'not a zip\n');
    const other = join(dir, 'other.jar');
    writeFileSync(join(dir, 'Other.class'), 'x');
    execFileSync('zip', ['-q', other, 'Other.class'], { cwd: dir });
    expect(() => resolveJar({ jar: folder })).toThrow(new RegExp(`TLC jar ${folder} \\(from the jar option\\) is a directory, not a jar`));
    expect(() => resolveJar({ jar: text })).toThrow(new RegExp(`TLC jar ${text} .* is not a jar \\(zip\\) file`));
    expect(() => resolveJar({ env: { TLA2TOOLS_JAR: other } })).toThrow(new RegExp(`TLC jar ${other} \\(from TLA2TOOLS_JAR\\) has no tlc2/TLC.class`));
    expect(resolveJar({ jar: realJar })).toBe(realJar);
  });
});

describe('resolveJava', () => {
  it('reads old and new version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });
  it('finds the installed java (>= 11) and explains a bad JAVA_HOME', () => {
    expect(resolveJava().major).toBeGreaterThanOrEqual(11);
    expect(() => resolveJava({ JAVA_HOME: join(dir, 'no-jdk') })).toThrow(/JAVA_HOME/);
  });
});

describe('runTlc input checks', () => {
  it('rejects a missing spec or config before starting java', () => {
    expect(() => runTlc({ spec: join(dir, 'Missing.tla') })).toThrow(/spec .*Missing.tla not found/);
    writeFileSync(join(dir, 'Lone.tla'), '---- MODULE Lone ----\n====\n');
    expect(() => runTlc({ spec: join(dir, 'Lone.tla') })).toThrow(/config .*Lone.cfg not found/);
    expect(() => runTlc({ spec: join(dir, 'Lone.tla'), config: join(dir, 'x.cfg') })).toThrow(/config .*x.cfg not found/);
  });
});

describe('temporalPropertiesOfConfig', () => {
  it('lists PROPERTY / PROPERTIES names, skipping comments', () => {
    expect(temporalPropertiesOfConfig('SPECIFICATION Spec\nPROPERTIES A B \\* C\n(* D *)\nINVARIANT I')).toEqual(['A', 'B']);
  });
});
