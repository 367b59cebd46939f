----------------------------- MODULE MirrorDriver -----------------------------
(***************************************************************************)
(* The users of the core: the mm that changes CPU PTEs between a           *)
(* successful invalidate_range_start and its end, and a mirror driver      *)
(* written like lib/test_hmm.c (dmirror, docs/kernel-protocol.md [TH]):    *)
(*   - its invalidate callback dmirror_interval_invalidate(): mutex_lock   *)
(*     (or mutex_trylock when non-blockable), mmu_interval_set_seq(), zap  *)
(*     the device entries of the range, mutex_unlock;                      *)
(*   - its fault path dmirror_range_fault(): read_begin, hmm_range_fault   *)
(*     (reads the CPU PTE), mutex_lock, read_retry, program the device     *)
(*     entry, mutex_unlock;                                                *)
(*   - insert/remove of its subscriptions; after remove returns, the       *)
(*     driver drops the device entries it mirrored and frees the           *)
(*     subscription.                                                       *)
(* A fault works on one page of one subscription (a device fault on one   *)
(* address); the device page table is shared by all subscriptions.        *)
(***************************************************************************)
EXTENDS MMUNotifierCore
\* The variant hooks these actions call (AfterCallbackLock, SetSeqBeforeZap,
\* EagainEnds, RemoveInCallback, ReadRetryUnderLock, AfterHmmRangeFault, ...)
\* are in MMUNotifierVariants.

(***************************************************************************)
(* The invalidate callback, one step per driver operation, so that faults, *)
(* other walkers, inserts and removes interleave between them.  The walk   *)
(* (mn_itree_invalidate) calls it for inv[t].cursor.                       *)
(***************************************************************************)

\* dmirror_interval_invalidate(): mutex_lock(&dmirror->mutex) when the range
\* is blockable (waits for the lock), a successful mutex_trylock otherwise.
invalidate_lock(t) ==
    /\ pc[t] = "invalidate_lock"
    /\ ulock = NoId
    /\ ulock' = t
    /\ pc' = [pc EXCEPT ![t] = AfterCallbackLock]
    /\ lastAction' = Act("invalidate_lock", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>

\* A non-blockable callback whose mutex_trylock fails returns false;
\* mn_itree_invalidate() then stops the walk and calls mn_itree_inv_end()
\* itself, returning -EAGAIN: the caller neither changes PTEs nor calls end.
invalidate_trylock_fail(t) ==
    /\ pc[t] = "invalidate_lock"
    /\ ~inv[t].blockable
    /\ ulock # NoId
    /\ IF EagainEnds
       THEN /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end"]
            \* M20 keeps the cursor: the caller's extra end follows (InvFinish)
            /\ inv' = [inv EXCEPT ![t].cursor = IF EagainDoubleEnd THEN @ ELSE NoId]
       ELSE InvFinish(t)     \* M19: returns without mn_itree_inv_end
    /\ lastAction' = Act("invalidate_trylock_fail", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

\* interval_tree_iter_next(): the walk moves on to the next intersecting node
\* (the tree is frozen, no lock), or the callbacks are done.
IterAdvance(t) ==
    LET next == IterNext(inv[t].cursor, inv[t].start, inv[t].last)
    IN /\ inv' = [inv EXCEPT ![t].cursor = next]
       /\ pc' = [pc EXCEPT ![t] = IF next = NoId THEN AfterTreeWalk ELSE "invalidate_lock"]

\* mmu_interval_set_seq(sub, cur_seq): WRITE_ONCE(sub->invalidate_seq, cur_seq),
\* unconditionally and under the driver lock.
mmu_interval_set_seq(t) ==
    /\ pc[t] = "mmu_interval_set_seq"
    /\ subs' = [subs EXCEPT ![inv[t].cursor].seq = inv[t].curSeq]
    /\ IF SetSeqBeforeZap
       THEN /\ pc' = [pc EXCEPT ![t] = AfterSetSeq]
            /\ UNCHANGED inv
       ELSE IterAdvance(t)   \* M14: after the unlock, then iter_next
    /\ lastAction' = Act("mmu_interval_set_seq", t, [sub |-> inv[t].cursor, seq |-> inv[t].curSeq])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, pte, spte, ulock, flt, mgr>>

