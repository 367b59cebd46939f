// The runner as a published package: `npm pack` its workspace, install the
// tarball into an empty project (its one dependency, zod, comes from the npm
// registry or npm's cache), and run real TLC through it from plain JavaScript
// that imports it by name, then type-check a TypeScript consumer against the
// packed declarations. Nothing here imports the runner's sources.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownedTempDir } from '../../src/files/owned-temp-dir.ts';

const root = resolve(import.meta.dirname, '..', '..');
const jarRecordFile = join(root, '.tlc', 'tlc.json');
const work = ownedTempDir('runner-pack-');
const app = join(work, 'app');

/** A counter from 0 to 3: four distinct states; `Small` fails in the last one. */
const COUNTER_TLA = `---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == (x < 3 /\\ x' = x + 1) \\/ (x = 3 /\\ UNCHANGED x)
Small == x < 3
====
`;
const HOLDS_CFG = 'INIT Init\nNEXT Next\n';
const FAILS_CFG = 'INIT Init\nNEXT Next\nINVARIANT Small\n';

/** Plain JavaScript: run each config, print the typed result's fields as one JSON line. */
const PROBE_MJS = `import { runTlc, parseTlcValue } from 'tla2tools-runner';
const [jarRecordFile, ...configs] = process.argv.slice(2);
const results = [];
for (const config of configs) {
  const r = await runTlc({ spec: 'Counter.tla', config, jarRecordFile, timeoutMs: 60000 }).result;
  results.push({
    outcome: r.outcome, violated: r.violated, distinctStates: r.distinctStates,
    lastX: r.trace.at(-1)?.state?.x ?? null, errors: r.errors,
  });
}
results.push(parseTlcValue('<<1, "a">>'));
console.log(JSON.stringify(results));
`;

/** A TypeScript consumer: compiles only if the packed declarations type the result. */
const CONSUMER_TS = `import { runTlc, type TlcOutcome, type TlcResult } from 'tla2tools-runner';
export async function outcomeOf(spec: string): Promise<TlcOutcome> {
  const r: TlcResult = await runTlc({ spec }).result;
  const distinct: number | null = r.distinctStates;
  // @ts-expect-error the result has no such field: the declarations are real, not 'any'
  void r.notAField;
  return distinct === null ? 'error' : r.outcome;
}
`;

/**
 * The environment without npm's script variables: under `npm test` they
 * include npm_config_local_prefix=<this project>, which could make the
 * probe's `npm install` act on the project instead of the empty one.
 */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

/** Runs a command; a failure is thrown with the command's own output (tsc and npm explain on stdout). */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: cleanEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`, { cause: e });
  }
}

beforeAll(() => {
  // prepack builds dist/ (tsc) first; --json names the tarball.
  const packed = JSON.parse(run('npm', ['pack', '--workspace', 'tla2tools-runner', '--pack-destination', work, '--json'], root)) as { filename: string }[];
  const tarball = join(work, packed[0]!.filename);
  execFileSync('mkdir', [app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'runner-pack-probe', private: true, type: 'module' }));
  run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], app);
  writeFileSync(join(app, 'Counter.tla'), COUNTER_TLA);
  writeFileSync(join(app, 'Holds.cfg'), HOLDS_CFG);
  writeFileSync(join(app, 'Fails.cfg'), FAILS_CFG);
  writeFileSync(join(app, 'probe.mjs'), PROBE_MJS);
  writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the tla2tools-runner tarball in an empty project', () => {
  it('packs only the built JavaScript, its declarations, README and LICENSE', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'tla2tools-runner', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.exports).toEqual({ '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' });
    const files = run('find', ['.', '-type', 'f', '-not', '-path', './node_modules/*'], join(app, 'node_modules', 'tla2tools-runner')).trim().split('\n').sort();
    expect(files).toContain('./dist/index.js');
    expect(files).toContain('./dist/index.d.ts');
    expect(files).toContain('./LICENSE');
    expect(files).toContain('./README.md');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('runs a spec from plain JavaScript by package name, with the pinned jar', () => {
    const [holds, fails, value] = JSON.parse(run('node', ['probe.mjs', jarRecordFile, 'Holds.cfg', 'Fails.cfg'], app)) as unknown[];
    expect(holds).toEqual({ outcome: 'success', violated: null, distinctStates: 4, lastX: null, errors: [] });
    expect(fails).toMatchObject({ outcome: 'safety', violated: 'Small', lastX: { kind: 'int', value: 3 } });
    expect(value).toEqual({ kind: 'tuple', items: [{ kind: 'int', value: 1 }, { kind: 'string', value: 'a' }] });
  });

  it('types a TypeScript consumer through the exports map', () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    // A Node consumer has @types/node (the declarations mention ChildProcess, AbortSignal): the project's.
    const nodeTypes = ['--typeRoots', join(root, 'node_modules', '@types'), '--types', 'node'];
    const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', ...nodeTypes, 'consumer.ts'];
    expect(run('node', args, app)).toBe('');
  });
});
