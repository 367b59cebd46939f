/**
 * Replays a trace on the implementation (src/impl World with its controlled
 * scheduler): for each step, the named thread must take the named action with
 * the named arguments, then the implementation's whole snapshot must equal
 * the spec's state. The first failure stops the replay and is reported with
 * the trace, the step, the action and a diff.
 */
import type { TraceState } from './protocol-state.ts';
import type { AmdkfdFix, HolePunchStrategy, InvalidatorContext, VariantName } from '../protocol/variants.ts';
import { STUTTER_ACTION } from './export-graph.ts';
import { STUTTER_KEY, stepKey } from './enabled-steps.ts';
import { diffJson, formatDiff, StateComparer, type Difference } from './state-diff.ts';
import type { ExpandedTrace, TraceAction } from './trace-format.ts';
import { makeWorld, type ReplayWorld } from './world-config.ts';
import type { HlistFix } from '../protocol/hlist-state.ts';
import type { ExitDriver, InsertGuard } from '../protocol/exit-state.ts';
import type { OwnerSkipSetting } from '../protocol/owner-skip-state.ts';

/** Why a replay stopped early. Step 0 is the initial state. */
export type ReplayFailure =
  /** The implementation could not take the step (or threw while taking it). */
  | { kind: 'divergence'; step: number; action: TraceAction; message: string }
  /** The step was taken but the state differs from the spec's. */
  | { kind: 'mismatch'; step: number; action: TraceAction | null; diff: Difference[] }
  /** The state matches, but the implementation offers other steps than the spec allows there. */
  | { kind: 'enabled'; step: number; action: TraceAction | null; extra: string[]; missing: string[] };

/** What a replay found. */
export interface ReplayReport {
  readonly traceId: string;
  readonly model: string;
  readonly variant: VariantName;
  /** Steps taken successfully (all of them when `failure` is absent). */
  readonly stepsReplayed: number;
  readonly failure?: ReplayFailure;
  /** First state (step index) where the implementation reports a violated safety property, and which. */
  readonly firstViolation?: { step: number; properties: string[] };
  /** Per property the implementation reported violated: the first step at which it did. */
  readonly violatedAt: Record<string, number>;
  /** Whether the world is deadlocked (nothing enabled, not quiescent) after the last replayed step. */
  readonly deadlockedAtEnd: boolean;
  /** Threads that can take a step after the last replayed step. */
  readonly enabledAtEnd: string[];
}

/** Options of a replay. */
export interface ReplayOptions {
  /** Run the implementation with this variant instead of the model's (e.g. mainline for a bug trace). */
  readonly variant?: VariantName;
  /** Hole-punch models: run with these settings instead of the model's. */
  readonly strategy?: HolePunchStrategy;
  readonly amdkfdFix?: AmdkfdFix;
  readonly faultRecheck?: boolean;
  readonly invalidatorContext?: InvalidatorContext;
  /** Hlist models: run with this fix and pairing instead of the model's. */
  readonly hlistFix?: HlistFix;
  readonly hlistPairsEnds?: boolean;
  /** Process-exit models: run with this driver shape, insert guard and hlist release instead of the model's. */
  readonly exitDriver?: ExitDriver;
  readonly insertGuard?: InsertGuard;
  readonly hlistStopsDevice?: boolean;
  /** Owner-skip models: run with this driver setting instead of the model's. */
  readonly ownerSkipSetting?: OwnerSkipSetting;
  /** Compare snapshots with the spec's states (default true; off to follow only the schedule). */
  readonly compareStates?: boolean;
  /** Evaluate the implementation's safety checks after every step (default: only for counterexamples). */
  readonly checkViolations?: boolean;
  /** Export models: the spec's outgoing steps per state object (enabled-steps.ts); compared with the implementation's choices. */
  readonly enabled?: Map<object, Set<string>>;
}

/** Shared by all replays of a process: spec states are serialised once (traces share states). */
const comparer = new StateComparer();

