/**
 * The search the random-schedule tests share: run many seeded schedules
 * with fast-check and report the first bad one (a violated invariant, a
 * deadlock, a thread that threw, or a run cut short).
 */
import fc from 'fast-check';
import { describeSchedule, type ScheduleResult } from '../../src/impl/explore.ts';

/** Throws with the schedule's description (and any thread failures) if the run went wrong. */
export function throwIfBad(r: ScheduleResult): void {
  if (r.violations.length > 0 || r.deadlock || r.failures.length > 0 || r.truncated) {
    throw new Error(`${describeSchedule(r)} ${r.failures.map((f) => String(f.error)).join('; ')}`);
  }
}

/**
 * Runs `schedule` for `numRuns` seeds (fast-check, fixed `seed`); returns the
 * message of the first seed that threw, or null if none did.
 */
export async function firstFailure(schedule: (seed: number) => Promise<void>, numRuns: number, seed: number): Promise<string | null> {
  try {
    await fc.assert(fc.asyncProperty(fc.integer(), schedule), { numRuns, seed, endOnFailure: true });
    return null;
  } catch (e) {
    // fast-check reports the property's own error as the cause.
    const cause = (e as Error).cause;
    return cause instanceof Error ? cause.message : (e as Error).message;
  }
}
