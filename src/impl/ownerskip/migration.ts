/**
 * The migration side of the owner-skip world (spec/OwnerSkip.tla's devmem,
 * migent and mig): which pages are device-private, which are under the
 * driver's own migration (their PTE is a migration entry), and each
 * migrator's locals. The fault path asks it whether hmm_range_fault meets a
 * migration entry.
 */
import { type MigratorState } from '../../protocol/owner-skip-state.ts';
import { DMIRROR_FAULT_PATH, type FaultPath } from '../mirror-driver.ts';
import { type OwnerSkipSetting } from './config.ts';

/** The spec's MigIdle. */
export function idleMigration(): MigratorState {
  return { phase: 'idle', page: 0, dir: 'none', ver: 0 };
}

/** devmem, migent and mig. */
export class Migrations {
  /** Pages whose CPU PTE is a device-private entry of this device. */
  readonly devmem: Set<number>;
  /** Pages between migrate_vma_setup's collect and migrate_vma_finalize. */
  readonly migent = new Set<number>();
  /** mig[t] per migrator. */
  readonly mig: Record<string, MigratorState> = {};

  constructor(
    readonly setting: OwnerSkipSetting,
    migrators: readonly string[],
    initDevmem: readonly number[],
  ) {
    this.devmem = new Set(initDevmem);
    for (const id of migrators) this.mig[id] = idleMigration();
  }

  /** The spec's AtMigrationEntry: hmm_range_fault on `page` waits (migration_entry_wait) and returns -EBUSY. */
  atMigrationEntry(page: number): boolean {
    return this.setting.migrationEntries && this.migent.has(page);
  }

  /** dmirror's mainline fault path, which waits at a migration entry. */
  faultPath(): FaultPath {
    return { ...DMIRROR_FAULT_PATH, migrationEntry: (page) => this.atMigrationEntry(page) };
  }
}