/** Replays one trace; never throws for a divergence (it is reported). */
export async function replayTrace(trace: ExpandedTrace, options: ReplayOptions = {}): Promise<ReplayReport> {
  const variant = options.variant ?? trace.constants.variant;
  const compare = options.compareStates ?? true;
  const check = options.checkViolations ?? trace.expectViolation !== undefined;
  const world = makeWorld(trace.constants, {
    variant,
    ...(options.strategy ? { strategy: options.strategy } : {}),
    ...(options.amdkfdFix ? { amdkfdFix: options.amdkfdFix } : {}),
    ...(options.faultRecheck !== undefined ? { faultRecheck: options.faultRecheck } : {}),
    ...(options.invalidatorContext ? { invalidatorContext: options.invalidatorContext } : {}),
    ...(options.hlistFix ? { hlistFix: options.hlistFix } : {}),
    ...(options.hlistPairsEnds !== undefined ? { hlistPairsEnds: options.hlistPairsEnds } : {}),
    ...(options.exitDriver ? { exitDriver: options.exitDriver } : {}),
    ...(options.insertGuard ? { insertGuard: options.insertGuard } : {}),
    ...(options.hlistStopsDevice !== undefined ? { hlistStopsDevice: options.hlistStopsDevice } : {}),
    ...(options.ownerSkipSetting ? { ownerSkipSetting: options.ownerSkipSetting } : {}),
  });
  let firstViolation: ReplayReport['firstViolation'];
  const violatedAt: Record<string, number> = {};
  const report = (stepsReplayed: number, failure?: ReplayFailure): ReplayReport => ({
    traceId: trace.id,
    model: trace.model,
    variant,
    stepsReplayed,
    ...(failure ? { failure } : {}),
    ...(firstViolation ? { firstViolation } : {}),
    violatedAt,
    deadlockedAtEnd: world.deadlocked(),
    enabledAtEnd: world.enabled(),
  });
  const observe = (step: number, expected: TraceState, action: TraceAction | null): ReplayFailure | undefined => {
    if (check) {
      const v = world.violations();
      if (v.length > 0 && firstViolation === undefined) firstViolation = { step, properties: v };
      for (const p of v) violatedAt[p] ??= step;
    }
    if (!compare) return undefined;
    const actual = world.snapshot();
    if (!comparer.equal(expected, actual)) return { kind: 'mismatch', step, action, diff: diffJson(expected, actual) };
    const spec = options.enabled?.get(expected);
    return spec ? compareEnabled(world, spec, step, action) : undefined;
  };

  const initial = observe(0, trace.init, null);
  if (initial) return report(0, initial);
  for (let i = 0; i < trace.steps.length; i++) {
    const { action, state } = trace.steps[i]!;
    const failure = (await takeStep(world, action, i + 1)) ?? observe(i + 1, state, action);
    if (failure) return report(i, failure);
  }
  return report(trace.steps.length);
}

function compareEnabled(world: ReplayWorld, spec: Set<string>, step: number, action: TraceAction | null): ReplayFailure | undefined {
  const impl = new Set<string>();
  for (const id of world.enabled()) for (const c of world.choices(id)) impl.add(stepKey(id, c.action, c.args));
  if (world.quiescent()) impl.add(STUTTER_KEY);
  const extra = [...impl].filter((k) => !spec.has(k)).sort();
  const missing = [...spec].filter((k) => !impl.has(k)).sort();
  return extra.length === 0 && missing.length === 0 ? undefined : { kind: 'enabled', step, action, extra, missing };
}

async function takeStep(world: ReplayWorld, action: TraceAction, step: number): Promise<ReplayFailure | undefined> {
  if (action.name === STUTTER_ACTION) {
    // The spec stutters only when every thread is done: the implementation must agree.
    return world.quiescent() ? undefined : { kind: 'divergence', step, action, message: 'the spec is quiescent here but the implementation is not' };
  }
  try {
    await world.step(action.thread, action.name, action.args);
    return undefined;
  } catch (err) {
    return { kind: 'divergence', step, action, message: err instanceof Error ? err.message : String(err) };
  }
}

/** A failure as text: the trace, the step, the action and the diff. */
export function describeFailure(r: ReplayReport): string {
  const f = r.failure;
  if (!f) return `${r.traceId}: ${r.stepsReplayed} steps replayed, no divergence`;
  const act = f.action ? `${f.action.thread} ${f.action.name} ${JSON.stringify(f.action.args)}` : 'the initial state';
  const head = `${r.model} / ${r.traceId} (variant ${r.variant}), step ${f.step}, ${act}`;
  if (f.kind === 'divergence') return `${head}: the implementation cannot take this step: ${f.message}`;
  if (f.kind === 'enabled') {
    const list = (xs: string[]): string => xs.slice(0, 6).join('; ') + (xs.length > 6 ? `; … (${xs.length})` : '') || 'none';
    return `${head}: after it the implementation offers steps the spec does not allow: ${list(f.extra)}; and lacks: ${list(f.missing)}`;
  }
  return `${head}: state differs from the spec (${f.diff.length} field(s)):\n${formatDiff(f.diff)}`;
}
