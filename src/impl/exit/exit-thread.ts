/**
 * The exiting task's program (spec/ProcessExit.tla's ExitStep): mmput →
 * exit_mmap, step for step with the spec's actions. Its invalidations are
 * the notifier core's (mmuNotifierRelease for the release walk, an ordinary
 * MMU_NOTIFY_UNMAP invalidation for unmap_vmas); the callbacks are the
 * driver's, so the walk's steps (invalidate_lock … or invalidate_skip) are
 * the mirror driver's step points.
 */
import { type ExitExtState } from '../../protocol/exit-state.ts';
import { type SimulatedMm } from '../mm.ts';
import { type Subscriptions } from '../notifier.ts';
import { type Blocker, type Scheduler, stepPoint, type Task } from '../scheduler.ts';
import { type InvLocals } from '../world-api.ts';
import { idleInv, type Recorder } from '../world-threads.ts';
import { mmuNotifierRelease } from './release.ts';

/** What the exit program uses of its world. */
export interface ExitHost {
  readonly sched: Scheduler;
  readonly notifier: Subscriptions;
  readonly mm: SimulatedMm;
  /** The spec's ext, changed in place. */
  readonly ext: ExitExtState;
  readonly maxInv: number;
  readonly hlistStopsDevice: boolean;
  readonly record: Recorder;
  /** The guard of the exiter's steps between its walks (the world's choices for it are not empty). */
  readonly ready: Blocker;
  /** The guard of mn_itree_inv_end (it takes the spinlock). */
  readonly spin: Blocker;
}

/** The spec's ExitInvStart locals: the whole address space, blockable, a fresh count. */
function beginWalk(L: InvLocals, npages: number, event: 'release' | 'unmap'): InvLocals {
  return Object.assign(L, { start: 1, last: npages, blockable: true, event, curSeq: 0, done: 0 });
}

/** The exiter's pc between its steps: InvDone's "idle" or "done". */
function between(h: ExitHost, L: InvLocals): string {
  return L.done < h.maxInv ? 'idle' : 'done';
}

/** mmput(), exit_mmap() (mm/mmap.c): the steps of spec/ProcessExit.tla's exit thread, once. */
export async function exiterProgram(h: ExitHost, task: Task, L: InvLocals): Promise<void> {
  const { sched, record } = h;
  await stepPoint(sched, task, 'idle', h.ready);
  record(task, 'mmput_exit_mmap', {});
  Object.assign(h.ext, { mm: 'dead', phase: 'exiting' });
  h.notifier.mmUsersGone = true;
  await stepPoint(sched, task, 'idle', h.ready);
  // mn_itree_release: the world records the start step under this name.
  h.ext.phase = 'release';
  await mmuNotifierRelease(h.notifier, task, {
    range: beginWalk(L, h.mm.npages, 'release'),
    beforeEnd: async (range) => {
      // A walk that hit an interval ends its loop (the model's label), then mn_itree_inv_end.
      if (range.curSeq !== 0) {
        await stepPoint(sched, task, 'mm_change_ptes');
        record(task, 'mn_itree_release_loop_done', {});
      }
      await stepPoint(sched, task, 'mn_itree_inv_end', h.spin);
    },
  });
  Object.assign(L, idleInv(L.done + 1));
  await stepPoint(sched, task, between(h, L), h.ready);
  record(task, 'mn_hlist_release', {});
  h.ext.phase = 'hlist';
  h.ext.devLive = h.ext.devLive && !h.hlistStopsDevice;
  await stepPoint(sched, task, between(h, L), h.ready);
  h.ext.phase = 'unmap';
  await unmapVmas(h, task, beginWalk(L, h.mm.npages, 'unmap'));
  Object.assign(L, idleInv(L.done + 1));
  await stepPoint(sched, task, between(h, L), h.ready);
  record(task, 'exit_mmap_done', {});
  h.ext.phase = 'exited';
}

/**
 * unmap_vmas(): an MMU_NOTIFY_UNMAP invalidation of every page — the start
 * (recorded by the world as unmap_vmas), the callbacks, the pages freed
 * (mm_change_ptes), mn_itree_inv_end. Blockable: the start never fails.
 */
async function unmapVmas(h: ExitHost, task: Task, L: InvLocals): Promise<void> {
  await h.notifier.invalidateRangeStart(L);
  await stepPoint(h.sched, task, 'mm_change_ptes');
  h.record(task, 'mm_change_ptes', { start: L.start, last: L.last });
  h.mm.changePtes(L.start, L.last);
  await stepPoint(h.sched, task, 'mn_itree_inv_end', h.spin);
  await h.notifier.invalidateRangeEnd(L);
}
