/**
 * The one file of src/validation that knows src/impl: it builds the world
 * of a run's constants (src/codegen/world-config.ts makeWorld), lets the explorer's random or PCT
 * scheduler drive it (src/impl/explore.ts runWorldSchedule) and records,
 * after every step, the world's snapshot, sharing with the previous state
 * every part the step did not change (SpecWorld.snapshotter), so a
 * step costs a comparison of the live state, not a copy. The snapshot is already in the
 * spec's variable shape and carries `lastAction` — action, thread and
 * arguments as the world's step observer (the StepObserver of
 * src/impl/scheduler.ts, wired to World.record) saw them — so the recorded
 * states are exactly what the trace module needs; no second copy of the
 * world's logic is kept here.
 *
 * When src/impl's world interface changes, this is the file to adapt.
 */
import { makeWorld as makeModelWorld } from '../codegen/world-config.ts';
import { type ModelConstants } from '../codegen/model-constants.ts';
import { runWorldSchedule, seededChooser, type Policy } from '../impl/explore.ts';
import type { SpecWorld } from '../impl/world-api.ts';
import { type VariantName } from '../protocol/variants.ts';

export { seededChooser, type Policy } from '../impl/explore.ts';

/** A state of a run, in the JSON shape of src/protocol (ProtocolState or HolePunchState). */
export type RecordedState = Record<string, unknown> & { lastAction: { name: string; thread: string; args: Record<string, unknown> } };

/** How one run is scheduled. */
export interface RecordOptions {
  /** The implementation's variant (default: the constants' variant). */
  readonly variant?: VariantName;
  /** Seed of every random choice of the run: thread order and step arguments. */
  readonly seed: number;
  /** uniform (default) or PCT thread choice (src/impl/explore.ts Policy). */
  readonly policy?: Policy;
  /** Step bound (a prefix of a behaviour is a behaviour). */
  readonly maxSteps: number;
  /** false: run the same schedule without snapshots (the baseline of the recording cost). */
  readonly record?: boolean;
  /** How the states are taken (default: the world's snapshotter, sharing unchanged parts); the bench passes the old full copy to compare. */
  readonly snapshots?: (world: SpecWorld) => () => RecordedState;
}

/** What one recorded run did. */
export interface RecordedRun {
  /** states[0] is the initial state, states[k] the state after step k. */
  readonly states: RecordedState[];
  /** Steps taken. */
  readonly steps: number;
  /** Safety properties the implementation's own checks found violated at the end (names as in the spec). */
  readonly violations: string[];
  /** The world could not move although not quiescent. */
  readonly deadlock: boolean;
  /** A thread program threw (message), which ended the run. */
  readonly failure: string | null;
}

/** The started world of the constants' family, its free choices from `choose` (the hot loop of the run goes through these few members). */
export function makeWorld(c: ModelConstants, variant: VariantName | undefined, choose: (n: number) => number): SpecWorld {
  return makeModelWorld(c, variant ? { variant } : {}, choose);
}

/**
 * Runs one schedule of the world for `constants` and records its states.
 * Every choice comes from one seeded stream, so a seed replays the same run.
 */
export async function recordRun(constants: ModelConstants, options: RecordOptions): Promise<RecordedRun> {
  const choose = seededChooser(options.seed);
  const world = makeWorld(constants, options.variant, choose);
  const record = options.record !== false;
  const snapshot = options.snapshots?.(world) ?? (world.snapshotter());
  const states: RecordedState[] = record ? [snapshot()] : [];
  // Record after every step: the world's own step, followed by its snapshot.
  const step = world.step.bind(world);
  (world as { step: SpecWorld['step'] }).step = async (id, action, args) => {
    const choice = await step(id, action, args);
    if (record) states.push(snapshot());
    return choice;
  };
  try {
    const r = await runWorldSchedule(world, choose, { maxSteps: options.maxSteps, policy: options.policy ?? { kind: 'uniform' } });
    const failed = r.failures[0];
    return { states, steps: r.steps.length, violations: r.violations, deadlock: r.deadlock, failure: failed ? String((failed.error as Error).message ?? failed.error) : null };
  } catch (err) {
    // A thread failed inside a step (a variant's misuse error): the states so far are still a run.
    return { states, steps: Math.max(0, states.length - 1), violations: [], deadlock: false, failure: (err as Error).message };
  }
}
