/**
 * The replay harness can fail: a trace tampered in one state or one action
 * is reported at that step, with the action and a diff naming the field.
 * Also the CLI on real trace files.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, replayTrace } from '../../src/codegen/replay.ts';
import { projectModels, tracesOf } from '../../src/codegen/suite.ts';
import { expandTrace, type ExpandedTrace } from '../../src/codegen/trace-format.ts';
import { PATHS } from './project.ts';

async function longTrace(): Promise<ExpandedTrace> {
  const model = projectModels(PATHS, 'export').find((m) => m.name === 'MCExport_Small')!;
  const { file } = await tracesOf(PATHS, model);
  const entry = file.traces.find((t) => t.actions.length >= 5)!;
  return expandTrace(file, entry);
}

describe('replay reports tampered traces', () => {
  it('a changed state value: mismatch at that step, diff names the field', async () => {
    const t = await longTrace();
    const steps = t.steps.map((s, i) => (i === 2 ? { ...s, state: { ...s.state, seq: (s.state.seq as number) + 100 } } : s));
    const r = await replayTrace({ ...t, steps });
    expect(r.failure?.kind).toBe('mismatch');
    expect(r.failure?.step).toBe(3);
    expect(r.stepsReplayed).toBe(2);
    const text = describeFailure(r);
    expect(text).toContain(t.id);
    expect(text).toContain(`step 3, ${t.steps[2]!.action.thread} ${t.steps[2]!.action.name}`);
    expect(text).toMatch(/\.seq: spec \d+ {2}impl \d+/);
  });

  it('an action the implementation cannot take: divergence at that step', async () => {
    const t = await longTrace();
    const wrong = { ...t.steps[0]!.action, name: 'remove_return_free' };
    const r = await replayTrace({ ...t, steps: [{ ...t.steps[0]!, action: wrong }, ...t.steps.slice(1)] });
    expect(r.failure?.kind).toBe('divergence');
    expect(r.failure?.step).toBe(1);
    expect(describeFailure(r)).toContain('cannot take this step');
  });
});

describe('CLI', () => {
  const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, ['--import', 'tsx', join(PATHS.root, 'src/cli/main.ts'), ...args], { cwd: PATHS.root, encoding: 'utf8' });

  it('gen --json reports coverage per model; replay --json replays a file', async () => {
    const model = projectModels(PATHS, 'counterexample').find((m) => m.name === 'MCBug_M4_InsertedSeqsOdd')!;
    const { path } = await tracesOf(PATHS, model);
    const gen = cli('gen', '--json', '--model', 'MCBug_M4_InsertedSeqsOdd');
    expect(gen.status, gen.stderr).toBe(0);
    const summary = JSON.parse(gen.stdout) as { models: { name: string; traces: number; edges: number | null }[] };
    expect(summary.models).toEqual([expect.objectContaining({ name: 'MCBug_M4_InsertedSeqsOdd', traces: 1, edges: null })]);
    const replay = cli('replay', path, '--json');
    expect(replay.status, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ model: 'MCBug_M4_InsertedSeqsOdd', traces: 1, ok: true, failures: [] });
  });

  it('replay exits 1 and names the step on a tampered file, 2 on a file that is not a trace file', async () => {
    const model = projectModels(PATHS, 'export').find((m) => m.name === 'MCExport_Small')!;
    const { file } = await tracesOf(PATHS, model);
    const entry = file.traces.find((t) => t.actions.length >= 3)!;
    const states = file.states.map((s, i) => (i === entry.states[2] ? { ...s, active: (s.active as number) + 7 } : s));
    const dir = mkdtempSync(join(tmpdir(), 'replay-cli-'));
    try {
      const tampered = join(dir, 'tampered.json');
      writeFileSync(tampered, JSON.stringify({ ...file, states, traces: [entry] }));
      const r = cli('replay', tampered, '--json');
      expect(r.status).toBe(1);
      const out = JSON.parse(r.stdout) as { ok: boolean; failures: { trace: string; step: number; kind: string; message: string }[] };
      expect(out.ok).toBe(false);
      expect(out.failures[0]).toMatchObject({ trace: entry.id, step: 2, kind: 'mismatch' });
      expect(out.failures[0]!.message).toContain('.active');
      const junk = join(dir, 'junk.json');
      writeFileSync(junk, '{"format":"nope"}');
      const bad = cli('replay', junk);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/not a mmu-notifier-traces\/1 trace file/);
      const empty = join(dir, 'empty.json');
      writeFileSync(empty, JSON.stringify({ ...file, traces: [] }));
      const none = cli('replay', empty);
      expect(none.status).toBe(2);
      expect(none.stderr.trim()).toBe(`mmu-notifier replay: ${empty} holds no trace: regenerate it with \`mmu-notifier gen --force\``);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replay shows its progress on stderr while it runs (a line per quarter when not on a terminal)', async () => {
    const model = projectModels(PATHS, 'export').find((m) => m.name === 'MCExport_Small')!;
    const { path, file } = await tracesOf(PATHS, model);
    const n = file.traces.length;
    const r = cli('replay', path);
    expect(r.status, r.stderr).toBe(0);
    const progress = r.stderr.split('\n').filter((l) => /replay: \d+\/\d+ traces/.test(l));
    expect(progress[0]).toContain(`replay: 0/${n} traces`);
    expect(progress.at(-1)).toContain(`replay: ${n}/${n} traces`);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(r.stdout).toContain(`MCExport_Small: ${n} trace(s)`);
  });
});
