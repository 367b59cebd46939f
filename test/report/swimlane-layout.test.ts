/**
 * The swimlane layout on counterexamples found by the real TLC in the
 * fixture spec test/report/fixtures/MiniCollision.tla. Expectations are
 * derived from the trace states themselves (lastAction, pc, the variables),
 * never copied from the layout's output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Counterexample } from '../../src/report/counterexample.ts';
import { layoutSwimlanes } from '../../src/report/swimlane-layout.ts';
import { diffStates } from '../../src/report/step-changes.ts';
import { fixtureCounterexample } from './tlc-fixture.ts';

let safety: Counterexample;
let liveness: Counterexample;

beforeAll(async () => {
  // One TLC run after the other: the machine's cores are shared.
  safety = await fixtureCounterexample('MiniCollisionSafety');
  liveness = await fixtureCounterexample('MiniCollisionLiveness');
});

function lastActionOf(state: Record<string, unknown>): { name: string; thread: string } {
  return state.lastAction as { name: string; thread: string };
}

describe('lane assignment', () => {
  it('puts every step in the lane of the thread named by its lastAction', () => {
    for (const cx of [safety, liveness]) {
      const layout = layoutSwimlanes(cx);
      for (const row of layout.rows.slice(1)) {
        const last = lastActionOf(row.state);
        expect(row.threadSource).toBe('lastAction');
        expect(layout.lanes[row.lane]!.thread).toBe(last.thread);
        // TLC's action label and the spec's own record agree: the row shows the step that was taken.
        expect(row.action).toBe(last.name);
      }
    }
  });

  it('has one lane per thread of the model, invalidators first, then faulting threads, then the manager', () => {
    const layout = layoutSwimlanes(safety);
    const threads = Object.keys(safety.steps[0]!.state.pc as object);
    expect(layout.lanes.map((l) => l.thread).sort()).toEqual([...threads].sort());
    expect(layout.lanes.map((l) => l.role)).toEqual(['invalidator', 'faulting thread', 'manager']);
  });

  it('without lastAction, finds the same thread from the program counter that moved', () => {
    const stripped: Counterexample = {
      ...safety,
      steps: safety.steps.map(({ action, state }) => ({
        action,
        state: Object.fromEntries(Object.entries(state).filter(([k]) => k !== 'lastAction')),
      })),
    };
    const withRecord = layoutSwimlanes(safety);
    const withoutRecord = layoutSwimlanes(stripped);
    expect(withoutRecord.rows.slice(1).every((r) => r.threadSource === 'pc')).toBe(true);
    expect(withoutRecord.rows.map((r) => r.thread)).toEqual(withRecord.rows.map((r) => r.thread));
  });

  it('places the initial state across all lanes', () => {
    const row = layoutSwimlanes(safety).rows[0]!;
    expect(row.lane).toBe(-1);
    expect(row.changes).toEqual([]);
  });
});

describe('changed variables', () => {
  it('names exactly the variables whose value differs between consecutive states', () => {
    for (const cx of [safety, liveness]) {
      const layout = layoutSwimlanes(cx);
      for (const row of layout.rows.slice(1)) {
        const before = cx.steps[row.index - 1]!.state;
        const after = cx.steps[row.index]!.state;
        const differing = Object.keys(after).filter((k) => k !== 'lastAction' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
        expect(new Set(row.changes.map((c) => c.variable))).toEqual(new Set(differing));
        for (const c of row.changes) expect(c.before).not.toEqual(c.after);
      }
    }
  });

  it('reports a record field by its path, with the values before and after', () => {
    const row = layoutSwimlanes(safety).rows[1]!;
    const before = safety.steps[0]!.state.pc as Record<string, string>;
    const after = safety.steps[1]!.state.pc as Record<string, string>;
    const moved = Object.keys(after).filter((t) => before[t] !== after[t]);
    const pcChanges = row.changes.filter((c) => c.variable === 'pc');
    expect(pcChanges.map((c) => c.path)).toEqual(moved.map((t) => `pc.${t}`));
    expect(pcChanges.map((c) => c.after)).toEqual(moved.map((t) => after[t]));
  });

  it('diffs page arrays per page, numbered from 1 like TLA+', () => {
    expect(diffStates({ pte: [1, 1, 1] }, { pte: [1, 2, 1] })).toEqual([{ path: 'pte[2]', variable: 'pte', before: 1, after: 2 }]);
    // A set of identifiers is one value: an element-wise diff would name the wrong element.
    expect(diffStates({ tree: ['s1'] }, { tree: ['s2'] }).map((c) => c.path)).toEqual(['tree']);
  });
});

describe('violation marker', () => {
  it('marks the last state of a safety trace as the violation, and only that one', () => {
    const layout = layoutSwimlanes(safety);
    const marked = layout.rows.filter((r) => r.mark !== 'none');
    expect(marked.map((r) => r.index)).toEqual([safety.steps.length - 1]);
    expect(marked[0]!.mark).toBe('violation');
    // The marked state really breaks the fixture's Safe invariant (spte # 0 => spte = pte) …
    const bad = marked[0]!.state;
    expect(bad.spte !== 0 && bad.spte !== bad.pte).toBe(true);
    // … and no earlier state does.
    for (const step of safety.steps.slice(0, -1)) expect(step.state.spte === 0 || step.state.spte === step.state.pte).toBe(true);
    expect(layout.verdict).toContain('Safe');
  });

  it('marks the loop of a liveness lasso from the state TLC goes back to', () => {
    expect(liveness.outcome).toBe('liveness');
    expect(typeof liveness.loopStart).toBe('number');
    const start = liveness.loopStart as number;
    const layout = layoutSwimlanes(liveness);
    const marks = layout.rows.map((r) => r.mark);
    expect(marks.slice(0, start).every((m) => m === 'none')).toBe(true);
    expect(marks[start]).toBe('loop-start');
    expect(marks.at(-1)).toBe('loop-end');
    expect(marks.slice(start + 1, -1).every((m) => m === 'loop')).toBe(true);
    // Within the loop the faulting thread never reaches "done": FaultCompletes fails there.
    expect(liveness.steps.slice(start).every((s) => (s.state.pc as Record<string, string>).f1 !== 'done')).toBe(true);
  });
});
