/**
 * The world of the spec (spec/MMUNotifier.tla): one mm, one mirror driver,
 * the notifier core, and the threads — invalidators, faulters, the manager,
 * and (for the outside hole-punch strategies) the driver's punch worker —
 * each an async program over the core and the driver, run by a
 * ControlledScheduler. A test drives it one atomic step at a time:
 * `world.step(thread, action, args)`, then compares `world.snapshot()`.
 *
 * Each program is written after the spec's actions, step for step; the
 * thread locals live in the plain objects `inv`, `flt`, `mgr` that
 * snapshot() reads.
 */
import { type HolePunchStrategy, type ProtocolState, type VariantName } from '../protocol/index.ts';
import { ControlledScheduler } from './controlled-scheduler.ts';
import { OptionsError, ScheduleError } from './errors.ts';
import { outsideOrder, planUnmap, type UnmapPlan } from './hole-punch.ts';
import { SimulatedMm } from './mm.ts';
import { type FaultLocals, idleFaultLocals, MirrorDriver } from './mirror-driver.ts';
import { Subscriptions, type RemoveLocals } from './notifier.ts';
import { type Task } from './scheduler.ts';
import { NONE, type Subscription } from './subscription.ts';
import { checkWorld } from './world-invariants.ts';
import { protocolSnapshot } from './world-snapshot.ts';
import { stepChoices, type StepChoice } from './world-choices.ts';
import {
  faulterProgram,
  idleInv,
  type InvLocals,
  invalidatorProgram,
  pollingGuard,
  recordedArgs,
  stepPoint,
  stepThread,
} from './world-threads.ts';

export { type InvLocals } from './world-threads.ts';

/** A subscription of the model: its id and bounds (SubList order = tree tie-break). */
export interface SubSpec {
  readonly id: string;
  readonly start: number;
  readonly last: number;
}

/** The constants of a model (the spec's CONSTANTS) plus implementation-only extras. */
export interface WorldConfig {
  readonly variant?: VariantName;
  readonly npages: number;
  readonly subs: readonly SubSpec[];
  readonly invalidators: readonly string[];
  readonly faulters: readonly string[];
  readonly mgr?: string;
  /** Ranges <<first page, last page>> an invalidation may cover. */
  readonly invRanges: ReadonlyArray<readonly [number, number]>;
  readonly blockable?: readonly boolean[];
  readonly maxInv: number;
  readonly maxFaults: number;
  readonly maxTries: number;
  /** Implementation only: invalidators whose invalidations are munmaps, with their own ranges. */
  readonly unmappers?: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>;
  /** Implementation only: how the driver handles an unmap inside an interval. */
  readonly holePunch?: HolePunchStrategy;
  /** Implementation only: pages faults may pick (default: every page the subscription covers). */
  readonly faultPages?: readonly number[];
  /** Implementation only: false = no manager thread (subscriptions stay as preinserted). */
  readonly manager?: boolean;
  /** Implementation only: subscriptions inserted before the first step. */
  readonly preinsert?: readonly string[];
  /** Implementation only: the device has mirrored every page of the preinserted subscriptions. */
  readonly prefault?: boolean;
  /** Source of choices a step is not given: returns an index in [0, n). Default: the first. */
  readonly choose?: (n: number) => number;
}

/** The id of the punch worker thread (outside hole-punch strategies). */
export const WORKER = 'w';

/** Thread kinds of the world. */
export type ThreadKind = 'invalidator' | 'faulter' | 'manager' | 'worker';

/** The simulated system, steppable one atomic action at a time. */
export class World {
  readonly sched = new ControlledScheduler();
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  readonly driver: MirrorDriver;
  readonly cfg: Required<Pick<WorldConfig, 'mgr' | 'blockable'>> & WorldConfig;
  readonly tasks = new Map<string, { task: Task; kind: ThreadKind }>();
  readonly inv: Record<string, InvLocals> = {};
  readonly flt: Record<string, FaultLocals> = {};
  readonly mgr: RemoveLocals = { sub: NONE, waitSeq: 0 };
  /** Every subscription (SubList first, then those the driver allocated), in rank order. */
  readonly subs: Subscription[] = [];
  lastAction: { name: string; thread: string; args: Record<string, unknown> } = { name: 'Init', thread: NONE, args: {} };
  private started = false;

