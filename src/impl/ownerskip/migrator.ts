/**
 * The driver's migration thread (spec/OwnerSkip.tla's migrator): one page
 * per migration, dmirror_migrate_to_device for a system page and
 * dmirror_devmem_fault for a device page, as steps
 *
 *   migrate_vma_setup (the MIGRATE invalidation with range->owner = the
 *   device; its lastAction is mn_itree_inv_start_range) → the callback
 *   (invalidate_owner_skip, or lock/set_seq/[zap | dmirror_skip_do_update]/
 *   unlock) → migrate_vma_collect (migration entry) → mn_itree_inv_end
 *   [wake_up_all] → dmirror_migrate_finalize_and_map |
 *   dmirror_devmem_fault_alloc_and_copy → migrate_vma_finalize.
 *
 * The driver part after invalidate_range_end runs while the spec's pc is
 * "idle" or "done" (mig[t].phase tells the step), so its step points carry
 * that pc as label.
 */
import { type MigratorState } from '../../protocol/owner-skip-state.ts';
import { type Blocker, stepPoint, type Task } from '../scheduler.ts';
import { invalidatorChoices, one } from '../thread-choices.ts';
import { type InvLocals, type StepChoice } from '../world-api.ts';
import { idleInv, type Recorder, type ThreadHost } from '../world-threads.ts';
import { idleMigration, type Migrations } from './migration.ts';

/** What the migrator uses of the world. */
export interface MigratorHost extends ThreadHost {
  readonly cfg: ThreadHost['cfg'] & { readonly invRanges: ReadonlyArray<readonly [number, number]> };
  readonly migrations: Migrations;
}

/** The pc of the migrator's next driver-side step: "idle" while invalidations remain, else "done". */
function driverPc(w: MigratorHost, id: string): 'idle' | 'done' {
  return (w.inv[id] as InvLocals).done < w.cfg.maxInv ? 'idle' : 'done';
}

/**
 * The migrator's program: migrations until MaxInv have been set up and the
 * last one finalized. `ready` guards the idle/done point, `spin` the end.
 */
export async function migratorProgram(w: MigratorHost, record: Recorder, task: Task, ready: Blocker, spin: Blocker): Promise<void> {
  const M = (): MigratorState => w.migrations.mig[task.id] as MigratorState;
  while (driverPc(w, task.id) === 'idle' || M().phase !== 'idle') {
    await stepPoint(w.sched, task, driverPc(w, task.id), ready);
    if (M().phase === 'idle') await migrateVmaSetup(w, record, task, spin);
    else if (M().phase === 'copy') copyStep(w, record, task);
    else migrateVmaFinalize(w, record, task);
  }
}

/**
 * migrate_vma_setup() on the page the step chose: the MIGRATE invalidation
 * (its walk and callbacks are the core's and the driver's steps), the
 * collect step, and invalidate_range_end. Runs from the idle step on.
 */
async function migrateVmaSetup(w: MigratorHost, record: Recorder, task: Task, spin: Blocker): Promise<void> {
  const L = w.inv[task.id] as InvLocals;
  const a = task.args as { start: number; last: number; blockable: boolean };
  Object.assign(L, { start: a.start, last: a.last, blockable: a.blockable, event: 'migrate', owner: w.driver });
  const page = a.start;
  const dir = w.migrations.devmem.has(page) ? 'to_system' : 'to_device';
  w.migrations.mig[task.id] = { phase: 'walk', page, dir, ver: 0 };
  if ((await w.notifier.invalidateRangeStart(L)) !== 0) throw new Error(`${task.id}: a blockable MIGRATE invalidation failed`);
  await stepPoint(w.sched, task, 'mm_change_ptes');
  migrateVmaCollect(w, record, task, page);
  await stepPoint(w.sched, task, 'mn_itree_inv_end', spin);
  await w.notifier.invalidateRangeEnd(L);
  delete L.owner;
  Object.assign(L, idleInv(L.done + 1));
}

