--------------------------- MODULE MMUNotifierCore ---------------------------
(***************************************************************************)
(* The core of mm/mmu_notifier.c for interval notifiers: every critical    *)
(* section under subscriptions->lock is one action, every wait is modelled *)
(* like wait_event (atomic check-and-enqueue, sleep until wake_up_all,     *)
(* re-check).  Sources: mainline mm/mmu_notifier.c and                     *)
(* include/linux/mmu_notifier.h (docs/kernel-protocol.md [ML], [MH]).      *)
(***************************************************************************)
EXTENDS MMUNotifierVariants

(***************************************************************************)
(* Helpers shared with the driver module                                   *)
(***************************************************************************)

\* Locals of an invalidator between two invalidations.
InvIdle(done) == [start |-> 0, last |-> 0, blockable |-> TRUE, curSeq |-> 0,
                  cursor |-> NoId, done |-> done]

\* The invalidation of t is over and nothing more is owed: next one, or done.
InvDone(t) ==
    /\ inv' = [inv EXCEPT ![t] = InvIdle(inv[t].done + 1)]
    /\ pc' = [pc EXCEPT ![t] = IF inv[t].done + 1 < MaxInv THEN "idle" ELSE "done"]

\* The invalidation of t is over: invalidate_range_end returned (or
\* invalidate_range_start_nonblock returned -EAGAIN), unless the caller
\* owes one more end (OwesExtraEnd, variant M20) or hlist ends follow.
InvFinish(t) ==
    CASE OwesExtraEnd(t) ->
             /\ inv' = [inv EXCEPT ![t].cursor = NoId]
             /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end"]
      \* __mmu_notifier_invalidate_range_end: mn_hlist_invalidate_end follows
      \* mn_itree_inv_end (spec/HlistNotifier.tla; never in this module's models).
      [] HlistEndOwed(t) ->
             /\ pc' = [pc EXCEPT ![t] = "mn_hlist_invalidate_end"]
             /\ UNCHANGED inv
      [] OTHER -> InvDone(t)

\* The body of the deferred-list loop of mn_itree_inv_end(): a node whose rb
\* node is empty (not in the tree) is a pending insert, otherwise a pending
\* remove; both leave the list.  The lifecycle ghost follows.
ApplyDeferred ==
    /\ tree' = (tree \ deferred) \cup {n \in deferred : n \notin tree}
    /\ subs' = [n \in Subs |->
                  IF n \in deferred
                  THEN [subs[n] EXCEPT !.life = IF n \in tree THEN "removed" ELSE "in_tree"]
                  ELSE subs[n]]
    /\ deferred' = {}

(***************************************************************************)
(* invalidate_range_start: mn_itree_inv_start_range()                      *)
(* ⟦ active_invalidate_ranges++; node = interval_tree_iter_first(range);   *)
(*   if (node) { invalidate_seq |= 1; *seq = invalidate_seq; } ⟧           *)
(* The range and blockability are the caller's choice (arguments).         *)
(***************************************************************************)
mn_itree_inv_start_range(t) ==
    /\ pc[t] = "idle"
    /\ SpinlockFree
    /\ \E r \in InvRanges, b \in Blockable :
        LET first == IterFirst(r[1], r[2])
            hit == first # NoId
            newSeq == IF hit THEN SetOdd(seq) ELSE seq
        IN /\ active' = IF StartCountsRange(hit) THEN active + 1 ELSE active
           /\ seq' = newSeq
           /\ inv' = [inv EXCEPT ![t] = [@ EXCEPT !.start = r[1], !.last = r[2], !.blockable = b,
                                                  !.curSeq = IF hit THEN newSeq ELSE 0,
                                                  !.cursor = first]]
           \* A hit starts the callback walk; without one mn_itree_invalidate
           \* returns 0 at once and the caller goes on (AfterTreeWalk).
           /\ pc' = [pc EXCEPT ![t] = IF hit THEN "invalidate_lock" ELSE AfterTreeWalk]
           /\ lastAction' = Act("mn_itree_inv_start_range", t,
                                [start |-> r[1], last |-> r[2], blockable |-> b])
    /\ UNCHANGED <<tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

