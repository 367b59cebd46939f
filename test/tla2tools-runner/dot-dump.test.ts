import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectDotDump,
  parseDotLine,
  parseTlcOutput,
  parseTlcState,
  printTlcState,
  readDotDump,
  TlcResultCollector,
  tlc,
  unescapeDotLabel,
} from 'tla2tools-runner';
import { RECORDED, recording } from './recorded.ts';

describe('unescapeDotLabel', () => {
  it('undoes \\\\, \\" and \\n in one pass', () => {
    // TLC wrote the TLA+ string "a\"b\\n" (itself escaped) into a label.
    expect(unescapeDotLabel(String.raw`/\\ s = \"a\\\"b\\\\n\"\n/\\ t = 1`)).toBe('/\\ s = "a\\"b\\\\n"\n/\\ t = 1');
  });
});

describe('parseDotLine', () => {
  it('reads initial nodes, nodes, labeled and stuttering edges; ignores layout', () => {
    expect(parseDotLine('-92581686675293489 [label="x = 0",style = filled]')).toEqual({ type: 'node', id: '-92581686675293489', label: 'x = 0', initial: true });
    expect(parseDotLine('8265376916201269868 [label="x = 1"];')).toEqual({ type: 'node', id: '8265376916201269868', label: 'x = 1', initial: false });
    expect(parseDotLine('1 -> -2 [label="IncX",color="black",fontcolor="black"];')).toEqual({ type: 'edge', from: '1', to: '-2', action: 'IncX' });
    expect(parseDotLine('5 -> 5 [style="dashed"];')).toEqual({ type: 'edge', from: '5', to: '5', action: null });
    expect(parseDotLine('{rank = same; 1;2;}')).toBeUndefined();
    expect(parseDotLine('strict digraph DiskGraph {')).toBeUndefined();
    expect(() => parseDotLine('12 garbage')).toThrow(/unreadable dot node/);
  });
});

describe('dot dumps recorded from TLC', () => {
  it('Counter: 12 states, 18 transitions (IncX 8, IncY 9, Reset 1), fingerprints kept exact', async () => {
    const g = await collectDotDump(join(RECORDED, 'Counter.dot'));
    expect(g.nodes.size).toBe(12);
    expect(g.edges).toHaveLength(18);
    const byAction = (a: string) => g.edges.filter((e) => e.action === a).length;
    expect([byAction('IncX'), byAction('IncY'), byAction('Reset')]).toEqual([8, 9, 1]);
    expect(g.initial).toHaveLength(1);
    expect(g.nodes.get(g.initial[0]!)).toEqual({ x: tlc.int(0), y: tlc.int(0) });
    for (const e of g.edges) expect(g.nodes.has(e.from) && g.nodes.has(e.to)).toBe(true);
    // Ids beyond 2^53 would be corrupted as numbers.
    expect([...g.nodes.keys()].some((id) => BigInt(id) > 2n ** 53n || BigInt(id) < -(2n ** 53n))).toBe(true);
    const reset = g.edges.find((e) => e.action === 'Reset')!;
    expect(g.nodes.get(reset.from)).toEqual({ x: tlc.int(2), y: tlc.int(3) });
    expect(reset.to).toBe(g.initial[0]);
  });

  it('Values: escaped labels parse to the same states as the -tool trace', async () => {
    const g = await collectDotDump(join(RECORDED, 'Values.dot'));
    const collector = new TlcResultCollector();
    parseTlcOutput(recording('Values').text).forEach((e) => collector.add(e));
    const trace = collector.finish({ exitCode: 12, signal: null, durationMs: 0, stoppedBy: null, simulation: false }).trace;
    expect([...g.nodes.values()]).toEqual(trace.map((s) => s.state));
  });

  it('printTlcState reproduces every dot label', async () => {
    for (const file of ['Counter.dot', 'Values.dot']) {
      for await (const r of readDotDump(join(RECORDED, file))) {
        if (r.type === 'node') expect(printTlcState(parseTlcState(r.label))).toBe(r.label);
      }
    }
  });

  it('streams records in file order', async () => {
    const kinds: string[] = [];
    for await (const r of readDotDump(join(RECORDED, 'Counter.dot'))) kinds.push(r.type);
    expect(kinds[0]).toBe('node');
    expect(kinds.filter((k) => k === 'edge')).toHaveLength(18);
  });
});
