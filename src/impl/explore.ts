/**
 * Random-schedule exploration: run a world to the end under an interleaving
 * chosen by a stream of random numbers (from fast-check or a seed), checking
 * the safety invariants after every step and deadlock at the end. This is
 * how a driver author tries a strategy against the protocol under thousands
 * of schedules.
 */
import { type WorldConfig } from './mainline/config.ts';
import { World } from './mainline/world.ts';
import { type SpecWorld } from './world-api.ts';

/** One step of an explored schedule. */
export interface ScheduleStep {
  readonly thread: string;
  readonly action: string;
  readonly args: Record<string, unknown>;
}

/** What one schedule did. */
export interface ScheduleResult {
  /** Steps taken, in order (a trace that replays with world.step). */
  readonly steps: ScheduleStep[];
  /** Invariants violated after the last step (the run stops at the first violation). */
  readonly violations: string[];
  /** No thread could move although the system was not quiescent. */
  readonly deadlock: boolean;
  /** The step bound was reached first. */
  readonly truncated: boolean;
  /** Errors thrown by thread programs (e.g. misuse errors), by thread. */
  readonly failures: Array<{ id: string; error: unknown }>;
}

/** A source of random choices: an index in [0, n). */
export type Chooser = (n: number) => number;

/** A deterministic chooser from a 32-bit seed (mulberry32). */
export function seededChooser(seed: number): Chooser {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * How the next thread is picked: `uniform` among the enabled threads, or
 * `pct` (probabilistic concurrency testing, Burckhardt et al. 2010): random
 * thread priorities, the highest enabled thread runs, and at `depth - 1`
 * random steps the running thread drops to the lowest priority. PCT finds
 * bugs that need a few ordering constraints with a guaranteed probability,
 * where a uniform walk rarely keeps one thread away long enough.
 */
export type Policy = { kind: 'uniform' } | { kind: 'pct'; depth: number; expectedSteps: number };

/** Options of one schedule run. */
export interface RunOptions {
  /** Step bound (default 2000; the spec's models are bounded well below). */
  readonly maxSteps?: number;
  /** How threads are picked (default uniform). */
  readonly policy?: Policy;
  /** Check only these invariants (names of WORLD_INVARIANTS or TreeFrozenWhileWalked); default all. */
  readonly check?: readonly string[];
}

/** Runs one random schedule of the mainline world described by `config`. */
export async function runSchedule(config: WorldConfig, choose: Chooser, options: RunOptions = {}): Promise<ScheduleResult> {
  return runWorldSchedule(new World({ ...config, choose }).start(), choose, options);
}

/**
 * Runs one random schedule of a started world whose own step choices come
 * from the same `choose` (pass it in the world's config).
 */
export async function runWorldSchedule(world: SpecWorld, choose: Chooser, options: RunOptions = {}): Promise<ScheduleResult> {
  const { maxSteps = 2000, policy = { kind: 'uniform' }, check } = options;
  const pick = picker(world, choose, policy);
  const steps: ScheduleStep[] = [];
  const violated = (): string[] => {
    const v = world.violations();
    return check === undefined ? v : v.filter((x) => check.includes(x));
  };
  let violations = violated();
  while (violations.length === 0 && steps.length < maxSteps && world.sched.failed().length === 0) {
    const enabled = world.enabled();
    if (enabled.length === 0) break;
    const id = pick(enabled, steps.length);
    const frozen = treeIfWalked(world);
    const choice = await world.step(id);
    steps.push({ thread: id, action: choice.action, args: choice.args });
    violations = violated();
    const thawed = frozen !== null && frozen !== treeIfWalked(world, true);
    if (thawed && (check === undefined || check.includes('TreeFrozenWhileWalked'))) violations.push('TreeFrozenWhileWalked');
  }
  return {
    steps,
    violations,
    deadlock: violations.length === 0 && world.deadlocked(),
    truncated: steps.length >= maxSteps,
    failures: world.sched.failed(),
  };
}

function picker(world: SpecWorld, choose: Chooser, policy: Policy): (enabled: string[], step: number) => string {
  if (policy.kind === 'uniform') return (enabled) => enabled[choose(enabled.length)] as string;
  const ids = [...world.tasks.keys()];
  const prio = new Map<string, number>();
  // A random permutation of priorities depth .. depth + n - 1 (above every change-point value).
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = choose(i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  order.forEach((id, i) => prio.set(id, policy.depth + i));
  const changes = Array.from({ length: policy.depth - 1 }, () => choose(policy.expectedSteps));
  return (enabled, step) => {
    let best = enabled[0] as string;
    for (const id of enabled) if ((prio.get(id) ?? 0) > (prio.get(best) ?? 0)) best = id;
    const k = changes.indexOf(step);
    if (k >= 0) prio.set(best, k);
    return best;
  };
}

/**
 * The tree (ids and bounds) while some invalidator walks it, else null — the
 * spec's action property TreeFrozenWhileWalked compares it across a step.
 */
function treeIfWalked(world: SpecWorld, always = false): string | null {
  if (!always && !world.walking()) return null;
  return world.notifier.tree
    .entries()
    .map((e) => `${e.id}:${e.start}-${e.last}`)
    .join(',');
}

/** A one-line account of a failing schedule, for test messages. */
export function describeSchedule(r: ScheduleResult): string {
  const what = r.violations.length > 0 ? `violates ${r.violations.join(', ')}` : r.deadlock ? 'deadlocks' : 'ok';
  const tail = r.steps.map((s) => `${s.thread}:${s.action}${Object.keys(s.args).length ? JSON.stringify(s.args) : ''}`);
  return `${what} after ${r.steps.length} steps: ${tail.join(' ')}`;
}
