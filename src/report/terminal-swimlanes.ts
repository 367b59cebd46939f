/** Swimlanes for a TLC result printed on the terminal, when the model has threads to draw. */
import type { TlcResult } from 'tla2tools-runner';
import { counterexampleFromTlc } from './from-tlc.ts';
import { isRecord } from './step-changes.ts';
import { renderSwimlanesText } from './swimlanes-text.ts';

/**
 * The counterexample of `result` as text swimlanes sized for `out`, or null
 * when there is no parsed trace or its states have no per-thread `pc`
 * (a spec without threads reads better as a plain list of states).
 */
export function terminalSwimlanes(result: TlcResult, out: { columns?: number; isTTY?: boolean } = process.stdout, title?: string): string | null {
  const cx = counterexampleFromTlc(result);
  if (cx === null || !cx.steps.some((s) => isRecord(s.state.pc))) return null;
  return renderSwimlanesText(cx, {
    width: out.columns ?? 100,
    color: out.isTTY === true && !process.env.NO_COLOR,
    ...(title !== undefined ? { title } : {}),
  });
}