\* dmirror_do_update(): erase the device entries of range ∩ interval.
invalidate_zap(t) ==
    /\ pc[t] = "invalidate_zap"
    /\ LET n == inv[t].cursor
       IN spte' = [p \in Pages |->
                     IF InRange(p, inv[t].start, inv[t].last) /\ Covers(n, p) THEN 0 ELSE spte[p]]
    /\ IF RemoveInCallback
       THEN CallbackRemovesOwnInterval(t)   \* M22
       ELSE /\ pc' = [pc EXCEPT ![t] = "invalidate_unlock"]
            /\ UNCHANGED <<deferred, subs>>
    /\ lastAction' = Act("invalidate_zap", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, waitq, pte, ulock, inv, flt, mgr>>

\* mutex_unlock(&dmirror->mutex); the callback returns true and the walk
\* moves on with interval_tree_iter_next().
invalidate_unlock(t) ==
    /\ pc[t] = "invalidate_unlock"
    /\ IF SetSeqBeforeZap
       THEN IterAdvance(t)
       ELSE /\ pc' = [pc EXCEPT ![t] = "mmu_interval_set_seq"]   \* M14: set_seq is still to come
            /\ UNCHANGED inv
    /\ ulock' = NoId
    /\ lastAction' = Act("invalidate_unlock", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, flt, mgr>>

(***************************************************************************)
(* The mm: after invalidate_range_start returned 0, the caller changes the *)
(* PTEs of its range (unmap, migrate, protect, ...), then calls            *)
(* invalidate_range_end.  Every page of the range gets a new version.      *)
(***************************************************************************)
mm_change_ptes(t) ==
    /\ pc[t] = "mm_change_ptes"
    /\ pte' = [p \in Pages |-> IF InRange(p, inv[t].start, inv[t].last) THEN pte[p] + 1 ELSE pte[p]]
    /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end"]
    /\ lastAction' = Act("mm_change_ptes", t, [start |-> inv[t].start, last |-> inv[t].last])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, spte, ulock, inv, flt, mgr>>

(***************************************************************************)
(* The fault path: dmirror_range_fault() / the HMM collision-retry loop    *)
(* (Documentation/mm/hmm.rst).                                             *)
(***************************************************************************)

\* Locals of a faulter between faults.
FltIdle(done) == [sub |-> NoId, page |-> 0, s |-> 0, snap |-> 0, tries |-> 0, done |-> done]

\* The fault is over (programmed, or given up after MaxTries collisions).
FaultFinish(t) ==
    /\ flt' = [flt EXCEPT ![t] = FltIdle(flt[t].done + 1)]
    /\ pc' = [pc EXCEPT ![t] = IF flt[t].done + 1 < MaxFaults THEN "idle" ELSE "done"]

\* A collision: go round the loop again, or give up (the driver's timeout).
FaultRetry(t) ==
    IF flt[t].tries < MaxTries
    THEN /\ flt' = [flt EXCEPT ![t].s = 0, ![t].snap = 0]
         /\ pc' = [pc EXCEPT ![t] = "mmu_interval_read_begin"]
    ELSE FaultFinish(t)

\* mmu_interval_read_begin(sub): ⟦ s = sub->invalidate_seq;
\* is_invalidating = (s == invalidate_seq) ⟧.  A new fault picks a live
\* subscription and a page it covers; a retry reuses them.
mmu_interval_read_begin(t) ==
    /\ pc[t] \in {"idle", "mmu_interval_read_begin"}
    /\ SpinlockFree
    /\ \E n \in Subs, p \in Pages :
        /\ IF pc[t] = "idle"
           THEN n \in Live /\ Covers(n, p)
           ELSE n = flt[t].sub /\ p = flt[t].page
        /\ flt' = [flt EXCEPT ![t] = [@ EXCEPT !.sub = n, !.page = p, !.s = ReadBeginValue(n),
                                               !.snap = 0, !.tries = @ + 1]]
        /\ pc' = [pc EXCEPT ![t] = IF ReadBeginSleeps(n) THEN "read_begin_wait" ELSE "hmm_range_fault"]
        /\ lastAction' = Act("mmu_interval_read_begin", t, [sub |-> n, page |-> p])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>

