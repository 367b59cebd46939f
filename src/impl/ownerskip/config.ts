/**
 * The configuration of the owner-skip world (spec/OwnerSkip.tla's
 * constants): the mainline world's, plus the migrator threads, the
 * subscriptions in the tree and the pages on the device at the start, and
 * the driver setting (the owner skip and its ablations).
 */
import { OWNER_SKIPS, type OwnerSkipSetting } from '../../protocol/owner-skip-state.ts';
import { OptionsError } from '../errors.ts';
import { type WorldConfig } from '../mainline/config.ts';

export type { OwnerSkipSetting };

/** lib/test_hmm.c as written. */
export const DMIRROR_AS_WRITTEN: OwnerSkipSetting = { ownerSkip: 'dmirror', migrationEntries: true, finalizeTakesLock: true, finalizeStores: true };

/** A mainline world whose migrators run dmirror's own migrations. */
export type OwnerSkipWorldConfig = WorldConfig & {
  /** Invalidators that run migrate_vma_setup .. migrate_vma_finalize instead of ordinary invalidations. */
  readonly migrators: readonly string[];
  /** Subscriptions in the tree at the start (dmirror_fops_open). */
  readonly initTree: readonly string[];
  /** Pages already migrated to the device at the start. */
  readonly initDevmem: readonly number[];
  readonly setting: OwnerSkipSetting;
};

/** Throws OptionsError naming the constant that does not fit. */
export function checkOwnerSkipConfig(c: OwnerSkipWorldConfig): void {
  if (!OWNER_SKIPS.includes(c.setting.ownerSkip)) throw new OptionsError(`unknown owner skip ${String(c.setting.ownerSkip)}: use one of ${OWNER_SKIPS.join(', ')}`);
  for (const m of c.migrators) if (!c.invalidators.includes(m)) throw new OptionsError(`migrator ${m} must be one of the invalidators (${c.invalidators.join(', ')})`);
  for (const id of c.initTree) if (!c.subs.some((s) => s.id === id)) throw new OptionsError(`initTree names ${id}, which is not a subscription of the model`);
  for (const p of c.initDevmem) if (!(Number.isSafeInteger(p) && p >= 1 && p <= c.npages)) throw new OptionsError(`initDevmem page ${p} must lie within 1..${c.npages}`);
}
