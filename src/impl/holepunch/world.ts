/**
 * The world of spec/HolePunch*.tla: a driver that keeps one interval per
 * mapping and, on munmap, removes, shrinks or splits it — Ralph Campbell's
 * v6 dmirror inside the callback (`inside_callback`) or from its worker (the
 * manager thread, the outside strategies), and amdkfd's deferred worker
 * (remove-then-insert, or one of the candidate fixes). Step for step like
 * the spec's actions (spec/HolePunchDriver.tla), with its extra state:
 * pending updates (`upd`), the release lists (`relq`), the unmap plans
 * (`hp`), the work queue (`work`), mmap_lock (`mmap`) and the mapped pages
 * (`vma`).
 *
 * It shares the core, the mm and the driver lock with the mainline world;
 * what differs is the unmap handler (a step per API call), the fault path
 * (./fault.ts: lookup, read_begin and the checks as their own steps) and who
 * holds mmap_lock when (munmap downgrades; the other invalidation's
 * InvalidatorContext).
 */
import { type HolePunchState } from '../../protocol/index.ts';
import { OptionsError } from '../errors.ts';
import { SimulatedMm } from '../mm.ts';
import { type FaultLocals, idleFaultLocals, MirrorDriver } from '../mirror-driver.ts';
import { Subscriptions } from '../notifier.ts';
import { stepPoint, type Task } from '../scheduler.ts';
import { SnapshotSharing } from '../snapshot-sharing.ts';
import { NONE, type Invalidation, type Subscription } from '../subscription.ts';
import { type StepChoice } from '../world-api.ts';
import { WorldBase } from '../world-base.ts';
import { idleInv, invalidatorProgram, pollingGuard } from '../world-threads.ts';
import { holePunchChoices } from './choices.ts';
import { type HolePunchConfig, type HolePunchParts, type UnmapWork } from './config.ts';
import { checkHolePunchWorld, HP_WALKING } from './invariants.ts';
import { MmapLock } from './mmap-lock.ts';
import { amdkfdPlan, OP_ACTION, type PlanOp, unmapPlan } from './plan.ts';
import { holePunchSnapshot } from './snapshot.ts';
import { findReady, holePunchFault, type HolePunchFaultHost } from './fault.ts';

/** The hole-punch world, steppable one atomic action at a time. */
export class HolePunchWorld extends WorldBase<HolePunchState, HolePunchConfig> implements HolePunchParts {
  readonly family = 'holepunch' as const;
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly driver: MirrorDriver;
  /** Every interval, SubList order. */
  readonly subs: Subscription[];
  /** hp[t].ops: the remaining operations of t's unmap plan. */
  readonly hp: Record<string, { ops: PlanOp[] }> = {};
  /** The driver's work queue of unmaps (outside strategies). */
  readonly work: UnmapWork[] = [];
  /** mmap_lock. */
  readonly mmap = new MmapLock();
  /** Pages still mapped. */
  readonly vma: Set<number>;

  constructor(readonly cfg: HolePunchConfig) {
    super();
    if (cfg.unmappers.some((u) => !cfg.invalidators.includes(u))) throw new OptionsError('every unmapper must be an invalidator');
    this.mm = new SimulatedMm(cfg.npages);
    this.vma = new Set(Array.from({ length: cfg.npages }, (_, i) => i + 1));
    this.notifier = new Subscriptions({
      ...(cfg.variant ? { variant: cfg.variant } : {}),
      scheduler: this.sched,
      observer: (t, a, args) => this.record(t, a, args),
    });
    this.subs = [];
    this.driver = new MirrorDriver({
      notifier: this.notifier,
      mm: this.mm,
      record: (t, a, args) => this.record(t, a, args),
      maxTries: cfg.maxTries,
      hasRelease: true,
      unmapHandler: (t, sub, inv) => this.dmirrorDoUnmap(t, sub, inv),
    });
    cfg.subs.forEach((s, i) => this.subs.push(this.driver.newSubscription(s.id, s.start, s.last, i + 1)));
    for (const id of cfg.initTree) {
      const sub = this.sub(id);
      this.notifier.insert(sub, sub.start, sub.last - sub.start + 1);
    }
  }

  protected spawnThreads(): void {
    for (const id of this.cfg.invalidators) {
      const task: Task = { id, pc: 'idle' };
      this.inv[id] = { task, ...idleInv(0) };
      this.hp[id] = { ops: [] };
      this.spawn(task, (t) => this.invalidator(t));
    }
    for (const id of this.cfg.faulters) {
      this.flt[id] = idleFaultLocals(0);
      this.spawn({ id, pc: 'idle' }, (t) => this.faulter(t));
    }
    this.hp[this.cfg.mgr] = { ops: [] };
    this.spawn({ id: this.cfg.mgr, pc: 'idle' }, (t) => this.worker(t));
  }

