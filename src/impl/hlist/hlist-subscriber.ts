/**
 * Classic (hlist) mmu notifiers: a `struct mmu_notifier` with
 * `invalidate_range_start` / `invalidate_range_end` on the mm's hlist, next
 * to the interval tree (spec/HlistNotifier.tla, docs/kernel-protocol.md §9.1).
 * Two shapes from the kernel: nouveau's (a start that zaps the device page
 * table under the driver lock and fails every non-blockable range, no end)
 * and a KVM-like one (start and end that count invalidations in progress;
 * the start never fails).
 */
import { EAGAIN } from '../notifier.ts';
import { type DriverLock } from '../driver-lock.ts';
import { type Blocker } from '../scheduler.ts';
import { type Invalidation } from '../subscription.ts';

/** struct mmu_notifier with its ops' invalidate_range_start / _end. */
export interface HlistSubscriber {
  readonly id: string;
  /**
   * The enabling condition of this subscriber's start step for `inv`
   * (nouveau's blockable start waits for the driver lock), if any.
   */
  startBlocker(inv: Invalidation): Blocker | undefined;
  /** ops->invalidate_range_start: 0, or EAGAIN (non-blockable ranges only). One atomic step. */
  invalidateRangeStart(inv: Invalidation): number;
  /**
   * ops->invalidate_range_end, if the subscriber has one. Mainline
   * WARN_ONs a subscriber whose start failed and that has an end, so a
   * subscriber whose start can fail has none.
   */
  readonly invalidateRangeEnd?: (inv: Invalidation) => void;
}

/** The device page table nouveau's hlist start clears (the mirror driver's). */
export interface ZappableDevice {
  /** svmm->mutex. */
  readonly lock: DriverLock;
  /** spte[p - 1] = mirrored version, 0 = no entry. */
  readonly spte: number[];
}

/**
 * nouveau_svmm_invalidate_range_start(): -EAGAIN at once for a non-blockable
 * range; otherwise mutex_lock(&svmm->mutex), NVIF_VMM_V0_PFNCLR of the whole
 * range (covered by an interval or not), mutex_unlock. nouveau_mn_ops has no
 * invalidate_range_end. The lock is taken and released inside the one step:
 * the step is enabled only when the lock is free.
 */
export function nouveauHlistSubscriber(device: ZappableDevice, id = 'nouveau'): HlistSubscriber {
  return {
    id,
    startBlocker: (inv) => (inv.blockable ? device.lock.blocker : undefined),
    invalidateRangeStart(inv) {
      if (!inv.blockable) return EAGAIN;
      if (!device.lock.blocker.ready()) throw new Error(`${id}: the start step ran while ${device.lock.holder} holds the driver lock`);
      const to = Math.min(inv.last, device.spte.length);
      for (let p = Math.max(inv.start, 1); p <= to; p++) device.spte[p - 1] = 0;
      return 0;
    },
  };
}

/** A KVM-like subscriber: start and end; `inProgress` counts starts whose end is owed. */
export interface PairedHlistSubscriber extends HlistSubscriber {
  /** kvm->mmu_invalidate_in_progress (mmu_notifier_count in v5.10). */
  readonly inProgress: number;
}

/**
 * kvm_mmu_notifier_invalidate_range_start / _end reduced to their pairing:
 * the start counts up and never fails, the end counts down.
 */
export function pairedHlistSubscriber(id = 'kvm'): PairedHlistSubscriber {
  let inProgress = 0;
  return {
    id,
    get inProgress() {
      return inProgress;
    },
    startBlocker: () => undefined,
    invalidateRangeStart() {
      inProgress += 1;
      return 0;
    },
    invalidateRangeEnd() {
      inProgress -= 1;
    },
  };
}
