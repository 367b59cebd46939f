/**
 * The shipped GitHub workflow (.github/workflows/tlc.yml) is valid YAML of
 * the shape GitHub runs, sets up Java and Node as the project needs them, and
 * runs exactly the commands of .ci/run, in the same order: a fork's CI and
 * ours do the same thing, which is the README's quick start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  jobs?: Record<string, { 'runs-on'?: string; steps?: Step[]; 'timeout-minutes'?: number }>;
}

/** The commands of a shell text: one per line, without comments, blank lines and echo/set/cd chatter. */
function commandsOf(script: string): string[] {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !/^(echo|set|cd)\b/.test(l))
    // The tool-version line only prints what the runner has.
    .filter((l) => !l.startsWith('node --version'));
}

const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'tlc.yml'), 'utf8')) as Workflow;
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
const jobs = Object.values(workflow.jobs ?? {});
const steps = jobs[0]?.steps ?? [];
const action = (name: string): Step | undefined => steps.find((s) => s.uses?.startsWith(`${name}@`));

describe('.github/workflows/tlc.yml', () => {
  it('is one job on an Ubuntu runner, triggered by pushes and pull requests, with a time limit', () => {
    expect(Object.keys(workflow.on ?? {})).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!['runs-on']).toMatch(/^ubuntu-/);
    expect(jobs[0]!['timeout-minutes']).toBeGreaterThan(0);
    for (const step of steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
  });

  it('checks out, then sets up Java 11+ and the Node of package.json engines, before any command', () => {
    const firstRun = steps.findIndex((s) => s.run !== undefined);
    for (const name of ['actions/checkout', 'actions/setup-java', 'actions/setup-node']) {
      const at = steps.findIndex((s) => s.uses?.startsWith(`${name}@v`));
      expect(at, name).toBeGreaterThanOrEqual(0);
      expect(at, name).toBeLessThan(firstRun);
    }
    expect(Number(action('actions/setup-java')!.with!['java-version'])).toBeGreaterThanOrEqual(11);
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minNode = Number(/>=\s*(\d+)/.exec(engines)![1]);
    expect(Number(action('actions/setup-node')!.with!['node-version'])).toBeGreaterThanOrEqual(minNode);
  });

  it('runs the same commands as .ci/run, in the same order', () => {
    const workflowCommands = steps.flatMap((s) => (s.run === undefined ? [] : commandsOf(s.run)));
    const ciCommands = commandsOf(ciRun);
    expect(ciCommands).toContain('npm test');
    expect(ciCommands.some((c) => c.startsWith('npm ci'))).toBe(true);
    expect(workflowCommands).toEqual(ciCommands);
  });
});