(***************************************************************************)
(* invalidate_range_end, and the -EAGAIN path of mn_itree_invalidate():    *)
(* mn_itree_inv_end()                                                      *)
(* ⟦ active--; if (active || seq even) return;                             *)
(*   seq++; for each deferred sub: insert if RB_EMPTY_NODE else remove ⟧   *)
(* then wake_up_all() after the unlock (next action).                      *)
(***************************************************************************)
\* The hooks of this action (ClosesEpoch, WakeAfterSeq, EndAppliesDeferred,
\* EndWakesSleepers, AfterClosingEnd) are in MMUNotifierVariants.
mn_itree_inv_end(t) ==
    /\ pc[t] = "mn_itree_inv_end"
    /\ SpinlockFree
    /\ active' = active - 1
    /\ IF ClosesEpoch
       THEN /\ seq' = IF WakeAfterSeq THEN seq + 1 ELSE seq
            /\ IF EndAppliesDeferred THEN ApplyDeferred ELSE UNCHANGED <<tree, subs, deferred>>
            /\ IF EndWakesSleepers
               THEN /\ pc' = [pc EXCEPT ![t] = AfterClosingEnd]
                    /\ UNCHANGED inv
               ELSE InvFinish(t)
       ELSE /\ UNCHANGED <<seq, tree, subs, deferred>>
            /\ InvFinish(t)
    /\ lastAction' = Act("mn_itree_inv_end", t, NoArgs)
    /\ UNCHANGED <<waitq, pte, spte, ulock, flt, mgr>>

\* Never taken in mainline (only a SplitEnd or ~WakeAfterSeq variant reaches
\* this pc).  M10/M11: the deferred-list loop of the last end, after seq++
\* became visible (M11: still under the lock; M10: a new critical section).
\* M7: seq++ and the list, after the early wake_up_all; then unlock.
mn_itree_inv_end_apply_deferred(t) ==
    /\ pc[t] = "mn_itree_inv_end_apply_deferred"
    /\ ApplyDeferred
    /\ IF WakeAfterSeq
       THEN /\ pc' = [pc EXCEPT ![t] = "wake_up_all"]
            /\ UNCHANGED <<seq, inv>>
       ELSE /\ seq' = seq + 1
            /\ InvFinish(t)
    /\ lastAction' = Act("mn_itree_inv_end_apply_deferred", t, NoArgs)
    /\ UNCHANGED <<active, waitq, pte, spte, ulock, flt, mgr>>

\* wake_up_all(&subscriptions->wq), after spin_unlock in mn_itree_inv_end():
\* every sleeper becomes runnable and re-checks its condition.
wake_up_all(t) ==
    /\ pc[t] = "wake_up_all"
    /\ waitq' = {}
    /\ IF WakeAfterSeq
       THEN InvFinish(t)
       ELSE /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end_apply_deferred"]  \* M7: seq++ is still to come
            /\ UNCHANGED inv
    /\ lastAction' = Act("wake_up_all", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, subs, pte, spte, ulock, flt, mgr>>

(***************************************************************************)
(* mmu_interval_notifier_insert() -> __mmu_interval_notifier_insert()      *)
(* The three cases of docs/kernel-protocol.md §1.3, in one critical section: *)
(*   idle (active == 0):      insert now, sub seq = seq - 1                *)
(*   fully excluded (odd):    defer to the last inv_end, sub seq = seq     *)
(*   partially excluded:      seq |= 1, insert now, sub seq = new odd seq  *)
(* The registration of interval mode and the mm_users check happen before  *)
(* the critical section and are not modelled (the mm is alive, mode on).   *)
(***************************************************************************)
\* The hooks InsertSeq, InsertDefersWhileOdd, PartialInsertSetsOdd are in
\* MMUNotifierVariants.
mmu_interval_notifier_insert(n) ==
    /\ pc[Mgr] = "idle"
    /\ SpinlockFree
    /\ subs[n].life = "unused"
    /\ LET defer == active > 0 /\ IsOdd(seq) /\ InsertDefersWhileOdd
           \* partial exclusion makes the epoch odd
           bump == active > 0 /\ ~IsOdd(seq) /\ PartialInsertSetsOdd
       IN /\ seq' = IF bump THEN seq + 1 ELSE seq
          /\ tree' = IF defer THEN tree ELSE tree \cup {n}
          /\ deferred' = IF defer THEN deferred \cup {n} ELSE deferred
          /\ subs' = [subs EXCEPT ![n].seq = InsertSeq,
                                  ![n].life = IF defer THEN "pending_insert" ELSE "in_tree"]
    /\ lastAction' = Act("mmu_interval_notifier_insert", Mgr, [sub |-> n])
    /\ UNCHANGED <<active, waitq, pte, spte, ulock, pc, inv, flt, mgr>>

