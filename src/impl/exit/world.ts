/**
 * The world of spec/ProcessExit.tla: the mainline world (one mm, the mirror
 * driver with the exit driver's callback shape, the notifier core) in which
 * one invalidator, the exiter, runs mmput → exit_mmap instead of
 * invalidations (exit-thread.ts). The snapshot adds the spec's `ext`.
 */
import { type ExitExtState, type ExitState } from '../../protocol/exit-state.ts';
import { MmExitedError } from '../errors.ts';
import { World } from '../mainline/world.ts';
import { type Task } from '../scheduler.ts';
import { type Invalidation, type Subscription } from '../subscription.ts';
import { one } from '../thread-choices.ts';
import { type StepChoice } from '../world-api.ts';
import { pollingGuard } from '../world-threads.ts';
import { exiterPhaseChoices, managerIdleChoices, skipsCallback, type ExitView } from './choices.ts';
import { checkExitConfig, type ExitConfig, type ExitWorldConfig } from './config.ts';
import { exiterProgram } from './exit-thread.ts';
import { exitViolations } from './invariants.ts';

/** The mainline world whose mm exits. */
export class ExitWorld extends World {
  readonly exit: ExitConfig;
  /** The spec's ext: mm_users, the phase of exit_mmap, the device, an insert's -EINVAL. */
  readonly ext: ExitExtState = { mm: 'alive', phase: 'running', devLive: true, insErr: 'none' };

  constructor(config: ExitWorldConfig) {
    super(config);
    this.exit = checkExitConfig(config);
  }

  /** Read when a callback starts, so the shape and mm_users are those of that moment. */
  protected override callbackSkip(): (inv: Invalidation) => boolean {
    return (inv) => skipsCallback(this.exit, inv, this.notifier.mmUsersGone);
  }

  protected override async invalidator(task: Task): Promise<void> {
    if (task.id !== this.exit.exiter) return super.invalidator(task);
    const spin = pollingGuard(() => this.spinFree);
    const host = {
      sched: this.sched,
      notifier: this.notifier,
      mm: this.mm,
      ext: this.ext,
      maxInv: this.cfg.maxInv,
      hlistStopsDevice: this.exit.hlistStopsDevice,
      record: (t: Task, name: string, args: Record<string, unknown>) => this.record(t, name, args),
      ready: pollingGuard(() => exiterPhaseChoices(this.view()).length > 0),
      spin,
    };
    await exiterProgram(host, task, this.inv[task.id]!);
  }

  /** The exiter's tree walks start with the core's mn_itree_inv_start_range; the spec names them after the exit's step. */
  protected override record(task: Task, name: string, args: Record<string, unknown>): void {
    const exiterStart = name === 'mn_itree_inv_start_range' && task.id === this.exit.exiter;
    super.record(task, exiterStart ? (this.ext.phase === 'release' ? 'mn_itree_release' : 'unmap_vmas') : name, args);
  }

  /** Faults need mm_users, inserts too (or fail), the manager and the driver's early return. */
  protected override idleChoices(id: string): StepChoice[] {
    return this.adjust(id, 'idle', super.idleChoices(id));
  }

  override choices(id: string): StepChoice[] {
    if (!this.sched.enabled().includes(id)) return [];
    const at = this.sched.labelOf(id) ?? '';
    const L = this.inv[id];
    if (id === this.exit.exiter && (at === 'idle' || at === 'done')) return exiterPhaseChoices(this.view());
    if (id === this.exit.exiter && at === 'mm_change_ptes' && this.ext.phase === 'release') return one('mn_itree_release_loop_done');
    if (at === 'invalidate_lock' && L !== undefined && skipsCallback(this.exit, L, this.notifier.mmUsersGone)) return one('invalidate_skip', { sub: L.cursor });
    return this.adjust(id, at, super.choices(id));
  }

  private adjust(id: string, at: string, base: StepChoice[]): StepChoice[] {
    if (at !== 'idle') return base;
    if (this.cfg.faulters.includes(id)) return this.ext.mm === 'alive' ? base : [];
    return id === this.cfg.mgr ? managerIdleChoices(this.view(), base) : base;
  }

  private view(): ExitView {
    return {
      exit: this.exit,
      ext: this.ext,
      npages: this.mm.npages,
      spinFree: this.spinFree,
      faultersIdle: this.cfg.faulters.every((f) => this.pcOf(f) === 'idle' || this.pcOf(f) === 'done'),
    };
  }

  /** insert_after_exit: __mmu_interval_notifier_insert's WARN and -EINVAL (MmExitedError), recorded in ext.insErr. */
  protected override insertStep(task: Task, sub: Subscription): void {
    try {
      super.insertStep(task, sub);
    } catch (err) {
      if (!(err instanceof MmExitedError)) throw err;
      this.record(task, 'insert_after_exit', { sub: sub.id });
      this.ext.insErr = 'EINVAL';
    }
  }

  override snapshot(): ExitState {
    return { ...super.snapshot(), ext: { ...this.ext } };
  }

  override snapshotter(): () => ExitState {
    const base = super.snapshotter();
    return () => ({ ...base(), ext: { ...this.ext } });
  }

  /** The mainline invariants with the exit's adjustments (invariants.ts). */
  override violations(): string[] {
    return exitViolations(this, this.ext, this.exit.exiter, super.violations());
  }

  /** ExitQuiescent: the mainline's Quiescent and the exit is over. */
  override quiescent(): boolean {
    return super.quiescent() && this.ext.phase === 'exited';
  }
}