/**
 * migrate_vma_collect() after the callbacks: the PTE becomes a migration
 * entry whose number is the version the CPU maps after finalize (without
 * migration entries the old PTE stays mapped until then).
 */
function migrateVmaCollect(w: MigratorHost, record: Recorder, task: Task, page: number): void {
  record(task, 'migrate_vma_collect', { page });
  const ver = w.mm.read(page) + 1;
  if (w.migrations.setting.migrationEntries) w.mm.changePtes(page, page);
  w.migrations.migent.add(page);
  Object.assign(w.migrations.mig[task.id] as MigratorState, { phase: 'copy', ver });
}

/**
 * After alloc_and_copy and migrate_vma_pages (nothing the model sees):
 * dmirror_migrate_finalize_and_map (to the device: under dmirror->mutex,
 * store the new page in dmirror->pt, or leave it empty: the fix), or
 * dmirror_devmem_fault_alloc_and_copy (back: xa_erase, without the mutex).
 */
function copyStep(w: MigratorHost, record: Recorder, task: Task): void {
  const M = w.migrations.mig[task.id] as MigratorState;
  const { setting } = w.migrations;
  if (M.dir === 'to_device') {
    record(task, 'dmirror_migrate_finalize_and_map', { page: M.page, version: M.ver });
    const locked = setting.finalizeTakesLock && w.driver.lock.tryLock(task);
    w.driver.spte[M.page - 1] = setting.finalizeStores ? M.ver : 0;
    if (locked) w.driver.lock.unlock(task);
  } else {
    record(task, 'dmirror_devmem_fault_alloc_and_copy', { page: M.page });
    w.driver.spte[M.page - 1] = 0;
  }
  M.phase = 'finalize';
}

/** migrate_vma_finalize(): remove_migration_ptes maps the new page; the page is no longer under migration. */
function migrateVmaFinalize(w: MigratorHost, record: Recorder, task: Task): void {
  const M = w.migrations.mig[task.id] as MigratorState;
  record(task, 'migrate_vma_finalize', { page: M.page });
  if (!w.migrations.setting.migrationEntries) w.mm.map(M.page, M.ver);
  w.migrations.migent.delete(M.page);
  if (M.dir === 'to_device') w.migrations.devmem.add(M.page);
  else w.migrations.devmem.delete(M.page);
  w.migrations.mig[task.id] = idleMigration();
}

/**
 * The migrator's steps at `at` (its step point): the driver part at
 * idle/done by phase; at idle with no migration, migrate_vma_setup on a
 * one-page range, blockable; the owner-skip callback's own steps; collect
 * in the PTE change's place; otherwise the ordinary invalidator steps.
 */
export function migratorChoices(w: MigratorHost, id: string, at: string, spinFree: boolean): StepChoice[] {
  const M = w.migrations.mig[id] as MigratorState;
  const L = w.inv[id] as InvLocals;
  const skip = w.migrations.setting.ownerSkip;
  if (at === 'idle' || at === 'done') {
    if (M.phase === 'copy' && M.dir === 'to_device') {
      const lockFree = !w.migrations.setting.finalizeTakesLock || w.driver.lock.blocker.ready();
      return lockFree ? one('dmirror_migrate_finalize_and_map', { page: M.page, version: M.ver }) : [];
    }
    if (M.phase === 'copy') return one('dmirror_devmem_fault_alloc_and_copy', { page: M.page });
    if (M.phase === 'finalize') return one('migrate_vma_finalize', { page: M.page });
    if (at === 'done' || !spinFree) return [];
    const ranges = w.cfg.invRanges.filter(([a, b]) => a === b);
    return invalidatorChoices(w, id, at, ranges).filter((c) => c.args.blockable === true);
  }
  if (at === 'invalidate_lock' && skip === 'dmirror') return one('invalidate_owner_skip', { sub: L.cursor });
  if (at === 'invalidate_zap' && skip === 'set_seq') return one('dmirror_skip_do_update', { sub: L.cursor });
  if (at === 'mm_change_ptes') return one('migrate_vma_collect', { page: M.page });
  return invalidatorChoices(w, id, at);
}