\* wait_event(wq, READ_ONCE(invalidate_seq) != s) inside read_begin: test the
\* condition (atomically with the enqueue when it is false); a woken task
\* (removed from waitq by wake_up_all) takes this step again to re-test.
read_begin_wait(t) ==
    /\ pc[t] = "read_begin_wait"
    /\ t \notin waitq
    /\ IF ReadBeginWaitDone(t)
       THEN /\ pc' = [pc EXCEPT ![t] = "hmm_range_fault"]
            /\ UNCHANGED waitq
       ELSE /\ waitq' = waitq \cup {t}
            /\ UNCHANGED pc
    /\ lastAction' = Act("read_begin_wait", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, subs, pte, spte, ulock, inv, flt, mgr>>

\* hmm_range_fault(): read the CPU PTE of the faulting page (under
\* mmap_read_lock, no driver lock; it may run before or after any mutation).
hmm_range_fault(t) ==
    /\ pc[t] = "hmm_range_fault"
    /\ flt' = [flt EXCEPT ![t].snap = pte[flt[t].page]]
    /\ pc' = [pc EXCEPT ![t] = AfterHmmRangeFault]
    /\ lastAction' = Act("hmm_range_fault", t, [page |-> flt[t].page])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>

\* mmu_interval_check_retry() inside hmm_range_fault's walk: a lockless
\* READ_ONCE that already sees the collision; hmm_range_fault returns -EBUSY
\* and the driver loops.  (A false check is just the read above.)
mmu_interval_check_retry(t) ==
    /\ pc[t] = "hmm_range_fault"
    /\ Collided(t)
    /\ FaultRetry(t)
    /\ lastAction' = Act("mmu_interval_check_retry", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>

\* mutex_lock(&dmirror->mutex) after hmm_range_fault.
driver_lock(t) ==
    /\ pc[t] = "driver_lock"
    /\ ulock = NoId
    /\ ulock' = t
    /\ pc' = [pc EXCEPT ![t] = AfterDriverLock]
    /\ lastAction' = Act("driver_lock", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>

\* mmu_interval_read_retry(sub, s) under the driver lock: on a collision
\* unlock and go round again.
mmu_interval_read_retry(t) ==
    /\ pc[t] = "mmu_interval_read_retry"
    /\ IF Collided(t)
       THEN /\ ulock' = IF ReadRetryUnderLock THEN NoId ELSE ulock
            /\ FaultRetry(t)
       ELSE /\ pc' = [pc EXCEPT ![t] = AfterReadRetry]
            /\ UNCHANGED <<ulock, flt>>
    /\ lastAction' = Act("mmu_interval_read_retry", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, mgr>>

\* dmirror_do_fault(): program the device entry from the value read by
\* hmm_range_fault, then mutex_unlock.
driver_commit(t) ==
    /\ pc[t] = "driver_commit"
    /\ spte' = [spte EXCEPT ![flt[t].page] = flt[t].snap]
    /\ ulock' = NoId
    /\ FaultFinish(t)
    /\ lastAction' = Act("driver_commit", t, [page |-> flt[t].page, version |-> flt[t].snap])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, inv, mgr>>

(***************************************************************************)
(* Manager: remove returns (mmdrop); the driver, under its lock, drops the *)
(* device entries of the interval and frees the subscription.             *)
(***************************************************************************)
remove_return_free ==
    /\ pc[Mgr] = "remove_return_free"
    /\ ulock = NoId   \* the entries are dropped under dmirror->mutex
    /\ LET n == mgr.sub
       IN /\ subs' = [subs EXCEPT ![n].life = "freed"]
          /\ spte' = IF FreeDropsDeviceEntries
                     THEN [p \in Pages |-> IF Covers(n, p) THEN 0 ELSE spte[p]]
                     ELSE spte
          /\ lastAction' = Act("remove_return_free", Mgr, [sub |-> n])
    /\ mgr' = [sub |-> NoId, waitSeq |-> 0]
    /\ pc' = [pc EXCEPT ![Mgr] = "idle"]
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, pte, ulock, inv, flt>>

=============================================================================
