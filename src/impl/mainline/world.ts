/**
 * The world of spec/MMUNotifier.tla: one mm, one mirror driver, the
 * notifier core, and the spec's threads — invalidators, faulters, the
 * manager — each an async program over the core and the driver, run by a
 * ControlledScheduler. A test drives it one atomic step at a time:
 * `world.step(thread, action, args)`, then compares `world.snapshot()`.
 *
 * Each program is written after the spec's actions, step for step; the
 * thread locals live in the plain objects `inv`, `flt`, `mgr` that
 * snapshot() reads.
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { SimulatedMm } from '../mm.ts';
import { idleFaultLocals, MirrorDriver } from '../mirror-driver.ts';
import { Subscriptions } from '../notifier.ts';
import { SnapshotSharing } from '../snapshot-sharing.ts';
import { stepPoint, type Task } from '../scheduler.ts';
import { NONE, type Invalidation, type Subscription } from '../subscription.ts';
import { type StepChoice } from '../world-api.ts';
import { WorldBase } from '../world-base.ts';
import { faulterProgram, idleInv, invalidatorProgram, pollingGuard, type InvalidatorHooks } from '../world-threads.ts';
import { stepChoices } from './choices.ts';
import { resolveWorldConfig, type ResolvedWorldConfig, type WorldConfig } from './config.ts';
import { checkWorld, WALKING } from './invariants.ts';
import { snapshotOf } from './snapshot.ts';

/** The simulated system of spec/MMUNotifier.tla, steppable one atomic action at a time. */
export class World extends WorldBase<ProtocolState, ResolvedWorldConfig> {
  readonly family = 'mainline' as const;
  readonly cfg: ResolvedWorldConfig;
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly driver: MirrorDriver;
  /** Every subscription of the model, SubList order. */
  readonly subs: Subscription[];

  constructor(config: WorldConfig) {
    super();
    this.cfg = resolveWorldConfig(config);
    this.mm = new SimulatedMm(config.npages);
    this.notifier = new Subscriptions({
      variant: config.variant ?? 'mainline',
      scheduler: this.sched,
      observer: (task, action, args) => this.record(task, action, args),
    });
    this.driver = new MirrorDriver({
      notifier: this.notifier,
      mm: this.mm,
      record: (task, action, args) => this.record(task, action, args),
      maxTries: config.maxTries,
      zapsInCallback: config.driverShape !== 'nouveau',
      skipsCallback: this.callbackSkip(),
      ...config.driverHooks,
      wantCheckRetry: (task) => task.want === undefined || task.want === 'mmu_interval_check_retry',
    });
    this.subs = config.subs.map((s, i) => this.driver.newSubscription(s.id, s.start, s.last, i + 1));
  }

  protected spawnThreads(): void {
    for (const id of this.cfg.invalidators) {
      const task: Task = { id, pc: 'idle' };
      this.inv[id] = { task, ...idleInv(0) };
      this.spawn(task, (t) => this.invalidator(t));
    }
    for (const id of this.cfg.faulters) {
      this.flt[id] = idleFaultLocals(0);
      this.spawn({ id, pc: 'idle' }, (t) => this.faulter(t));
    }
    this.spawn({ id: this.cfg.mgr, pc: 'idle' }, (t) => this.manager(t));
  }

  choices(id: string): StepChoice[] {
    return stepChoices(this, id);
  }

  /** The choices of thread `id` at its idle point (the guard of a faulter's or the manager's next step). */
  protected idleChoices(id: string): StepChoice[] {
    return stepChoices(this, id, 'idle');
  }

  /** The driver callback's early return (MirrorDriverConfig.skipsCallback); dmirror has none. */
  protected callbackSkip(): ((inv: Invalidation) => boolean) | undefined {
    return undefined;
  }

  /** The whole observable state, in the JSON shape of src/protocol/state.ts. */
  snapshot(): ProtocolState {
    return snapshotOf(this);
  }

  snapshotter(): () => ProtocolState {
    const share = new SnapshotSharing();
    return () => snapshotOf(this, share);
  }

  /** Violated safety properties of spec/MMUNotifierProperties.tla (the spec's names), empty if none. */
  violations(): string[] {
    return checkWorld(this);
  }

  walking(): boolean {
    return Object.values(this.inv).some((L) => WALKING.has(L.task.pc));
  }

  /** Every thread has finished its bounded work and the manager is not inside a remove (the spec's Quiescent). */
  quiescent(): boolean {
    return (
      this.cfg.invalidators.every((t) => this.pcOf(t) === 'done') &&
      this.cfg.faulters.every((t) => this.pcOf(t) === 'idle' || this.pcOf(t) === 'done') &&
      this.pcOf(this.cfg.mgr) !== 'remove_wait' &&
      this.pcOf(this.cfg.mgr) !== 'remove_return_free' &&
      this.subs.every((s) => s.life === 'unused' || s.life === 'freed' || s.life === 'removed')
    );
  }

  // ---------------------------------------------------------- programs

  /** invalidate_range_start … mutate … invalidate_range_end, MaxInv times. */
  protected async invalidator(task: Task): Promise<void> {
    const spin = pollingGuard(() => this.spinFree);
    await invalidatorProgram(this, (t, name, args) => this.record(t, name, args), task, spin, spin, this.invalidatorHooks());
  }

  /** The invalidator program's settings; a world with hlist subscribers adds its start/end wrapper. */
  protected invalidatorHooks(): InvalidatorHooks {
    return { unmapper: false, endAfterFailedStart: this.notifier.variant === 'M20_eagain_double_end' };
  }

  /** dmirror_range_fault on a chosen live subscription and page, MaxFaults times. */
  private async faulter(task: Task): Promise<void> {
    await faulterProgram(this, task, pollingGuard(() => this.spinFree && this.idleChoices(task.id).length > 0));
  }

  /** The manager's insert step (a world whose mm can exit adds the failing insert). */
  protected insertStep(task: Task, sub: Subscription): void {
    this.notifier.insert(sub, sub.start, sub.last - sub.start + 1, task);
  }

  /** The driver's insert/remove of subscriptions; after remove: zap and free. */
  private async manager(task: Task): Promise<void> {
    const ready = pollingGuard(() => this.spinFree && this.idleChoices(task.id).length > 0);
    for (;;) {
      await stepPoint(this.sched, task, 'idle', ready);
      const sub = this.sub((task.args as { sub: string }).sub);
      if (task.want !== 'mmu_interval_notifier_remove') {
        this.insertStep(task, sub);
        continue;
      }
      await this.notifier.remove(task, sub, this.mgr);
      await stepPoint(this.sched, task, 'remove_return_free', this.driver.lock.blocker);
      this.record(task, 'remove_return_free', { sub: sub.id });
      sub.life = 'freed';
      // nouveau removes its fault-window interval and keeps the GPU PTE.
      if (this.cfg.driverShape !== 'nouveau') this.driver.zap(sub, 1, this.mm.npages);
      this.mgr.sub = NONE;
      this.mgr.waitSeq = 0;
    }
  }
}
