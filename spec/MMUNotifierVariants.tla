------------------------- MODULE MMUNotifierVariants -------------------------
(***************************************************************************)
(* Every place where a bug variant (CONSTANT Variant, the names of         *)
(* src/protocol/variants.ts) changes the protocol, as one named hook each. *)
(* The actions of MMUNotifierCore, MirrorDriver and MMUNotifierV6Api call  *)
(* these hooks and never test Variant themselves, so they read as          *)
(* mainline.  Each hook says its mainline value, the variant that switches *)
(* it, and the kernel code it stands for.  Mainline is mm/mmu_notifier.c   *)
(* since the remove fix 319561669a59 (2022), the driver is lib/test_hmm.c  *)
(* (dmirror).                                                              *)
(***************************************************************************)
EXTENDS MMUNotifierBase

(***************************************************************************)
(* The spinlock (subscriptions->lock).  Every critical section of the core *)
(* is one action, so mainline never holds the lock between two steps.  Two *)
(* variants split a critical section into several steps; while one of them *)
(* is in the middle of it, no other critical section may start.            *)
(***************************************************************************)
\* M11: the deferred-list half of the split last mn_itree_inv_end still runs
\* under the lock taken for seq++.  Mainline: never.
SplitEndHoldsLock ==
    Is("M11_remove_unlocked_seq_read")
    /\ \E t \in Invalidators : pc[t] = "mn_itree_inv_end_apply_deferred"

\* M7: the last mn_itree_inv_end holds the lock from active-- through its
\* early wake_up_all to seq++ and the deferred list.  Mainline: never.
EarlyWakeHoldsLock ==
    Is("M7_wake_before_seq")
    /\ \E t \in Invalidators : pc[t] \in {"wake_up_all", "mn_itree_inv_end_apply_deferred"}

\* No thread is inside a critical section that spans steps (mainline: TRUE).
SpinlockFree == ~SplitEndHoldsLock /\ ~EarlyWakeHoldsLock

(***************************************************************************)
(* mn_itree_inv_start_range()                                              *)
(***************************************************************************)
\* Mainline increments active_invalidate_ranges for every range, hit or not.
\* M9 counts only ranges that hit an interval.
StartCountsRange(hit) == hit \/ ~Is("M9_active_only_on_hit")

(***************************************************************************)
(* mn_itree_inv_end()                                                      *)
(***************************************************************************)
\* Whether this end closes the write epoch.  Mainline: the last active range
\* ends while seq is odd.  M8: every end bumps seq.
ClosesEpoch == IF Is("M8_every_end_bumps") THEN TRUE ELSE active - 1 = 0 /\ IsOdd(seq)

\* Mainline makes seq even in the closing end's critical section, before the
\* unlock and the wake_up_all.  M7 wakes the sleepers first (lock still
\* held) and does seq++ and the deferred list afterwards.
WakeAfterSeq == ~Is("M7_wake_before_seq")

\* Variants in which the deferred list is applied by a step of its own after
\* seq++: M10 in a second critical section, M11 (the pre-2022 end) under the
\* same lock.  Mainline: the list loop is in the closing end's step.
SplitEnd == Is("M10_deferred_outside_lock") \/ Is("M11_remove_unlocked_seq_read")

\* Whether the closing end's own step applies the deferred list (mainline).
EndAppliesDeferred == WakeAfterSeq /\ ~SplitEnd

\* Mainline calls wake_up_all(&subscriptions->wq) after the unlock of the
\* closing end.  M6 never wakes the sleepers.
EndWakesSleepers == ~Is("M6_no_wake_up")

\* The step after a closing end: wake_up_all (mainline, and M7's early
\* wake), or the split-off deferred-list loop (M10/M11).
AfterClosingEnd == IF SplitEnd THEN "mn_itree_inv_end_apply_deferred" ELSE "wake_up_all"

(***************************************************************************)
(* The -EAGAIN path of mn_itree_invalidate(): a non-blockable callback     *)
(* failed its mutex_trylock.                                               *)
(***************************************************************************)
\* Mainline mn_itree_invalidate() calls mn_itree_inv_end() itself before it
\* returns -EAGAIN.  M19 returns without it.
EagainEnds == ~Is("M19_eagain_no_end")

\* M20: the caller of invalidate_range_start_nonblock also calls
\* invalidate_range_end after -EAGAIN, one mn_itree_inv_end too many.  The
\* failed walk keeps its cursor to mark the pending extra end.  Mainline:
\* the caller does nothing after -EAGAIN.
EagainDoubleEnd == Is("M20_eagain_double_end")

\* An invalidation whose -EAGAIN end has run still owes the caller's extra end.
OwesExtraEnd(t) == EagainDoubleEnd /\ inv[t].cursor # NoId

(***************************************************************************)
(* __mmu_interval_notifier_insert()                                        *)
(***************************************************************************)
\* The interval's invalidate_seq at insert.  Mainline: seq - 1 when idle
\* (even - 1: odd, never equal to an idle seq), else the odd epoch seq.
\* M3 ignores running invalidations, M4 gives an idle insert the even seq,
\* M5 leaves a partially excluded insert's seq even.
InsertSeq ==
    CASE Is("M3_insert_ignores_active") -> IF IsOdd(seq) THEN seq - 2 ELSE seq - 1
      [] Is("M4_even_interval_seq") /\ active = 0 -> seq
      [] Is("M5_partial_insert_no_odd") /\ active > 0 /\ ~IsOdd(seq) -> seq
      [] active = 0 -> seq - 1
      [] OTHER -> SetOdd(seq)

\* Mainline puts an insert that arrives while the tree is frozen (active and
\* seq odd) on the deferred list.  M1 inserts it into the tree at once.
InsertDefersWhileOdd == ~Is("M1_insert_while_odd")

