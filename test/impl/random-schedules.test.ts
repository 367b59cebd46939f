/**
 * Random-schedule tests: thousands of interleavings of the world, each
 * checked after every step against the spec's safety invariants (SAFE-1 =
 * NoStaleDeviceEntry, NoUseAfterFree, …) and for deadlock at the end. The
 * same harness must find the bug variants. (The hole-punch strategies are
 * explored on HolePunchWorld: test/impl/hole-punch-world.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { type Policy, type RunOptions, runSchedule, seededChooser } from '../../src/impl/explore.ts';
import { type WorldConfig } from '../../src/impl/mainline/config.ts';
import { type VariantName } from '../../src/protocol/index.ts';
import { firstFailure, throwIfBad } from './first-failure.ts';
import { SMALL_MODEL } from './small-model.ts';

const PCT: Policy = { kind: 'pct', depth: 3, expectedSteps: 30 };

/** Runs `numRuns` schedules; returns the failure message of the first bad one (or null). */
async function firstBadSchedule(config: WorldConfig, policy: Policy, numRuns: number, check?: readonly string[]): Promise<string | null> {
  const options: RunOptions = { policy, ...(check ? { check } : {}) };
  return firstFailure(async (seed) => throwIfBad(await runSchedule(config, seededChooser(seed), options)), numRuns, 20260);
}

describe('mainline is safe and live under random schedules', () => {
  it('small model (MCSafety threads, more ranges): 1500 uniform schedules', async () => {
    expect(await firstBadSchedule(SMALL_MODEL, { kind: 'uniform' }, 1500)).toBeNull();
  });
  it('small model (MCSafety threads, more ranges): 1000 PCT schedules', async () => {
    expect(await firstBadSchedule(SMALL_MODEL, PCT, 1000)).toBeNull();
  });
});

describe('the same tests catch the bug variants', () => {
  // The first invariant a schedule breaks (all of the spec's safety invariants are checked).
  const caught: Array<[VariantName, RegExp]> = [
    ['M1_insert_while_odd', /TreeFrozenWhileWalked/],
    ['M2_remove_while_odd', /RemoveReturnsUnlinked|NoUseAfterFree/],
    ['M3_insert_ignores_active', /PendingInsertSeqIsEpoch|NoStaleDeviceEntry|ZappedBeforeMutate/],
    ['M4_even_interval_seq', /InsertedSeqsOdd/],
    ['M6_no_wake_up', /deadlocks/],
    ['M7_wake_before_seq', /violates|deadlocks/],
    ['M8_every_end_bumps', /violates/],
    ['M9_active_only_on_hit', /TypeOK|OddSeqImpliesActive/],
    ['M10_deferred_outside_lock', /DeferredOnlyWhileOdd/],
    ['M11_remove_unlocked_seq_read', /DeferredOnlyWhileOdd|NoUseAfterFree/],
    ['M12_remove_pending_as_in_tree', /LifecycleMatchesTreeAndList|RemoveReturnsUnlinked|NoUseAfterFree/],
    ['M13_read_retry_unlocked', /DriverLockHeldInCriticalSections/],
    ['M19_eagain_no_end', /deadlocks/],
    ['M20_eagain_double_end', /violates/],
  ];
  for (const [variant, expected] of caught) {
    it(`${variant} is caught`, async () => {
      const failure = await firstBadSchedule({ ...SMALL_MODEL, variant }, { kind: 'uniform' }, 1500);
      expect(failure).toMatch(expected);
    });
  }

  // The read-side bugs end in a real stale device entry, checking SAFE-1 (and SAFE-2) alone.
  const SAFE = ['NoStaleDeviceEntry', 'ZappedBeforeMutate'];
  for (const variant of ['M3_insert_ignores_active', 'M13_read_retry_unlocked', 'M14_set_seq_after_unlock', 'M15_read_begin_never_waits', 'M16_read_begin_global_seq'] as const) {
    it(`${variant} leaves a stale device entry (SAFE-1/2 only)`, async () => {
      const failure = await firstBadSchedule({ ...SMALL_MODEL, variant }, { kind: 'uniform' }, 2000, SAFE);
      expect(failure).toMatch(/violates (NoStaleDeviceEntry|ZappedBeforeMutate)/);
    });
  }

  it('M11 (remove reads seq without the lock) frees a node the last inv_end still unlinks (NoUseAfterFree only)', async () => {
    const failure = await firstBadSchedule({ ...SMALL_MODEL, variant: 'M11_remove_unlocked_seq_read' }, { kind: 'uniform' }, 3000, ['NoUseAfterFree']);
    expect(failure).toMatch(/violates NoUseAfterFree/);
  });

  it('M22_remove_in_callback (a callback calls the blocking remove) deadlocks', async () => {
    const failure = await firstBadSchedule({ ...SMALL_MODEL, variant: 'M22_remove_in_callback' }, { kind: 'uniform' }, 500);
    expect(failure).toMatch(/deadlocks/);
  });

  it('deferred_fifo (harmless) is not flagged', async () => {
    expect(await firstBadSchedule({ ...SMALL_MODEL, variant: 'deferred_fifo' }, { kind: 'uniform' }, 500)).toBeNull();
  });
});
