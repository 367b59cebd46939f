import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draw, listMutants, rangeOf, statusesOf, wilson, type SampledMutant } from '../../scripts/mutation-sample.ts';

const dir = mkdtempSync(join(tmpdir(), 'mmu-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The source text a mutant's range names (1-based lines, 0-based columns). */
function textAt(source: string, m: SampledMutant): string {
  const lines = source.split('\n');
  if (m.start.line === m.end.line) return lines[m.start.line - 1]!.slice(m.start.column, m.end.column);
  return [lines[m.start.line - 1]!.slice(m.start.column), ...lines.slice(m.start.line, m.end.line - 1), lines[m.end.line - 1]!.slice(0, m.end.column)].join('\n');
}

describe('mutation sample (scripts/mutation-sample.ts)', () => {
  it('draws without replacement, and a larger sample with the same seed starts with the smaller one', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const small = draw(items, 10, 7);
    const large = draw(items, 30, 7);
    expect(new Set(large).size).toBe(30);
    expect(large.slice(0, 10)).toEqual(small);
    expect(draw(items, 10, 8)).not.toEqual(small);
    expect([...draw(items, 99, 7)].sort((a, b) => a - b)).toEqual(items);
  });

  it('names each mutant by the range of the code it replaces', async () => {
    const source = 'export function over(a: number): boolean {\n  return a > 1;\n}\n';
    const file = join(dir, 'over.ts');
    writeFileSync(file, source);
    const mutants = await listMutants([relative(process.cwd(), file)]);
    const comparison = mutants.filter((m) => m.mutatorName === 'EqualityOperator');
    expect(comparison.map((m) => m.replacement).sort()).toEqual(['a <= 1', 'a >= 1']);
    for (const m of comparison) expect(textAt(source, m)).toBe('a > 1');
    expect(rangeOf(comparison[0]!)).toBe(`${relative(process.cwd(), file)}:2:9-2:14`);
    const block = mutants.find((m) => m.mutatorName === 'BlockStatement')!;
    expect(textAt(source, block)).toBe('{\n  return a > 1;\n}');
  });

  it('finds a sampled mutant in a report by mutator, replacement and position (the report counts columns from 1)', () => {
    const m: SampledMutant = { file: 'src/x.ts', mutatorName: 'EqualityOperator', replacement: 'a >= 1', start: { line: 2, column: 9 }, end: { line: 2, column: 14 } };
    const at = (column: number) => ({ start: { line: 2, column }, end: { line: 2, column: column + 5 } });
    const report = {
      files: {
        'src/x.ts': {
          mutants: [
            { mutatorName: 'EqualityOperator', replacement: 'a <= 1', status: 'Killed', location: at(10) },
            { mutatorName: 'EqualityOperator', replacement: 'a >= 1', status: 'Survived', location: at(10) },
            { mutatorName: 'EqualityOperator', replacement: 'a >= 1', status: 'Killed', location: at(9) },
          ],
        },
      },
    };
    expect(statusesOf([m], report)).toEqual(['Survived']);
    expect(statusesOf([{ ...m, file: 'src/y.ts' }], report)).toEqual([undefined]);
  });

  it('restricted to a sample, makes the mutants of the sampled node and none nested in it (the sample-only ignorer)', async () => {
    const source = 'export function both(a: number, b: number): boolean {\n  return a > 1 && b < 2;\n}\n';
    const file = relative(process.cwd(), join(dir, 'both.ts'));
    writeFileSync(file, source);
    const all = await listMutants([file]);
    const logical = all.find((m) => m.mutatorName === 'LogicalOperator')!;
    expect(textAt(source, logical)).toBe('a > 1 && b < 2');
    const kept = await listMutants([file], [logical]);
    // The node's own mutants (the operator, and the condition made true or false) run; its operands' do not.
    expect(kept.every((m) => textAt(source, m) === 'a > 1 && b < 2')).toBe(true);
    expect(kept.map((m) => m.mutatorName)).toContain('LogicalOperator');
    const nested = all.filter((m) => textAt(source, m) === 'a > 1' || textAt(source, m) === 'b < 2');
    expect(nested.length).toBeGreaterThan(0);
    // A sampled operand keeps its own mutants, and the node that holds it stays in the walk.
    const operand = nested[0]!;
    const both = await listMutants([file], [logical, operand]);
    expect(both.some((m) => textAt(source, m) === textAt(source, operand))).toBe(true);
    expect(both.length).toBeGreaterThan(kept.length);
  });

  it('gives the Wilson interval: 50 of 100 is 40.4 %–59.6 %, and it stays within 0 and 1', () => {
    const [lo, hi] = wilson(50, 100);
    expect(lo).toBeCloseTo(0.4038, 3);
    expect(hi).toBeCloseTo(0.5962, 3);
    expect(wilson(0, 10)[0]).toBeCloseTo(0, 9);
    expect(wilson(10, 10)[1]).toBeCloseTo(1, 9);
    const [a, b] = wilson(90, 100);
    expect(a).toBeLessThan(0.9);
    expect(b).toBeGreaterThan(0.9);
  });
});
