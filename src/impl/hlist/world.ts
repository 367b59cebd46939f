/**
 * The world of spec/HlistNotifier.tla: the mainline world (one mm, the
 * mirror driver in dmirror's or nouveau's shape, the notifier core) whose
 * invalidators go through {@link RangeWrapper}: the interval tree first,
 * then the mm's classic hlist subscribers. The snapshot adds the spec's `hl`
 * (each invalidator's hlist walk).
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { World } from '../mainline/world.ts';
import { one } from '../thread-choices.ts';
import { type StepChoice } from '../world-api.ts';
import { type InvalidatorHooks } from '../world-threads.ts';
import { hlistKinds, type HlistWorldConfig } from './config.ts';
import { nouveauHlistSubscriber, pairedHlistSubscriber, type HlistSubscriber } from './hlist-subscriber.ts';
import { RangeWrapper, type HlistWalk } from './range-wrapper.ts';

/** The state of spec/HlistNotifier.tla: the mainline variables and hl. */
export type HlistProtocolState = ProtocolState & { hl: Record<string, HlistWalk> };

/** The mainline world with classic (hlist) notifiers next to the tree. */
export class HlistWorld extends World {
  readonly hlistConfig: HlistWorldConfig['hlist'];
  readonly hlist: readonly HlistSubscriber[];
  readonly wrapper: RangeWrapper;

  constructor(config: HlistWorldConfig) {
    super(config);
    this.hlistConfig = config.hlist;
    const kinds = hlistKinds(config.hlist);
    this.hlist = config.hlist.subs.map((id) => (kinds.get(id) === 'nouveau' ? nouveauHlistSubscriber(this.driver, id) : pairedHlistSubscriber(id)));
    this.wrapper = new RangeWrapper(this.notifier, {
      hlist: this.hlist,
      pairsEnds: config.hlist.pairsEnds,
      fix: config.hlist.fix,
      observer: (task, action, args) => this.record(task, action, args),
    });
  }

  protected override invalidatorHooks(): InvalidatorHooks {
    return { ...super.invalidatorHooks(), range: this.wrapper };
  }

  /** The hlist start step records which subscriber it calls and whether it fails. */
  override choices(id: string): StepChoice[] {
    const base = super.choices(id);
    const at = this.sched.labelOf(id);
    const L = this.inv[id];
    if (at !== 'mn_hlist_invalidate_range_start' || base.length === 0 || L === undefined) return base;
    const h = this.hlist[this.wrapper.walkOf(id).next - 1];
    if (h === undefined) return [];
    return one(at, { hsub: h.id, eagain: !L.blockable && this.hlistConfig.failing.includes(h.id) });
  }

  override snapshot(): HlistProtocolState {
    return { ...super.snapshot(), hl: this.hlState() };
  }

  /** The recorder's snapshots (SpecWorld.snapshotter) carry `hl` too: a copy each, as snapshot() makes. */
  override snapshotter(): () => HlistProtocolState {
    const base = super.snapshotter();
    return () => ({ ...base(), hl: this.hlState() });
  }

  /** hl: a copy of each invalidator's hlist walk. */
  private hlState(): Record<string, HlistWalk> {
    const hl: Record<string, HlistWalk> = {};
    for (const id of this.cfg.invalidators) hl[id] = { ...this.wrapper.walkOf(id), started: [...this.wrapper.walkOf(id).started] };
    return hl;
  }

  /** The mainline invariants, HlistStartsPaired and NoStaleDeviceEntryAnywhere (spec/HlistNotifier.tla). */
  override violations(): string[] {
    const out = super.violations();
    const over = (id: string): boolean => this.pcOf(id) === 'idle' || this.pcOf(id) === 'done';
    if (this.cfg.invalidators.some((id) => over(id) && this.wrapper.walkOf(id).started.length > 0)) out.push('HlistStartsPaired');
    if (this.driver.spte.some((v, i) => v !== 0 && v !== this.mm.read(i + 1))) out.push('NoStaleDeviceEntryAnywhere');
    return out;
  }
}
