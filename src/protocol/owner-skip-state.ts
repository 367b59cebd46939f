/**
 * The state of the owner-skip models (spec/OwnerSkip.tla): the mainline
 * variables of ./state.ts plus `devmem` (pages whose CPU PTE is a
 * device-private entry of the device), `migent` (pages under the driver's
 * own migration, migrate_vma_setup .. migrate_vma_finalize) and `mig` (each
 * migrator's driver-side locals), in the same JSON conventions (sets as
 * sorted arrays, functions over ids as objects).
 *
 * pc values beyond PC_VALUES: none. A migrator is an invalidator whose
 * driver part (finalize_and_map, devmem copy, finalize) runs at pc "idle"
 * or "done", told apart by `mig[t].phase`.
 */
import { z } from 'zod';
import { ProtocolState } from './state.ts';

/**
 * dmirror_interval_invalidate for its own MMU_NOTIFY_MIGRATE range
 * (spec/OwnerSkip.tla's OwnerSkip): "dmirror" returns at once (lib/test_hmm.c
 * as written), "set_seq" locks and calls set_seq and skips only
 * dmirror_do_update (the fix), "none" treats it like any invalidation.
 */
export const OWNER_SKIPS = ['dmirror', 'set_seq', 'none'] as const;
export type OwnerSkipMode = (typeof OWNER_SKIPS)[number];

/** The driver setting: OwnerSkip, MigrationEntries, FinalizeTakesLock, FinalizeStores. */
export interface OwnerSkipSetting {
  /** dmirror_interval_invalidate for its own MIGRATE range (see OWNER_SKIPS). */
  readonly ownerSkip: OwnerSkipMode;
  /** migrate_vma_collect installs migration entries (the kernel); false: the old PTE stays until finalize (an ablation). */
  readonly migrationEntries: boolean;
  /** dmirror_migrate_finalize_and_map runs under dmirror->mutex (the driver); false: an ablation. */
  readonly finalizeTakesLock: boolean;
  /** dmirror_migrate_finalize_and_map stores the new page in dmirror->pt (the driver); false: the proposed fix. */
  readonly finalizeStores: boolean;
}

/** mig[t].phase: no migration, in the walk (setup .. collect), copying, finalizing. */
export const MIG_PHASES = ['idle', 'walk', 'copy', 'finalize'] as const;
export type MigPhase = (typeof MIG_PHASES)[number];

/** mig[t].dir: none, dmirror_migrate_to_device, or dmirror_devmem_fault (back to system memory). */
export const MIG_DIRS = ['none', 'to_device', 'to_system'] as const;
export type MigDir = (typeof MIG_DIRS)[number];

/** mig[t]: the migration's phase, page, direction and the PTE version the CPU maps after finalize. */
export const MigratorState = z.strictObject({
  phase: z.enum(MIG_PHASES),
  page: z.int().min(0),
  dir: z.enum(MIG_DIRS),
  ver: z.int().min(0),
});
export type MigratorState = z.infer<typeof MigratorState>;

/** The whole state of an owner-skip model. */
export const OwnerSkipState = ProtocolState.extend({
  devmem: z.array(z.int().min(1)),
  migent: z.array(z.int().min(1)),
  mig: z.record(z.string().min(1), MigratorState),
});
export type OwnerSkipState = z.infer<typeof OwnerSkipState>;
