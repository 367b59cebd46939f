import { describe, expect, it } from 'vitest';
import { parseTraceFile, expandTrace, TRACE_FORMAT, traceJsonSchema } from '../../src/codegen/trace-format.ts';
import { stepsOf, STUTTER } from '../../src/codegen/simulation-traces.ts';
import { TraceFileBuilder } from '../../src/codegen/trace-builder.ts';

const constants = {
  variant: 'mainline' as const, npages: 1, subList: ['s1'], subStart: { s1: 1 }, subLast: { s1: 1 },
  invalidators: ['i1'], faulters: [], mgr: 'm', invRanges: [[1, 1] as [number, number]], blockable: [true], maxInv: 1, maxFaults: 0, maxTries: 1,
};
const state = (seq: number, name = 'Init', thread = 'none'): Record<string, unknown> & { lastAction: { name: string; thread: string; args: Record<string, unknown> } } => ({
  seq, active: 0, tree: [], deferred: [], waitq: [], subs: { s1: { start: 1, last: 1, seq: 0, life: 'unused' } }, pte: [1], spte: [0], ulock: 'none',
  pc: { i1: 'idle', m: 'idle' }, inv: { i1: { start: 0, last: 0, blockable: true, curSeq: 0, cursor: 'none', done: 0 } }, flt: {},
  mgr: { sub: 'none', waitSeq: 0 }, lastAction: { name, thread, args: {} },
});

function sampleFile(): string {
  const b = new TraceFileBuilder('M', constants, {});
  const s0 = state(2);
  const s1 = state(3, 'mn_itree_inv_start_range', 'i1');
  b.add('M/t0', 'edge-cover', [b.state(s0), b.state(s1)], [b.action(s1.lastAction)]);
  return JSON.stringify(b.build());
}

describe('trace file format', () => {
  it('round-trips a built file and expands a trace', () => {
    const file = parseTraceFile(sampleFile(), 'sample');
    expect(file.format).toBe(TRACE_FORMAT);
    const t = expandTrace(file, file.traces[0]!);
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]!.action.name).toBe('mn_itree_inv_start_range');
    expect(t.steps[0]!.state.seq).toBe(3);
    expect(t.init.seq).toBe(2);
  });

  it('rejects non-JSON and wrong shapes with the file name and a hint', () => {
    expect(() => parseTraceFile('{', 'x.json')).toThrow(/x\.json: not JSON.*mmu-notifier gen/);
    const bad = JSON.parse(sampleFile()) as { traces: { actions: number[] }[] };
    bad.traces[0]!.actions = [];
    expect(() => parseTraceFile(JSON.stringify(bad), 'y.json')).toThrow(/y\.json.*2 states but 0 actions/s);
    const badState = JSON.parse(sampleFile()) as { states: Record<string, unknown>[] };
    delete badState.states[0]!.seq;
    expect(() => parseTraceFile(JSON.stringify(badState), 'z.json')).toThrow(/z\.json.*states\.0/s);
  });

  it('has a JSON Schema', () => {
    expect(JSON.stringify(traceJsonSchema())).toContain('"traces"');
  });
});

describe('stepsOf (simulation and counterexample states → steps)', () => {
  it('takes each action from the lastAction of the state it leads to, and a repeated state as the stuttering step', () => {
    const a = state(2);
    const b = state(3, 'mn_itree_inv_start_range', 'i1');
    const { states, actions } = stepsOf([a, b, b, b]);
    expect(states).toEqual([a, b, b]);
    expect(actions).toEqual([b.lastAction, STUTTER]);
  });
});
