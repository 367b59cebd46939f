/**
 * A TLC error trace as plain text for `mmu-notifier tlc` (not the conformance
 * trace files of src/codegen/trace-format.ts).
 */
import { printTlcValue, type TlcTraceStep, type TlcValue } from 'tla2tools-runner';

function same(a: TlcValue | undefined, b: TlcValue | undefined): boolean {
  return a !== undefined && b !== undefined && printTlcValue(a) === printTlcValue(b);
}

/**
 * A counterexample as numbered steps: each with its action and only the
 * variables that changed from the previous state (all of them for state 1).
 */
export function formatTrace(trace: readonly TlcTraceStep[]): string {
  const lines: string[] = [];
  let previous: TlcTraceStep['state'] = null;
  for (const step of trace) {
    lines.push(`${step.number}. ${step.action ?? 'initial state'}`);
    if (!step.state) lines.push(`     ${step.stateText.replace(/\n/g, '\n     ')}`);
    else {
      const changed = Object.entries(step.state).filter(([k, v]) => !previous || !same(previous[k], v));
      for (const [k, v] of changed) lines.push(`     ${k} = ${printTlcValue(v)}`);
      if (changed.length === 0) lines.push('     (no variable changed)');
    }
    previous = step.state;
  }
  return lines.join('\n');
}