(***************************************************************************)
(* mmu_interval_notifier_remove(): the critical section, three cases of    *)
(* docs/kernel-protocol.md §3.7:                                           *)
(*   odd and RB_EMPTY_NODE: cancel the pending insert (hlist_del), no wait *)
(*   odd and in the tree:   hlist_add_head to deferred_list, wait on seq   *)
(*   even:                  interval_tree_remove now, no wait              *)
(* The driver only removes a subscription it no longer faults on.          *)
(***************************************************************************)
mmu_interval_notifier_remove(n) ==
    /\ pc[Mgr] = "idle"
    /\ SpinlockFree
    /\ n \in Live
    /\ \A f \in Faulters : flt[f].sub # n
    /\ LET odd == IsOdd(seq)
           inTree == n \in tree
           cancel == odd /\ ~inTree /\ RemoveCancelsPendingInsert
           deferIt == odd /\ ~cancel /\ RemoveDefersWhileOdd
           waitSeq == IF deferIt THEN seq ELSE 0
       IN /\ tree' = IF deferIt \/ cancel THEN tree ELSE tree \ {n}
          /\ deferred' = CASE cancel -> deferred \ {n}
                           [] deferIt -> deferred \cup {n}
                           [] OTHER -> deferred
          /\ subs' = [subs EXCEPT ![n].life = IF deferIt THEN "pending_remove" ELSE "removed"]
          /\ mgr' = [sub |-> n, waitSeq |-> waitSeq]
          /\ pc' = [pc EXCEPT ![Mgr] = IF waitSeq # 0 THEN "remove_wait" ELSE "remove_return_free"]
    /\ lastAction' = Act("mmu_interval_notifier_remove", Mgr, [sub |-> n])
    /\ UNCHANGED <<seq, active, waitq, pte, spte, ulock, inv, flt>>

\* wait_event(wq, mmu_interval_seq_released(subs, wait_seq)): one evaluation
\* of the condition, atomically with the enqueue when it is false (the task is
\* on the queue before it tests, so a wake_up_all after the test wakes it).
\* Mainline reads invalidate_seq under the spinlock (fix 319561669a59);
\* RemoveWaitCanTest says when the test may run.
remove_wait ==
    /\ pc[Mgr] = "remove_wait"
    /\ Mgr \notin waitq
    /\ RemoveWaitCanTest
    /\ IF seq # mgr.waitSeq
       THEN /\ pc' = [pc EXCEPT ![Mgr] = "remove_return_free"]
            /\ UNCHANGED waitq
       ELSE /\ waitq' = waitq \cup {Mgr}
            /\ UNCHANGED pc
    /\ lastAction' = Act("remove_wait", Mgr, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, subs, pte, spte, ulock, inv, flt, mgr>>

(***************************************************************************)
(* mmu_interval_read_begin()                                               *)
(* ⟦ s = sub->invalidate_seq; is_invalidating = (s == invalidate_seq) ⟧    *)
(* then, only if is_invalidating, wait_event(wq, invalidate_seq != s)      *)
(* (read_begin_wait).  Returns s, the interval's own seq.                  *)
(***************************************************************************)
\* ReadBeginValue(n) and ReadBeginSleeps(n), the value returned and whether
\* read_begin sleeps, are hooks of MMUNotifierVariants.

\* wait_event(wq, READ_ONCE(invalidate_seq) != s) in read_begin: the
\* condition is read without the lock (safe, docs/kernel-protocol.md §6).
ReadBeginWaitDone(t) == seq # flt[t].s

(***************************************************************************)
(* mmu_interval_read_retry(sub, s) / mmu_interval_check_retry(sub, s):     *)
(* sub->invalidate_seq != s.  read_retry must run under the driver lock.   *)
(***************************************************************************)
Collided(t) == subs[flt[t].sub].seq # flt[t].s

=============================================================================
