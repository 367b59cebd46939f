/**
 * The world of spec/OwnerSkip.tla: the mainline world (one mm, dmirror, the
 * notifier core) with dmirror's own migrations. Migrator threads run
 * migrate_vma_setup .. migrate_vma_finalize (migrator.ts) with range->owner
 * = the driver, whose callback treats them by the owner-skip setting; the
 * other invalidators are ordinary ones; the device fault waits at a
 * migration entry. The one subscription is in the tree from the start and
 * the manager never moves (spec/OwnerSkip.tla has no manager steps). The
 * snapshot adds devmem, migent and mig.
 */
import { type OwnerSkipState } from '../../protocol/owner-skip-state.ts';
import { stepChoices } from '../mainline/choices.ts';
import { World } from '../mainline/world.ts';
import { idleFaultLocals } from '../mirror-driver.ts';
import { NEVER_READY, stepPoint, type Task } from '../scheduler.ts';
import { one } from '../thread-choices.ts';
import { type StepChoice } from '../world-api.ts';
import { faulterProgram, idleInv, invalidatorProgram, pollingGuard, type Recorder } from '../world-threads.ts';
import { checkOwnerSkipConfig, type OwnerSkipWorldConfig } from './config.ts';
import { Migrations } from './migration.ts';
import { migratorChoices, migratorProgram, type MigratorHost } from './migrator.ts';

/** The properties spec/OwnerSkip.tla shares with the mainline (its models check these and its own two). */
const SHARED_INVARIANTS: ReadonlySet<string> = new Set([
  'TypeOK',
  'OddSeqImpliesActive',
  'InsertedSeqsOdd',
  'WalkersOnlyWhileOdd',
  'WalkersShareEpochSeq',
  'DriverLockHeldInCriticalSections',
]);

/** The mainline world with dmirror's own migrations and its owner skip. */
export class OwnerSkipWorld extends World implements MigratorHost {
  readonly migrations: Migrations;
  readonly initTree: readonly string[];

  constructor(config: OwnerSkipWorldConfig) {
    checkOwnerSkipConfig(config);
    const migrations = new Migrations(config.setting, config.migrators, config.initDevmem);
    super({ ...config, driverHooks: { ownerSkip: config.setting.ownerSkip, faultPath: migrations.faultPath() } });
    this.migrations = migrations;
    this.initTree = config.initTree;
    // dmirror_fops_open inserted the subscription while idle; dmirror_migrate_finalize_and_map stored the device pages.
    for (const id of config.initTree) {
      const sub = this.sub(id);
      this.notifier.insert(sub, sub.start, sub.last - sub.start + 1);
    }
    for (const p of config.initDevmem) this.driver.spte[p - 1] = 1;
  }

  protected override spawnThreads(): void {
    const record: Recorder = (t, name, args) => this.record(t, name, args);
    const spin = pollingGuard(() => this.spinFree);
    for (const id of this.cfg.invalidators) {
      const task: Task = { id, pc: 'idle' };
      this.inv[id] = { task, ...idleInv(0) };
      if (this.isMigrator(id)) {
        const ready = pollingGuard(() => migratorChoices(this, id, this.sched.labelOf(id) ?? 'idle', this.spinFree).length > 0);
        this.spawn(task, (t) => migratorProgram(this, record, t, ready, spin));
      } else {
        this.spawn(task, (t) => invalidatorProgram(this, record, t, spin, spin, this.invalidatorHooks()));
      }
    }
    for (const id of this.cfg.faulters) {
      this.flt[id] = idleFaultLocals(0);
      this.spawn({ id, pc: 'idle' }, (t) => faulterProgram(this, t, pollingGuard(() => this.spinFree && stepChoices(this, id, 'idle').length > 0)));
    }
    // The manager of spec/OwnerSkip.tla never takes a step.
    this.spawn({ id: this.cfg.mgr, pc: 'idle' }, (t) => stepPoint(this.sched, t, 'idle', NEVER_READY));
  }

  private isMigrator(id: string): boolean {
    return this.migrations.mig[id] !== undefined;
  }

  override choices(id: string): StepChoice[] {
    const at = this.sched.labelOf(id);
    if (at === undefined || !this.sched.enabled().includes(id)) return [];
    if (this.isMigrator(id)) return migratorChoices(this, id, at, this.spinFree);
    // hmm_range_fault at a migration entry: only migration_entry_wait.
    const L = this.flt[id];
    if (at === 'hmm_range_fault' && L !== undefined && this.migrations.atMigrationEntry(L.page)) return one('migration_entry_wait', { page: L.page });
    return super.choices(id);
  }

  override snapshot(): OwnerSkipState {
    return { ...super.snapshot(), ...this.migrationState() };
  }

  override snapshotter(): () => OwnerSkipState {
    const base = super.snapshotter();
    return () => ({ ...base(), ...this.migrationState() });
  }

  /** devmem, migent (sorted sets) and mig. */
  private migrationState(): Pick<OwnerSkipState, 'devmem' | 'migent' | 'mig'> {
    const sorted = (s: ReadonlySet<number>): number[] => [...s].sort((a, b) => a - b);
    const mig: OwnerSkipState['mig'] = {};
    for (const [id, m] of Object.entries(this.migrations.mig)) mig[id] = { ...m };
    return { devmem: sorted(this.migrations.devmem), migent: sorted(this.migrations.migent), mig };
  }

  /**
   * The invariants of spec/OwnerSkip.tla's models: the shared ones, the
   * strict NoCoverageLoss, and NoStaleDeviceEntry with the driver's own
   * migration exempt while it is in flight.
   */
  override violations(): string[] {
    const out = super.violations().filter((p) => SHARED_INVARIANTS.has(p));
    const covered = (p: number): boolean => this.notifier.tree.first(p, p) !== undefined;
    const entry = (p: number): number => this.driver.spte[p - 1] as number;
    const pages = Array.from({ length: this.mm.npages }, (_, i) => i + 1);
    if (pages.some((p) => entry(p) !== 0 && !covered(p))) out.push('NoCoverageLoss');
    if (pages.some((p) => covered(p) && entry(p) !== 0 && !this.migrations.migent.has(p) && entry(p) !== this.mm.read(p))) out.push('NoStaleDeviceEntry');
    return out;
  }

  /** The spec's OSQuiescent: invalidators done, faulters idle or done, no migration in flight. */
  override quiescent(): boolean {
    return (
      this.cfg.invalidators.every((t) => this.pcOf(t) === 'done') &&
      this.cfg.faulters.every((t) => this.pcOf(t) === 'idle' || this.pcOf(t) === 'done') &&
      Object.values(this.migrations.mig).every((m) => m.phase === 'idle')
    );
  }
}