  constructor(config: WorldConfig) {
    validate(config);
    this.cfg = { mgr: 'm', blockable: [true, false], ...config };
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
      holePunch: config.holePunch,
      allocate: (start, last) => this.allocate(start, last),
      wantCheckRetry: (task) => task.want === undefined || task.want === 'mmu_interval_check_retry',
    });
    config.subs.forEach((s, i) => this.subs.push(this.driver.newSubscription(s.id, s.start, s.last, i + 1)));
    for (const id of config.preinsert ?? []) {
      const sub = this.sub(id);
      this.notifier.insert(sub, sub.start, sub.last - sub.start + 1);
      if (config.prefault === true) for (let p = sub.start; p <= sub.last; p++) this.driver.spte[p - 1] = this.mm.read(p);
    }
  }

  /** Spawns every thread; each parks at its first step point. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    for (const id of this.cfg.invalidators) this.spawn(id, 'invalidator', (t) => this.invalidator(t));
    for (const id of this.cfg.faulters) this.spawn(id, 'faulter', (t) => this.faulter(t));
    if (this.cfg.manager !== false) this.spawn(this.cfg.mgr, 'manager', (t) => this.manager(t));
    if (this.cfg.holePunch !== undefined && this.cfg.holePunch !== 'inside_callback') {
      this.spawn(WORKER, 'worker', (t) => this.worker(t));
    }
    return this;
  }

  private spawn(id: string, kind: ThreadKind, program: (t: Task) => Promise<void>): void {
    const task: Task = { id, pc: 'idle' };
    this.tasks.set(id, { task, kind });
    if (kind === 'invalidator') this.inv[id] = { task, ...idleInv(0) };
    if (kind === 'faulter') this.flt[id] = idleFaultLocals(0);
    this.sched.spawn(task, () => program(task));
  }

  /** The subscription `id`; throws if unknown. */
  sub(id: string): Subscription {
    const s = this.subs.find((x) => x.id === id);
    if (s === undefined) throw new ScheduleError(`unknown subscription ${id}`);
    return s;
  }

  private allocate(start: number, last: number): Subscription {
    const sub = this.driver.newSubscription(`h${this.subs.length + 1}`, start, last, this.subs.length + 1);
    this.subs.push(sub);
    return sub;
  }

  private record(task: Task, name: string, args: Record<string, unknown>): void {
    this.lastAction = { name, thread: task.id, args: recordedArgs(this.flt, task, name, args) };
  }

  // ------------------------------------------------------------ stepping

  /** Ids of threads whose next step is enabled. */
  enabled(): string[] {
    return this.sched.enabled();
  }

  /** The steps thread `id` can take now (action and arguments). */
  choices(id: string): StepChoice[] {
    return stepChoices(this, id);
  }

  /**
   * Runs one step of thread `id`. `action`/`args` select among the thread's
   * choices (default: `cfg.choose`, else the first). Throws ScheduleError
   * if that step is not possible here (a divergence from the trace) or the
   * step recorded a different action.
   */
  async step(id: string, action?: string, args?: Record<string, unknown>): Promise<StepChoice> {
    this.start();
    return stepThread(this, id, action, args);
  }

  /** The whole observable state, in the JSON shape of src/protocol/state.ts. */
  snapshot(): ProtocolState {
    return snapshotOf(this);
  }

  /** Violated safety properties of the current state (names as in the spec), empty if none. */
  violations(): string[] {
    return checkWorld(this);
  }

  /** Every thread has finished its bounded work and no subscription is live (the spec's Quiescent). */
  quiescent(): boolean {
    const pcOf = (id: string): string => this.tasks.get(id)?.task.pc ?? 'idle';
    return (
      this.cfg.invalidators.every((t) => pcOf(t) === 'done') &&
      this.cfg.faulters.every((t) => pcOf(t) === 'idle' || pcOf(t) === 'done') &&
      pcOf(this.cfg.mgr) !== 'remove_wait' &&
      pcOf(this.cfg.mgr) !== 'remove_return_free' &&
      this.driver.holes.length === 0 &&
      (this.cfg.manager === false || this.subs.every((s) => s.life === 'unused' || s.life === 'freed' || s.life === 'removed'))
    );
  }

  /** No thread can move although the system is not quiescent. */
  deadlocked(): boolean {
    return this.started && this.enabled().length === 0 && !this.quiescent();
  }

  // ---------------------------------------------------------- programs

  private get spinFree(): boolean {
    return this.notifier.spinlock?.ready() ?? true;
  }


  /** invalidate_range_start … mutate … invalidate_range_end, MaxInv times. */
  private async invalidator(task: Task): Promise<void> {
    const spin = pollingGuard(() => this.spinFree);
    await invalidatorProgram(this, (t, name, args) => this.record(t, name, args), task, spin, spin, {
      unmapper: this.cfg.unmappers?.[task.id] !== undefined,
      endAfterFailedStart: this.notifier.variant === 'M20_eagain_double_end',
    });
  }

  /** dmirror_range_fault on a chosen live subscription and page, MaxFaults times. */
  private async faulter(task: Task): Promise<void> {
    await faulterProgram(this, task, pollingGuard(() => this.spinFree && stepChoices(this, task.id, 'idle').length > 0));
  }

  /** The driver's insert/remove of subscriptions; after remove: zap and free. */
  private async manager(task: Task): Promise<void> {
    const ready = pollingGuard(() => this.spinFree && stepChoices(this, task.id, 'idle').length > 0);
    for (;;) {
      await stepPoint(this.sched, task, 'idle', ready);
      const sub = this.sub((task.args as { sub: string }).sub);
      if (task.want === 'mmu_interval_notifier_insert') {
        this.notifier.insert(sub, sub.start, sub.last - sub.start + 1, task);
        continue;
      }
      await this.notifier.remove(task, sub, this.mgr);
      await stepPoint(this.sched, task, 'remove_return_free', this.driver.lock.blocker);
      this.record(task, 'remove_return_free', { sub: sub.id });
      sub.life = 'freed';
      this.driver.zap(sub, 1, this.mm.npages);
      this.mgr.sub = NONE;
      this.mgr.waitSeq = 0;
    }
  }

  /** Outside hole-punch strategies: applies recorded unmaps, two operations under the driver lock. */
  private async worker(task: Task): Promise<void> {
    const [first, second] = outsideOrder(this.cfg.holePunch as HolePunchStrategy);
    const ready = pollingGuard(() => this.driver.holes.length > 0);
    for (;;) {
      await stepPoint(this.sched, task, 'idle', ready);
      const hole = this.driver.holes.shift();
      if (hole === undefined) continue;
      this.record(task, 'punch_begin', { ...hole });
      const sub = this.sub(hole.sub);
      await this.driver.lock.lock(this.sched, task, 'punch_lock', () => this.record(task, 'punch_lock', {}));
      const plan: UnmapPlan = planUnmap(sub.start, sub.last, hole.start, hole.last);
      await stepPoint(this.sched, task, `punch_${first}`);
      this.record(task, `punch_${first}`, {});
      this.driver.applyPlan(sub, plan, first);
      await stepPoint(this.sched, task, `punch_${second}`);
      this.record(task, `punch_${second}`, {});
      this.driver.applyPlan(sub, plan, second);
      this.driver.lock.unlock(task);
    }
  }
}

