/** Terminal swimlanes of a real TLC counterexample: columns per thread, width-aware, marks. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Counterexample } from '../../src/report/counterexample.ts';
import { renderSwimlanesText } from '../../src/report/swimlanes-text.ts';
import { fixtureCounterexample } from './tlc-fixture.ts';

let safety: Counterexample;
let liveness: Counterexample;

beforeAll(async () => {
  safety = await fixtureCounterexample('MiniCollisionSafety');
  liveness = await fixtureCounterexample('MiniCollisionLiveness');
});

/** Header line: the lane titles; their start columns are the lanes' columns. */
function laneColumns(text: string): Map<string, number> {
  const header = text.split('\n').find((l) => l.includes(' invalidator') && l.includes(' manager'))!;
  return new Map(['i1', 'f1', 'm'].map((t) => [t, header.indexOf(`${t} `)]));
}

describe('renderSwimlanesText', () => {
  for (const width of [80, 100, 160]) {
    it(`fits ${width} columns and starts each step in its thread's column`, () => {
      const text = renderSwimlanesText(safety, { width });
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
      const columns = laneColumns(text);
      const lines = text.split('\n');
      for (const [i, step] of safety.steps.entries()) {
        if (i === 0) continue;
        const thread = (step.state.lastAction as { thread: string }).thread;
        const line = lines.find((l) => l.startsWith(`${String(i + 1).padStart(3)} `))!;
        // The action name begins where its thread's lane begins (wrapped names start the same way).
        expect(line.indexOf(step.action.slice(0, 8))).toBe(columns.get(thread));
      }
    });
  }

  it('marks the violating state and names the violated invariant', () => {
    const lines = renderSwimlanesText(safety, { width: 100 }).split('\n');
    const n = safety.steps.length;
    expect(lines.find((l) => l.startsWith(`${String(n).padStart(3)} ✗`))).toBeDefined();
    expect(lines.filter((l) => /^ *\d+ ✗/.test(l))).toHaveLength(1);
    expect(lines.at(-1)).toContain(`state ${n} violates ${safety.violated!}`);
  });

  it('brackets the loop of a lasso and says where it goes back to', () => {
    const start = (liveness.loopStart as number) + 1;
    const text = renderSwimlanesText(liveness, { width: 120 });
    expect(text).toMatch(new RegExp(`^ *${start} ┌`, 'm'));
    expect(text).toMatch(new RegExp(`^ *${liveness.steps.length} └`, 'm'));
    expect(text).toContain(`back to state ${start}`);
  });

  it('shows each changed variable with its old and new value', () => {
    const text = renderSwimlanesText(safety, { width: 200 });
    const last = safety.steps.at(-1)!.state;
    const prev = safety.steps.at(-2)!.state;
    expect(text).toContain(`spte: ${String(prev.spte)} → ${String(last.spte)}`);
  });

  it('colours only when asked', () => {
    expect(renderSwimlanesText(safety, { width: 100 })).not.toContain('\x1b[');
    expect(renderSwimlanesText(safety, { width: 100, color: true })).toContain('\x1b[31m');
  });
});