  protected override record(task: Task, name: string, args: Record<string, unknown>): void {
    super.record(task, name, args);
    // mn_itree_inv_end (either path) drops the invalidator's mmap_lock in the same step.
    if (name === 'mn_itree_inv_end') this.mmap.release(task.id);
  }

  /** The fault's lookup: intervals in the tree, not being removed, covering `page` (the spec's Findable). */
  findable(page: number): Subscription[] {
    return this.subs.filter((s) => this.notifier.tree.has(s.id) && s.life === 'in_tree' && s.start <= page && page <= s.last);
  }

  /** The first unused interval in SubList order (a successful allocation), or null. */
  private freeSub(): Subscription | null {
    return this.subs.find((s) => s.life === 'unused') ?? null;
  }

  // ------------------------------------------------------------ stepping

  choices(id: string): StepChoice[] {
    return holePunchChoices(this, id);
  }

  /** All bounded work done (the spec's Quiescent). */
  quiescent(): boolean {
    return (
      this.cfg.invalidators.every((t) => this.pcOf(t) === 'done') &&
      this.cfg.faulters.every((t) => this.pcOf(t) === 'idle' || this.pcOf(t) === 'done') &&
      this.pcOf(this.cfg.mgr) === 'idle' &&
      this.work.length === 0
    );
  }

  /** Violated safety properties of spec/HolePunch.tla in the current state. */
  violations(): string[] {
    return checkHolePunchWorld(this);
  }

  walking(): boolean {
    return Object.values(this.inv).some((L) => HP_WALKING.has(L.task.pc));
  }

  /** The state in the JSON shape of the spec's HolePunch variables. */
  snapshot(): HolePunchState {
    return holePunchSnapshot(this);
  }

  snapshotter(): () => HolePunchState {
    const share = new SnapshotSharing();
    return () => holePunchSnapshot(this, share);
  }

  // ---------------------------------------------------------- programs

  /**
   * invalidate_range_start … end, MaxInv times. In the start step munmap
   * takes mmap_write_lock, detaches its pages and downgrades (it holds the
   * read lock to its end); the other invalidator takes mmap_read_lock in
   * context mmap_read, nothing otherwise.
   */
  private async invalidator(task: Task): Promise<void> {
    const unmapper = this.cfg.unmappers.includes(task.id);
    const ready = pollingGuard(() => this.spinFree && holePunchChoices(this, task.id, 'idle').length > 0);
    await invalidatorProgram(this, (t, name, args) => this.record(t, name, args), task, ready, pollingGuard(() => this.spinFree), {
      unmapper,
      begin: (L) => {
        if (unmapper) {
          for (let p = L.start; p <= L.last; p++) this.vma.delete(p);
          this.mmap.readers.add(task.id);
        } else if (this.cfg.invalidatorContext === 'mmap_read') this.mmap.readers.add(task.id);
      },
      endAfterFailedStart: false,
    });
  }

  /** dmirror_do_unmap, in the callback after the zap (driver lock held): plan now, or queue for the worker. */
  private async dmirrorDoUnmap(task: Task, sub: Subscription, inv: Invalidation): Promise<void> {
    await stepPoint(this.sched, task, 'dmirror_do_unmap');
    this.record(task, 'dmirror_do_unmap', { sub: sub.id });
    if (this.cfg.strategy === 'inside_callback') {
      (this.hp[task.id] as { ops: PlanOp[] }).ops = unmapPlan(this.cfg.strategy, sub.id, sub.start, sub.last, inv.start, inv.last);
      await this.runPlan(task);
    } else {
      this.work.push({ sub: sub.id, start: inv.start, last: inv.last });
    }
  }

