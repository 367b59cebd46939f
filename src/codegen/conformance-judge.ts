/**
 * The one answer to "does this trace conform?", asked by `mmu-notifier
 * replay`, by the replay stage of `mmu-notifier run` and by the conformance
 * tests. A trace conforms when
 * - the implementation takes every step and, after each, its whole snapshot
 *   equals the spec's state (replay.ts);
 * - in an export model's file (an edge cover of the whole state graph), it
 *   also offers exactly the spec's outgoing steps in every state
 *   (enabled-steps.ts);
 * - a counterexample also shows its violation at the same step with the bug
 *   on, and, where the model has a fixed counterpart, the same schedule is
 *   impossible or harmless with the fixed setting (reproduction.ts).
 */
import { enabledSteps } from './enabled-steps.ts';
import type { FixedSetting } from './model-ref.ts';
import { describeFailure, replayTrace, type ReplayReport } from './replay.ts';
import { mainlineOutcome, reproduces, type MainlineOutcome } from './reproduction.ts';
import { expandTrace, type ExpandedTrace, type TraceAction, type TraceEntry, type TraceFile } from './trace-format.ts';

/** Why a trace does not conform: a replay failure's kind, or one of the counterexample checks. */
export type ProblemKind = NonNullable<ReplayReport['failure']>['kind'] | 'not-reproduced' | 'fixed-violates';

/** The first reason a trace does not conform. */
export interface ConformanceProblem {
  readonly kind: ProblemKind;
  /** The step (0 = initial state) where the replay failed; null for the counterexample checks. */
  readonly step: number | null;
  readonly action: TraceAction | null;
  readonly message: string;
}

/** The judgement of one trace. */
export interface TraceVerdict {
  readonly trace: ExpandedTrace;
  readonly ok: boolean;
  /** The replay with the model's own setting (state comparison, and enabled steps where checked). */
  readonly replay: ReplayReport;
  /** Whether the enabled-steps check ran (export models). */
  readonly enabledStepsChecked: boolean;
  /** Counterexamples: whether the bug-on replay showed the violation at the same step. */
  readonly reproduction?: { readonly ok: boolean; readonly why: string };
  /** Counterexamples with a fixed counterpart: what the schedule did with the fixed setting. */
  readonly fixed?: { readonly model: string; readonly outcome: MainlineOutcome };
  /** Absent when ok. */
  readonly problem?: ConformanceProblem;
}

/** The judgement of a file's traces. */
export interface FileVerdict {
  readonly model: string;
  readonly verdicts: TraceVerdict[];
  readonly failures: TraceVerdict[];
  /** Steps replayed (model's own setting). */
  readonly steps: number;
  readonly ms: number;
}

/** What the judge needs beyond the file. */
export interface JudgeOptions {
  /** The setting on which a counterexample's schedule must be impossible or harmless (ModelRef.fixed). */
  readonly fixed?: FixedSetting;
  /** Only the traces with these ids (default: all). */
  readonly traceIds?: readonly string[];
  /** Called after each trace (progress). */
  readonly onTrace?: (verdict: TraceVerdict, done: number, total: number) => void;
}

/**
 * Whether `file` is an edge cover of a whole state graph, so that its steps
 * are every state's complete set of outgoing steps (enabled-steps.ts).
 */
export function coversWholeGraph(file: TraceFile): boolean {
  if (file.traces.length === 0 || !file.traces.every((t) => t.source === 'edge-cover')) return false;
  // A file cut down to some of its traces (by hand, or --trace) no longer holds every state's outgoing steps.
  const visited = new Set(file.traces.flatMap((t) => t.states)).size;
  const distinct = file.meta.distinctStates;
  return typeof distinct !== 'number' || visited === distinct;
}

/** Judge one trace; `enabled` is the file's enabled steps when the file covers the whole graph. */
export async function judgeTrace(trace: ExpandedTrace, options: { enabled?: Map<object, Set<string>>; fixed?: FixedSetting } = {}): Promise<TraceVerdict> {
  const replay = await replayTrace(trace, options.enabled ? { enabled: options.enabled } : {});
  const base = { trace, replay, enabledStepsChecked: options.enabled !== undefined };
  const f = replay.failure;
  if (f) return { ...base, ok: false, problem: { kind: f.kind, step: f.step, action: f.action, message: describeFailure(replay) } };
  const expect = trace.expectViolation;
  if (expect === undefined) return { ...base, ok: true };
  const reproduction = reproduces(replay, expect, trace.steps.length);
  if (!reproduction.ok) {
    const message = `${trace.id}: ${expect.property} not reproduced at step ${expect.atStep}: ${reproduction.why}`;
    return { ...base, reproduction, ok: false, problem: { kind: 'not-reproduced', step: null, action: null, message } };
  }
  const setting = options.fixed;
  if (setting === undefined) return { ...base, reproduction, ok: true };
  const { model, ...fixedOptions } = setting;
  const onFixed = await replayTrace(trace, { ...fixedOptions, compareStates: false, checkViolations: true });
  const outcome = mainlineOutcome(onFixed, expect);
  const fixed = { model, outcome };
  if (outcome.kind !== 'violates') return { ...base, reproduction, fixed, ok: true };
  const message = `${trace.id}: with ${model}'s setting (variant ${setting.variant}${setting.strategy ? `, strategy ${setting.strategy}` : ''}) the schedule still violates: ${outcome.why}`;
  return { ...base, reproduction, fixed, ok: false, problem: { kind: 'fixed-violates', step: null, action: null, message } };
}

/** Judge the traces of a file one after the other (each replay owns one world). */
export async function judgeTraceFile(file: TraceFile, options: JudgeOptions = {}): Promise<FileVerdict> {
  const t0 = performance.now();
  const enabled = coversWholeGraph(file) ? enabledSteps(file) : undefined;
  const ids = options.traceIds;
  const entries: TraceEntry[] = ids === undefined ? file.traces : file.traces.filter((t) => ids.includes(t.id));
  const verdicts: TraceVerdict[] = [];
  for (const entry of entries) {
    const verdict = await judgeTrace(expandTrace(file, entry), { ...(enabled ? { enabled } : {}), ...(options.fixed ? { fixed: options.fixed } : {}) });
    verdicts.push(verdict);
    options.onTrace?.(verdict, verdicts.length, entries.length);
  }
  return {
    model: file.model,
    verdicts,
    failures: verdicts.filter((v) => !v.ok),
    steps: verdicts.reduce((n, v) => n + v.replay.stepsReplayed, 0),
    ms: performance.now() - t0,
  };
}

/** The first `max` problems as text, with a count of the rest. */
export function describeProblems(failures: readonly TraceVerdict[], max = 5): string {
  const shown = failures.slice(0, max).map((v) => v.problem?.message ?? `${v.trace.id}: conforms`);
  if (failures.length > max) shown.push(`… and ${failures.length - max} more failing trace(s)`);
  return shown.join('\n\n');
}
