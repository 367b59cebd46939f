import type { ViolationKind } from './events.ts';

/** The verdict of one TLC run. */
export type TlcOutcome = 'success' | 'safety' | 'liveness' | 'deadlock' | 'assumption' | 'assert' | 'error';

/** Every outcome, in a fixed order. */
export const TLC_OUTCOMES: readonly TlcOutcome[] = ['success', 'safety', 'liveness', 'deadlock', 'assumption', 'assert', 'error'];

/** What TLC 2.18's exit status means (tlc2/output/EC.java ExitStatus). */
export function outcomeOfExitCode(code: number | null): TlcOutcome | undefined {
  switch (code) {
    case 0:
      return 'success';
    case 10:
      return 'assumption';
    case 11:
      return 'deadlock';
    case 12:
      return 'safety';
    case 13:
      return 'liveness';
    case 14:
      return 'assert';
    default:
      return code === null ? undefined : 'error';
  }
}

/** Human-readable meaning of a non-violation exit status. */
export function describeExitCode(code: number | null, signal: string | null): string {
  if (code === null) return `TLC was killed by ${signal ?? 'a signal'}`;
  if (code >= 75 && code <= 77) return `TLC could not evaluate the spec (exit ${code})`;
  if (code === 150) return 'TLC could not parse the spec (exit 150)';
  if (code === 151) return 'TLC rejected the configuration file (exit 151)';
  if (code === 1) return 'TLC stopped on a bad option or an uncaught exception (exit 1)';
  return `TLC crashed (exit ${code})`;
}

/** The outcome a violation message stands for. */
export function outcomeOfViolation(kind: ViolationKind): TlcOutcome {
  return kind === 'actionProperty' ? 'liveness' : kind;
}

/** Inputs of {@link classifyRun}: what the exit code and the parsed messages said. */
export interface RunFacts {
  exitCode: number | null;
  signal: string | null;
  /** Set when the runner itself stopped TLC (timeout, abort, parent signal). */
  stoppedBy: string | null;
  /** Kinds of the violation messages seen, in order. */
  violations: ViolationKind[];
  /** Number of error messages (parse/config/evaluation/general) seen. */
  errorCount: number;
  /** Distinct states from message 2199 (or 2190), if any was printed. */
  distinctStates: number | null;
  /** States generated (2199 or the last progress report). */
  generatedStates: number | null;
  /** A `-simulate` run prints no distinct-state count. */
  simulation: boolean;
  /**
   * The config names no behaviour (no INIT/NEXT/SPECIFICATION): a spec
   * without variables, of which TLC checks only the ASSUMEs and explores 0
   * states. See `configDeclaresBehaviour`.
   */
  assumptionsOnly?: boolean;
  /**
   * A counterexample (2217 states) was printed but no violation message:
   * what TLC 2.18's distributed TLCServer does on any violation (it exits
   * 0, names neither the kind nor the property, and prints only the last
   * state). Never a success.
   */
  unnamedCounterexample?: boolean;
}

/** The note of a run with {@link RunFacts.unnamedCounterexample}: what happened and what to do. */
export const UNNAMED_COUNTEREXAMPLE_NOTE =
  'TLC found a violation but named neither its kind nor the property (TLC 2.18 TLCServer exits 0 and prints only the last state): ' +
  'run the model without distributed mode to get the verdict and the whole counterexample';

/** The classification and the reasons worth reporting alongside it. */
export interface Classification {
  outcome: TlcOutcome;
  notes: string[];
}

/**
 * Classifies a run from its exit status AND its messages. The exit status is
 * authoritative for violations (10–14); the messages catch what the status
 * hides: `-continue` exits 0 after violations, an empty Init "succeeds" with
 * 0 states (a spec without variables has 0 states too, and succeeds), and a
 * violation status without its message is suspicious.
 */
export function classifyRun(f: RunFacts): Classification {
  const notes: string[] = [];
  if (f.stoppedBy) return { outcome: 'error', notes: [`TLC was stopped: ${f.stoppedBy}`] };
  const fromExit = outcomeOfExitCode(f.exitCode);
  const fromMessage = f.violations[0] && outcomeOfViolation(f.violations[0]);
  if (fromExit && fromExit !== 'success' && fromExit !== 'error') {
    if (!fromMessage) notes.push(`exit ${f.exitCode} means ${fromExit}, but no violation message was printed`);
    else if (fromMessage !== fromExit) notes.push(`exit ${f.exitCode} means ${fromExit}, but the message reports ${fromMessage}`);
    return { outcome: fromExit, notes };
  }
  if (fromExit === 'success') {
    if (fromMessage) {
      return { outcome: fromMessage, notes: [`TLC exited 0 but reported a ${fromMessage} violation (was -continue given?)`] };
    }
    if (f.unnamedCounterexample) return { outcome: 'error', notes: [UNNAMED_COUNTEREXAMPLE_NOTE] };
    if (f.errorCount > 0) return { outcome: 'error', notes: ['TLC exited 0 but reported errors'] };
    if (f.simulation) {
      if (!f.generatedStates) return { outcome: 'error', notes: ['the simulation generated no state'] };
      return { outcome: 'success', notes };
    }
    if (f.distinctStates === null) return { outcome: 'error', notes: ['TLC exited 0 without reporting state counts'] };
    if (f.distinctStates === 0 && f.assumptionsOnly) return { outcome: 'success', notes };
    if (f.distinctStates === 0) {
      return { outcome: 'error', notes: ['0 distinct states: the initial predicate has no solution (TLC 2.18 calls that success)'] };
    }
    return { outcome: 'success', notes };
  }
  return { outcome: 'error', notes: [describeExitCode(f.exitCode, f.signal)] };
}
