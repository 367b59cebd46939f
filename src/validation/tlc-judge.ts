/**
 * TLC's judgement of recorded runs: writes the trace spec of a batch of
 * runs, runs TLC on it once and reads, per run, how many of its states the
 * spec matched (the <<"tv", run, index>> lines of trace-module.ts).
 *
 * A run is valid when every state was matched. The count TLC reports is
 * checked against the lines: the distinct states must be exactly the
 * matched states of all runs (every recorded state is distinct, since
 * tvStep is part of it), so a run can never pass because TLC explored
 * nothing or the marks were lost. A state that breaks one of the family's
 * invariants ends TLC early; the run is reported with the invariant.
 */
import { join } from 'node:path';
import { runTlcJob } from '../codegen/tlc-job.ts';
import { parseTlcValue } from 'tla2tools-runner';
import { type ModelConstants } from '../codegen/model-constants.ts';
import { answerKey, storeAnswer, storedAnswer } from './answer-cache.ts';
import { type StateFamily } from './family.ts';
import { MATCH_MARK, traceSpec, type GeneratedSpec } from './trace-module.ts';
import { withWorkDir, writeFileAtomic } from './work-dir.ts';
import { type RecordedState } from './world-recorder.ts';

/** Where TLC and the spec are. */
export interface TlcSetup {
  /** The folder of the spec's modules (spec/). */
  readonly specDir: string;
  /** The jar record file (.tlc/tlc.json). */
  readonly jarRecordFile: string;
  /** Root of the per-job folders (out/ of the project). */
  readonly workRoot: string;
  /** Kill TLC after this long. */
  readonly timeoutMs?: number;
  /**
   * A folder of TLC's stored answers (answer-cache.ts): a generated spec
   * TLC has answered before, byte for byte on the same spec modules and
   * jar, is not run again. For the mutation run; unset, TLC always runs.
   */
  readonly answerCache?: string;
}

/** TLC's verdict on one run. */
export interface RunVerdict {
  /** Recorded states (initial state included). */
  readonly length: number;
  /** How many leading states the spec matched: 0 = not even Init, length = the whole run. */
  readonly matched: number;
  readonly valid: boolean;
  /**
   * The spec's invariant that state `matched` (1-based) breaks, or null.
   * The run is a behaviour of the spec up to that state, and that state
   * violates the invariant: not valid.
   */
  readonly violated: string | null;
}

/** The verdicts of one TLC process over a batch of runs. */
export interface BatchVerdict {
  readonly verdicts: RunVerdict[];
  /** TLC's distinct states (= the matched states of all runs). */
  readonly distinctStates: number;
  /** Wall time of the TLC process (JVM start included). */
  readonly tlcMs: number;
}

/** Writes a generated spec into `dir`; returns the .tla and .cfg paths. */
export function writeSpec(dir: string, spec: GeneratedSpec): { tla: string; cfg: string } {
  const tla = join(dir, `${spec.moduleName}.tla`);
  const cfg = join(dir, `${spec.moduleName}.cfg`);
  writeFileAtomic(tla, spec.module);
  writeFileAtomic(cfg, spec.cfg);
  return { tla, cfg };
}

/** Runs TLC on a generated spec in its own folder (or reads its stored answer); returns the print lines and the result. */
export async function runGenerated(setup: TlcSetup, spec: GeneratedSpec, what: string, accept: Parameters<typeof runTlcJob>[1] = ['success']): ReturnType<typeof runTlcJob> {
  const cache = setup.answerCache;
  const key = cache === undefined ? '' : answerKey(spec, { specDir: setup.specDir, jarRecordFile: setup.jarRecordFile, accept });
  const stored = cache === undefined ? null : storedAnswer(cache, key);
  if (stored !== null) return stored;
  const job = await withWorkDir(setup.workRoot, async (dir) => {
    const files = writeSpec(dir, spec);
    return runTlcJob(
      {
        spec: files.tla,
        config: files.cfg,
        jarRecordFile: setup.jarRecordFile,
        checkDeadlock: false,
        tmpRoot: dir,
        javaOptions: [`-DTLA-Library=${setup.specDir}`],
        ...(setup.timeoutMs !== undefined ? { timeoutMs: setup.timeoutMs } : {}),
      },
      accept,
      what,
    );
  });
  // Only an accepted outcome gets here (runTlcJob throws on the others).
  if (cache !== undefined) storeAnswer(cache, key, job);
  return job;
}

/** The highest matched index per run (1-based runs) from the mark lines. */
export function matchedFromMarks(lines: readonly string[], runs: number): number[] {
  const matched = new Array<number>(runs).fill(0);
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith(`<<"${MATCH_MARK}"`)) continue;
    const v = parseTlcValue(text);
    if (v.kind !== 'tuple' || v.items.length !== 3) throw new Error(`unreadable mark line: ${text}`);
    const [, r, k] = v.items.map((x) => (x.kind === 'int' ? x.value : NaN));
    if (r === undefined || k === undefined || !(r >= 1 && r <= runs)) throw new Error(`mark line names no run of this batch: ${text}`);
    matched[r - 1] = Math.max(matched[r - 1] ?? 0, k);
  }
  return matched;
}

/** The run (1-based) and state index (1-based) of the last state of TLC's error trace: the state that broke an invariant. */
function breachAt(result: Awaited<ReturnType<typeof runTlcJob>>['result'], runs: number): { run: number; state: number } {
  const last = result.trace[result.trace.length - 1]?.state;
  const r = last?.tvRun;
  const k = last?.tvStep;
  if (r?.kind !== 'int' || k?.kind !== 'int' || r.value < 1 || r.value > runs) {
    throw new Error(`trace validation: TLC reports ${String(result.violated)} violated but its error trace names no recorded state`);
  }
  return { run: r.value, state: k.value };
}

/**
 * Has TLC judge a batch of runs (same constants) in one process. TLC stops
 * at the first state that breaks an invariant: that run gets its verdict
 * (invalid, the invariant named) and the others are judged again without it.
 */
export async function judgeBatch(setup: TlcSetup, family: StateFamily, constants: ModelConstants, runs: ReadonlyArray<readonly RecordedState[]>): Promise<BatchVerdict> {
  const spec = traceSpec('TVTrace', family, constants, runs);
  const { result, printed } = await runGenerated(setup, spec, 'trace validation', ['success', 'safety']);
  if (result.outcome === 'safety') {
    const { run, state } = breachAt(result, runs.length);
    const rest = runs.filter((_, j) => j !== run - 1);
    const others: BatchVerdict = rest.length === 0 ? { verdicts: [], distinctStates: 0, tlcMs: 0 } : await judgeBatch(setup, family, constants, rest);
    const breach: RunVerdict = { length: (runs[run - 1] as readonly RecordedState[]).length, matched: state, valid: false, violated: result.violated };
    const verdicts = [...others.verdicts];
    verdicts.splice(run - 1, 0, breach);
    return { verdicts, distinctStates: others.distinctStates, tlcMs: result.durationMs + others.tlcMs };
  }
  const matched = matchedFromMarks(printed, runs.length);
  const total = matched.reduce((a, b) => a + b, 0);
  if (result.distinctStates !== total) {
    throw new Error(`trace validation: TLC found ${String(result.distinctStates)} distinct states but marked ${total} matched states; the verdict cannot be trusted`);
  }
  const verdicts = runs.map((states, r) => {
    const m = matched[r] ?? 0;
    return { length: states.length, matched: m, valid: m === states.length, violated: null };
  });
  return { verdicts, distinctStates: total, tlcMs: result.durationMs };
}