\* Mainline sets seq |= 1 for a partially excluded insert (active, seq even).
\* M3 and M5 leave seq even.
PartialInsertSetsOdd == ~Is("M3_insert_ignores_active") /\ ~Is("M5_partial_insert_no_odd")

(***************************************************************************)
(* mmu_interval_notifier_remove()                                          *)
(***************************************************************************)
\* Mainline cancels a pending insert (RB_EMPTY_NODE: hlist_del, no wait).
\* M12 treats it like an in-tree node (defers the remove and waits).
RemoveCancelsPendingInsert == ~Is("M12_remove_pending_as_in_tree")

\* Mainline defers the remove of an in-tree node while seq is odd and waits.
\* M2 removes it from the tree at once and returns.
RemoveDefersWhileOdd == ~Is("M2_remove_while_odd")

\* Mainline's wait_event condition mmu_interval_seq_released() reads
\* invalidate_seq under the spinlock (fix 319561669a59), so the test needs
\* the lock free.  M11 (the code before that fix) reads it with READ_ONCE.
RemoveWaitCanTest == Is("M11_remove_unlocked_seq_read") \/ SpinlockFree

(***************************************************************************)
(* mmu_interval_read_begin()                                               *)
(***************************************************************************)
\* The value read_begin returns.  Mainline: the interval's invalidate_seq.
\* M16 returns the global seq.
ReadBeginValue(n) == IF Is("M16_read_begin_global_seq") THEN seq ELSE subs[n].seq

\* Whether read_begin goes to sleep.  Mainline: when the interval's seq is
\* the open epoch's seq (is_invalidating).  M15 never waits.
ReadBeginSleeps(n) == subs[n].seq = seq /\ ~Is("M15_read_begin_never_waits")

(***************************************************************************)
(* The driver's invalidate callback, dmirror_interval_invalidate()         *)
(***************************************************************************)
\* Mainline calls mmu_interval_set_seq under the driver lock, before zapping.
\* M14 zaps first and calls set_seq after the unlock.
SetSeqBeforeZap == ~Is("M14_set_seq_after_unlock")

\* The callback's step after mutex_lock.
AfterCallbackLock == IF SetSeqBeforeZap THEN "mmu_interval_set_seq" ELSE "invalidate_zap"

\* M22: after zapping, the callback calls the blocking
\* mmu_interval_notifier_remove() on its own interval.  Mainline: never.
RemoveInCallback == Is("M22_remove_in_callback")

\* M22's remove, merged into the zap step: the tree is odd, so the remove is
\* deferred and waits for seq to change, which needs this walk's own end.
\* No step leaves this wait: a self-deadlock.
CallbackRemovesOwnInterval(t) ==
    /\ deferred' = deferred \cup {inv[t].cursor}
    /\ subs' = [subs EXCEPT ![inv[t].cursor].life = "pending_remove"]
    /\ pc' = [pc EXCEPT ![t] = "remove_wait"]

(***************************************************************************)
(* The driver's fault path, dmirror_range_fault()                          *)
(***************************************************************************)
\* Mainline calls mmu_interval_read_retry under the driver lock (the
\* collision-retry rule of Documentation/mm/hmm.rst).  M13 calls it before
\* taking the lock.
ReadRetryUnderLock == ~Is("M13_read_retry_unlocked")

\* The fault's steps after hmm_range_fault, mutex_lock and a read_retry that
\* saw no collision.
AfterHmmRangeFault == IF ReadRetryUnderLock THEN "driver_lock" ELSE "mmu_interval_read_retry"
AfterDriverLock == IF ReadRetryUnderLock THEN "mmu_interval_read_retry" ELSE "driver_commit"
AfterReadRetry == IF ReadRetryUnderLock THEN "driver_commit" ELSE "driver_lock"

(***************************************************************************)
(* The deferred-list loop of the v5/v6 series (MMUNotifierV6Api)           *)
(***************************************************************************)
\* The hlist is walked head first (hlist_for_each_entry_safe): the last
\* added item first.  deferred_fifo walks it oldest first (harmless).
DeferredWalkFifo == Is("deferred_fifo")

(***************************************************************************)
(* Classic (hlist) notifiers next to the tree (spec/HlistNotifier.tla).    *)
(* This module's models have no hlist subscriber and a dmirror-shaped      *)
(* driver; the hlist models replace these hooks in their cfgs (TLC's       *)
(* definition override, `Hook <- Replacement`).                            *)
(***************************************************************************)
\* The invalidator's step once mn_itree_invalidate() returned 0.  With an
\* empty hlist __mmu_notifier_invalidate_range_start() returns 0 and the
\* caller changes the PTEs; otherwise mn_hlist_invalidate_range_start() runs.
AfterTreeWalk == "mm_change_ptes"

\* Whether the caller's invalidate_range_end still owes the hlist
\* subscribers' invalidate_range_end (mn_hlist_invalidate_end) after
\* mn_itree_inv_end.  Without hlist subscribers: never.
HlistEndOwed(t) == FALSE

\* The interval callback's step after mmu_interval_set_seq.  dmirror erases
\* the range next (dmirror_do_update); nouveau's nouveau_svm_range_invalidate
\* only unlocks (its zapping is in the hlist callback).
AfterSetSeq == "invalidate_zap"

\* dmirror drops an interval's device entries when its remove returned.
\* nouveau removes its fault-window interval and keeps the GPU PTEs.
FreeDropsDeviceEntries == TRUE

\* Program counters and action names that only the hlist models add to
\* TypeOK's lists (InvPcs, ActionNames).  Here: none.
ExtraInvPcs == {}
ExtraActionNames == {}

=============================================================================
