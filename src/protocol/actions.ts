/**
 * The action vocabulary: one name per atomic step of the protocol.
 *
 * These are the TLA+ operator names of the spec's `Next` disjuncts (TLC labels
 * dot edges and trace states with them), the labels of the implementation's
 * step points, and the `action` field of trace files. They are defined here
 * once; `test/protocol` checks that each name is an operator of the spec.
 *
 * Each entry names the kernel function or step it models and who runs it.
 */
export const ACTIONS = {
  // ---- invalidator: mm/mmu_notifier.c, invalidate_range_start/_end ----
  /** ⟦active++; first intersecting node; seq |= 1 on a hit; cur_seq = seq⟧ — mn_itree_inv_start_range(). */
  mn_itree_inv_start_range: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_itree_inv_start_range()' },
  /** Callback entry: mutex_lock (blockable) or a successful mutex_trylock (non-blockable) of the driver lock. */
  invalidate_lock: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_interval_invalidate(), mutex_lock/mutex_trylock' },
  /** Non-blockable callback whose trylock fails: returns false, the walk stops (-EAGAIN path follows). */
  invalidate_trylock_fail: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_interval_invalidate() returns false; mm/mmu_notifier.c: mn_itree_invalidate() -EAGAIN' },
  /** WRITE_ONCE(sub->invalidate_seq, cur_seq) under the driver lock — mmu_interval_set_seq(). */
  mmu_interval_set_seq: { thread: 'invalidator', kernel: 'include/linux/mmu_notifier.h: mmu_interval_set_seq()' },
  /** Clear the device page-table entries of range ∩ interval, under the driver lock. */
  invalidate_zap: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_do_update() (xa_erase of the range)' },
  /** mutex_unlock, then interval_tree_iter_next() to the next intersecting node (tree frozen). */
  invalidate_unlock: { thread: 'invalidator', kernel: 'lib/test_hmm.c: mutex_unlock; mm/mmu_notifier.c: mn_itree_invalidate() loop' },
  /** The mm changes the CPU PTEs of its range, between a successful start and its end. */
  mm_change_ptes: { thread: 'invalidator', kernel: 'mm/memory.c et al.: the PTE update bracketed by mmu_notifier_invalidate_range_start/end' },
  /** ⟦active--; on the last end of an odd epoch: seq++ and apply every deferred insert/remove⟧ — mn_itree_inv_end(). */
  mn_itree_inv_end: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_itree_inv_end()' },
  /** Variants M10/M11 only: the deferred-list loop of the last end, as a step after seq++ became visible. */
  mn_itree_inv_end_apply_deferred: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_itree_inv_end(), deferred_list loop' },
  /** wake_up_all(&subscriptions->wq), after the unlock, only after a last end of an odd epoch. */
  wake_up_all: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_itree_inv_end(), wake_up_all()' },

  // ---- invalidator, classic (hlist) notifiers after the tree (spec/HlistNotifier.tla, src/impl/hlist) ----
  /** One hlist subscriber's invalidate_range_start in the loop of mn_hlist_invalidate_range_start() (a failure is remembered, the loop goes on). */
  mn_hlist_invalidate_range_start: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_hlist_invalidate_range_start(); drivers/gpu/drm/nouveau/nouveau_svm.c: nouveau_svmm_invalidate_range_start()' },
  /** After a failed hlist start: invalidate_range_end of every hlist subscriber that has one (v5.12+), then -EAGAIN; no mn_itree_inv_end. */
  mn_hlist_unwind_end: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_hlist_invalidate_range_start() failure path, __mmu_notifier_invalidate_range_start()' },
  /** The hlist subscribers' invalidate_range_end, after mn_itree_inv_end. */
  mn_hlist_invalidate_end: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_hlist_invalidate_end(), __mmu_notifier_invalidate_range_end()' },

  // ---- faulting thread: the collision-retry read side (lib/test_hmm.c dmirror_range_fault) ----
  /** ⟦s = sub->invalidate_seq; is_invalidating = (s == subscriptions->invalidate_seq)⟧ — mmu_interval_read_begin(). */
  mmu_interval_read_begin: { thread: 'faulter', kernel: 'mm/mmu_notifier.c: mmu_interval_read_begin()' },
  /** wait_event(wq, invalidate_seq != s): check the condition; if false, sleep on the wait queue. */
  read_begin_wait: { thread: 'faulter', kernel: 'mm/mmu_notifier.c: mmu_interval_read_begin(), wait_event()' },
  /** Read the CPU PTEs of the interval (hmm_range_fault under mmap_read_lock). */
  hmm_range_fault: { thread: 'faulter', kernel: 'mm/hmm.c: hmm_range_fault()' },
  /** READ_ONCE(sub->invalidate_seq) != s, lockless early bail-out (-EBUSY → retry). */
  mmu_interval_check_retry: { thread: 'faulter', kernel: 'include/linux/mmu_notifier.h: mmu_interval_check_retry()' },
  /** mutex_lock(dmirror->mutex) before read_retry. */
  driver_lock: { thread: 'faulter', kernel: 'lib/test_hmm.c: dmirror_range_fault(), mutex_lock' },
  /** sub->invalidate_seq != s under the driver lock; on true: unlock and retry. */
  mmu_interval_read_retry: { thread: 'faulter', kernel: 'include/linux/mmu_notifier.h: mmu_interval_read_retry()' },
  /** Program the device entries from the snapshot, then mutex_unlock. */
  driver_commit: { thread: 'faulter', kernel: 'lib/test_hmm.c: dmirror_do_fault() + mutex_unlock' },

  // ---- manager: insert and remove of subscriptions ----
  /** ⟦the three cases: idle insert (seq-1), deferred insert (odd), partial exclusion (seq |= 1)⟧. */
  mmu_interval_notifier_insert: { thread: 'manager', kernel: 'mm/mmu_notifier.c: __mmu_interval_notifier_insert()' },
  /** ⟦the three cases: cancel a pending insert, defer a remove (odd), remove now (even)⟧. */
  mmu_interval_notifier_remove: { thread: 'manager', kernel: 'mm/mmu_notifier.c: mmu_interval_notifier_remove()' },
  /** wait_event(wq, mmu_interval_seq_released(subs, wait_seq)), the seq read under the spinlock. */
  remove_wait: { thread: 'manager', kernel: 'mm/mmu_notifier.c: mmu_interval_notifier_remove(), wait_event' },
  /** remove returns (mmdrop); the driver frees the subscription. */
  remove_return_free: { thread: 'manager', kernel: 'mm/mmu_notifier.c: mmu_interval_notifier_remove() returns; driver kfree' },

  // ---- v5/v6 interval API and the hole-punch driver (spec/MMUNotifierV6Api.tla, spec/HolePunch.tla; never mainline) ----
  /** MMU_NOTIFY_UNMAP in the callback, under the driver lock: plan the interval changes (do them now, or queue them for the worker). */
  dmirror_do_unmap: { thread: 'invalidator', kernel: 'lib/test_hmm.c (v5/v6 series, [RT]): dmirror_do_unmap()' },
  /** ⟦update(sub, start, last)⟧: change an interval's bounds now, or record updated_* and defer to the last inv_end. */
  mmu_interval_notifier_update: { thread: 'invalidator', kernel: 'v6 3/6 [RC] mm/mmu_notifier.c: mmu_interval_notifier_update()' },
  /** ⟦insert without registration⟧, callable from a callback: the three insert cases. */
  mmu_interval_notifier_insert_safe: { thread: 'invalidator', kernel: 'v5 1/2, v6 1/6 [RC] mm/mmu_notifier.c: mmu_interval_notifier_insert_safe()' },
  /** ⟦non-blocking remove⟧: remove now (release follows), or defer to the last inv_end, which calls ops->release. */
  mmu_interval_notifier_remove_deferred: { thread: 'invalidator', kernel: '[RC] mm/mmu_notifier.c: mmu_interval_notifier_remove_deferred() (v6 "put")' },
  /** ops->release(sub) and mmdrop for an interval that has left the tree; the driver frees it. */
  mmu_interval_release: { thread: 'invalidator', kernel: 'v5 1/2 [RC] mm/mmu_notifier.c: mn_itree_inv_end() removed_list loop, ops->release' },
  /** The driver's worker takes a queued unmap (outside-callback strategies) and plans it from the current bounds. */
  unmap_work_begin: { thread: 'manager', kernel: 'driver work queue (RDMA ODP / amdkfd deferred list), docs/kernel-protocol.md §4.4, §5.4' },
  /** The worker has applied its plan and drops its locks. */
  unmap_work_done: { thread: 'manager', kernel: 'driver work queue, end of one unmap item' },
  /** Fix unmap_first of the amdkfd worker: unmap the kept part from the GPUs (under prange->lock) before its notifier is removed. */
  svm_range_unmap_from_gpus: { thread: 'manager', kernel: 'drivers/gpu/drm/amd/amdkfd/kfd_svm.c: svm_range_unmap_from_gpus() (proposed call in svm_range_deferred_list_work)' },
  /** The hole-punch fault's lookup, with mmap_read_lock taken for the attempt: the interval covering the page (dmirror: under dmirror->mutex; amdkfd: svm_range_from_addr under svms->lock). */
  dmirror_interval_find: { thread: 'faulter', kernel: 'lib/test_hmm.c (v6, [RT]): dmirror_range_fault() down_read + dmirror_interval_find(); kfd_svm.c: svm_range_restore_pages() svm_range_from_addr()' },

  // ---- process exit (spec/ProcessExit.tla; the exiting task is one of the invalidators) ----
  /** mmput drops the last mm_users reference and calls exit_mmap; no fault holds a reference. */
  mmput_exit_mmap: { thread: 'invalidator', kernel: 'kernel/fork.c: mmput() -> __mmput() -> mm/mmap.c: exit_mmap()' },
  /** The release walk starts: a blockable MMU_NOTIFY_RELEASE range [0, ULONG_MAX), mn_itree_inv_start_range. */
  mn_itree_release: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mmu_notifier_release() -> __mmu_notifier_release() -> mn_itree_release()' },
  /** The release walk has called every callback; mn_itree_inv_end follows with no PTE change. */
  mn_itree_release_loop_done: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_itree_release(), end of the mn_itree_inv_next loop' },
  /** The hlist subscribers' ->release (e.g. amdkfd's kfd_process_notifier_release), then the hlist is emptied. */
  mn_hlist_release: { thread: 'invalidator', kernel: 'mm/mmu_notifier.c: mn_hlist_release()' },
  /** exit_mmap unmaps every VMA: an MMU_NOTIFY_UNMAP invalidation of the whole address space. */
  unmap_vmas: { thread: 'invalidator', kernel: 'mm/memory.c: unmap_vmas(), mmu_notifier_invalidate_range_start(MMU_NOTIFY_UNMAP)' },
  /** exit_mmap returns; mm_users stays 0. */
  exit_mmap_done: { thread: 'invalidator', kernel: 'mm/mmap.c: exit_mmap() returns' },
  /** The driver callback returns true at once, without lock or set_seq (amdkfd: RELEASE, or mm_users == 0 after fa582c6f3684). */
  invalidate_skip: { thread: 'invalidator', kernel: 'drivers/gpu/drm/amd/amdkfd/kfd_svm.c: svm_range_cpu_invalidate_pagetables() early returns' },
  /** An insert on an exited mm: WARN_ON(mm_users <= 0), -EINVAL; nothing changes. */
  insert_after_exit: { thread: 'manager', kernel: 'mm/mmu_notifier.c: __mmu_interval_notifier_insert() WARN_ON(mm_users <= 0), -EINVAL' },

  // ---- the owner skip: dmirror's own migrations (spec/OwnerSkip.tla, src/impl/ownerskip) ----
  /** dmirror_interval_invalidate() for MMU_NOTIFY_MIGRATE with range->owner = its device: returns true at once (no lock, no set_seq, no erase). */
  invalidate_owner_skip: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_interval_invalidate(), MMU_NOTIFY_MIGRATE owner check' },
  /** The fix of the owner skip: after set_seq under the mutex, the callback skips dmirror_do_update for its own migration. */
  dmirror_skip_do_update: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_interval_invalidate() without dmirror_do_update (proposed; nouveau_svm_range_invalidate keeps set_seq for MIGRATE)' },
  /** After the migration's callbacks: the PTE becomes a migration entry, the page is locked and isolated. */
  migrate_vma_collect: { thread: 'invalidator', kernel: 'mm/migrate_device.c (mm/migrate.c in older kernels): migrate_vma_setup() -> migrate_vma_collect() / migrate_vma_unmap()' },
  /** Under dmirror->mutex, store the new device page in dmirror->pt (after alloc_and_copy and migrate_vma_pages). */
  dmirror_migrate_finalize_and_map: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_migrate_to_device() -> dmirror_migrate_finalize_and_map()' },
  /** xa_erase of the device entry, without dmirror->mutex (then migrate_vma_pages). */
  dmirror_devmem_fault_alloc_and_copy: { thread: 'invalidator', kernel: 'lib/test_hmm.c: dmirror_devmem_fault() -> dmirror_devmem_fault_alloc_and_copy()' },
  /** remove_migration_ptes maps the new page; the pages are unlocked, the old one released. */
  migrate_vma_finalize: { thread: 'invalidator', kernel: 'mm/migrate_device.c (mm/migrate.c in older kernels): migrate_vma_finalize()' },
  /** hmm_range_fault at a migration entry: migration_entry_wait, -EBUSY; the driver loops from read_begin. */
  migration_entry_wait: { thread: 'faulter', kernel: 'mm/hmm.c: hmm_vma_handle_pte(), is_migration_entry -> migration_entry_wait, -EBUSY' },
} as const;

/** The name of one atomic step. */
export type ActionName = keyof typeof ACTIONS;

/** Every action name, in declaration order. */
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

/** The kind of thread that takes an action. */
export type ThreadKind = (typeof ACTIONS)[ActionName]['thread'];
