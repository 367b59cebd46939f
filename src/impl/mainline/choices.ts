/**
 * The steps a thread of the mainline world can take from where it stands:
 * the action name and the arguments of each (the spec's existential
 * choices: range and blockability of an invalidation, subscription and page
 * of a fault, which subscription the manager inserts or removes). A
 * disabled step has no choices. Guards ask the implementation (the
 * scheduler's blockers, the driver lock, the notifier's checkRetry), so a
 * broken API shows up as an enabledness mismatch in a replay.
 */
import { type ProtocolState } from '../../protocol/index.ts';
import { faulterStepChoices, invalidatorChoices, one, pages } from '../thread-choices.ts';
import { type SpecWorld, type StepChoice } from '../world-api.ts';
import { type ResolvedWorldConfig, threadKindOf } from './config.ts';

/** What the choices read of the mainline world. */
type MainlineView = SpecWorld<ProtocolState, ResolvedWorldConfig>;

/** The steps thread `id` can take now (`label` overrides its current step point, for the idle guards). */
export function stepChoices(w: MainlineView, id: string, label?: string): StepChoice[] {
  const kind = w.tasks.has(id) ? threadKindOf(w.cfg, id) : undefined;
  if (kind === undefined) return [];
  const at = label ?? w.sched.labelOf(id);
  if (at === undefined) return [];
  if (label === undefined && !w.sched.enabled().includes(id)) return [];
  switch (kind) {
    case 'invalidator':
      return invalidatorChoices(w, id, at);
    case 'faulter':
      return faulterChoices(w, id, at);
    case 'manager':
      return managerChoices(w, at);
  }
}

function faulterChoices(w: MainlineView, id: string, at: string): StepChoice[] {
  if (at === 'idle') {
    return w.subs.filter((s) => s.live).flatMap((s) => pages(s.start, s.last).map((page) => ({ action: 'mmu_interval_read_begin', args: { sub: s.id, page } })));
  }
  return faulterStepChoices(w, id, at);
}

function managerChoices(w: MainlineView, at: string): StepChoice[] {
  if (at === 'idle') {
    // The model removes only subscriptions no fault is using.
    const busy = new Set(Object.values(w.flt).map((f) => f.sub));
    return [
      ...w.subs.filter((s) => s.life === 'unused').map((s) => ({ action: 'mmu_interval_notifier_insert', args: { sub: s.id } })),
      ...w.subs.filter((s) => s.live && !busy.has(s.id)).map((s) => ({ action: 'mmu_interval_notifier_remove', args: { sub: s.id } })),
    ];
  }
  if (at === 'remove_return_free') return one(at, { sub: w.mgr.sub });
  return one(at);
}
