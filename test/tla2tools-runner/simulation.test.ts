import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSimulationTraces, type TlcState } from 'tla2tools-runner';
import { RECORDED } from './recorded.ts';

const xy = (s: TlcState): [number, number] => [(s.x as { value: number }).value, (s.y as { value: number }).value];

/** Counter.tla's Next, written out: IncX, IncY or Reset. */
function isCounterStep([x, y]: [number, number], [x2, y2]: [number, number]): boolean {
  return (x < 2 && x2 === x + 1 && y2 === y) || (y < 3 && y2 === y + 1 && x2 === x) || (x === 2 && y === 3 && x2 === 0 && y2 === 0);
}

describe('readSimulationTraces', () => {
  it('reads PREFIX_<worker>_<index> files into state sequences that follow the spec', () => {
    const traces = readSimulationTraces(join(RECORDED, 'sim', 'counter'));
    expect(traces.map((t) => [t.worker, t.index])).toEqual([[0, 0], [0, 1]]);
    for (const t of traces) {
      expect(t.states).toHaveLength(4); // -depth 4
      expect(xy(t.states[0]!)).toEqual([0, 0]);
      for (let i = 1; i < t.states.length; i++) expect(isCounterStep(xy(t.states[i - 1]!), xy(t.states[i]!))).toBe(true);
    }
  });
});