function validate(c: WorldConfig): void {
  const posInt = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;
  if (!posInt(c.npages) || c.npages < 1) throw new OptionsError(`npages must be a positive integer (got ${String(c.npages)})`);
  for (const k of ['maxInv', 'maxFaults', 'maxTries'] as const) {
    if (!posInt(c[k])) throw new OptionsError(`${k} must be a non-negative integer (got ${String(c[k])})`);
  }
  const ids = new Set<string>();
  for (const s of c.subs) {
    if (ids.has(s.id)) throw new OptionsError(`subscription id ${s.id} is used twice`);
    ids.add(s.id);
    if (!(1 <= s.start && s.start <= s.last && s.last <= c.npages)) {
      throw new OptionsError(`subscription ${s.id} = [${s.start}, ${s.last}] must lie within pages 1..${c.npages}`);
    }
  }
  for (const [a, b] of c.invRanges) {
    if (!(1 <= a && a <= b && b <= c.npages)) throw new OptionsError(`invalidation range [${a}, ${b}] must lie within 1..${c.npages}`);
  }
  if (c.holePunch === 'outside_remove_then_insert') {
    throw new OptionsError('the amdkfd strategy (outside_remove_then_insert) is modelled by HolePunchWorld, not World');
  }
  const threads = [...c.invalidators, ...c.faulters, c.mgr ?? 'm'];
  if (new Set(threads).size !== threads.length) throw new OptionsError(`thread ids must be distinct: ${threads.join(', ')}`);
}

function snapshotOf(w: World): ProtocolState {
  const pc: Record<string, string> = {};
  for (const [id, { task }] of w.tasks) pc[id] = task.pc;
  const state = protocolSnapshot(w, pc);
  // deferred is a set in spec/MMUNotifier.tla: sorted (assigning keeps its place among the keys).
  state.deferred = [...state.deferred].sort();
  return state;
}