  /** Carries out t's plan, one critical section (one step) per operation. */
  private async runPlan(task: Task): Promise<void> {
    const plan = this.hp[task.id] as { ops: PlanOp[] };
    for (let o = plan.ops[0]; o !== undefined; o = plan.ops[0]) {
      const ready = pollingGuard(
        () => this.spinFree && (o.api !== 'update' || this.sub(o.sub).live) && (o.api !== 'unmap_from_gpus' || this.driver.lock.blocker.ready()),
      );
      await stepPoint(this.sched, task, OP_ACTION[o.api], ready);
      if (o.api === 'remove') {
        // amdkfd's blocking remove (the worker): its wait and return are steps of their own.
        await this.notifier.remove(task, this.sub(o.sub), this.mgr);
        await stepPoint(this.sched, task, 'remove_return_free');
        this.record(task, 'remove_return_free', { sub: this.mgr.sub });
        this.mgr.sub = NONE;
        this.mgr.waitSeq = 0;
        plan.ops.shift();
        continue;
      }
      this.apply(task, o);
      plan.ops.shift();
    }
  }

  /** One plan operation's critical section. */
  private apply(task: Task, o: PlanOp): void {
    const n = this.notifier;
    if (o.api === 'update') {
      this.record(task, OP_ACTION.update, { sub: o.sub, start: o.start, last: o.last });
      n.update(this.sub(o.sub), o.start, o.last - o.start + 1);
    } else if (o.api === 'unmap_from_gpus') {
      // Fix unmap_first: svm_range_unmap_from_gpus of the kept part, under prange->lock (taken and dropped here).
      this.record(task, OP_ACTION.unmap_from_gpus, { start: o.start, last: o.last });
      for (let p = o.start; p <= o.last; p++) this.driver.spte[p - 1] = 0;
    } else if (o.api === 'remove_deferred') {
      this.record(task, OP_ACTION.remove_deferred, { sub: o.sub });
      n.removeDeferred(this.sub(o.sub));
    } else {
      // insert_safe / insert_locked; a failed GFP_ATOMIC allocation zaps the part instead.
      const fresh = this.freeSub();
      this.record(task, OP_ACTION[o.api], { sub: fresh?.id ?? NONE, start: o.start, last: o.last });
      if (fresh !== null) n.insertSafe(fresh, o.start, o.last - o.start + 1);
      else for (let p = o.start; p <= o.last; p++) this.driver.spte[p - 1] = 0;
    }
  }

  /** The faults (./fault.ts), MaxFaults times; the first lookup is the idle step. */
  private async faulter(task: Task): Promise<void> {
    const L = this.flt[task.id] as FaultLocals;
    const spinFree = (): boolean => this.spinFree;
    const host = this.faultHost();
    while (L.done < this.cfg.maxFaults) {
      await stepPoint(this.sched, task, 'idle', pollingGuard(() => findReady(host, spinFree) && holePunchChoices(this, task.id, 'idle').length > 0));
      const a = task.args as { sub: string; page: number };
      await holePunchFault(host, task, L, { sub: this.sub(a.sub), page: a.page }, spinFree);
      Object.assign(L, idleFaultLocals(L.done + 1));
    }
  }

  /** What the fault path uses of this world. */
  private faultHost(): HolePunchFaultHost {
    return {
      sched: this.sched,
      notifier: this.notifier,
      mm: this.mm,
      lock: this.driver.lock,
      spte: this.driver.spte,
      mmap: this.mmap,
      vma: this.vma,
      work: this.work,
      cfg: this.cfg,
      findable: (page) => this.findable(page),
      record: (t, name, args) => this.record(t, name, args),
      wantCheckRetry: (t) => t.want === undefined || t.want === 'mmu_interval_check_retry',
    };
  }

  /** The driver's worker (thread Mgr): one queued unmap per round, under mmap_write_lock (and the driver lock but for amdkfd). */
  private async worker(task: Task): Promise<void> {
    const amdkfd = this.cfg.strategy === 'outside_remove_then_insert';
    const ready = pollingGuard(() => holePunchChoices(this, task.id, 'idle').length > 0);
    for (;;) {
      await stepPoint(this.sched, task, 'idle', ready);
      const it = this.work.shift() as UnmapWork;
      const sub = this.sub(it.sub);
      this.record(task, 'unmap_work_begin', { sub: it.sub });
      (this.hp[task.id] as { ops: PlanOp[] }).ops = amdkfd
        ? amdkfdPlan(it.sub, sub.start, sub.last, it.start, it.last, this.cfg.amdkfdFix)
        : unmapPlan(this.cfg.strategy, it.sub, sub.start, sub.last, it.start, it.last);
      this.mmap.writer = task.id;
      if (!amdkfd) this.driver.lock.tryLock(task);
      await this.runPlan(task);
      await stepPoint(this.sched, task, 'unmap_work_done');
      this.record(task, 'unmap_work_done', {});
      this.mmap.writer = NONE;
      if (!amdkfd) this.driver.lock.unlock(task);
    }
  }
}
