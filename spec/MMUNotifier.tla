------------------------------- MODULE MMUNotifier -------------------------------
(***************************************************************************)
(* The whole system: initial state, next-state relation and fairness.      *)
(* Next is a disjunction of named actions, one per atomic step; TLC labels *)
(* edges and trace states with these names (src/protocol/actions.ts).      *)
(***************************************************************************)
EXTENDS MirrorDriver

Init ==
    /\ seq = 2                 \* mmu_notifier_subscriptions allocation
    /\ active = 0
    /\ tree = {}
    /\ deferred = {}
    /\ waitq = {}
    /\ subs = [n \in Subs |-> [start |-> SubStart[n], last |-> SubLast[n], seq |-> 0, life |-> "unused"]]
    /\ pte = [p \in Pages |-> 1]
    /\ spte = [p \in Pages |-> 0]
    /\ ulock = NoId
    /\ pc = [t \in Threads |-> "idle"]
    /\ inv = [t \in Invalidators |-> InvIdle(0)]
    /\ flt = [t \in Faulters |-> FltIdle(0)]
    /\ mgr = [sub |-> NoId, waitSeq |-> 0]
    /\ lastAction = Act("Init", NoId, NoArgs)

\* Every step an invalidator can take.
InvStep(t) ==
    \/ mn_itree_inv_start_range(t)
    \/ invalidate_lock(t)
    \/ invalidate_trylock_fail(t)
    \/ mmu_interval_set_seq(t)
    \/ invalidate_zap(t)
    \/ invalidate_unlock(t)
    \/ mm_change_ptes(t)
    \/ mn_itree_inv_end(t)
    \/ mn_itree_inv_end_apply_deferred(t)
    \/ wake_up_all(t)

\* Every step a faulter can take.
FltStep(t) ==
    \/ mmu_interval_read_begin(t)
    \/ read_begin_wait(t)
    \/ hmm_range_fault(t)
    \/ mmu_interval_check_retry(t)
    \/ driver_lock(t)
    \/ mmu_interval_read_retry(t)
    \/ driver_commit(t)

\* Every step the manager can take.
MgrStep ==
    \/ \E n \in Subs : mmu_interval_notifier_insert(n)
    \/ \E n \in Subs : mmu_interval_notifier_remove(n)
    \/ remove_wait
    \/ remove_return_free

\* Every thread has finished its bounded work and no subscription is in use:
\* the end of a behaviour, not a deadlock.
Quiescent ==
    /\ \A t \in Invalidators : pc[t] = "done"
    /\ \A t \in Faulters : pc[t] \in {"idle", "done"}
    /\ pc[Mgr] = "idle"
    /\ \A n \in Subs : subs[n].life \in {"unused", "freed"}

\* The stutter step that ends a finished behaviour (keeps deadlock checking
\* meaningful: any other state without a successor is a real deadlock).
Terminating == Quiescent /\ UNCHANGED vars

Next ==
    \/ \E t \in Invalidators : InvStep(t)
    \/ \E t \in Faulters : FltStep(t)
    \/ MgrStep
    \/ Terminating

(***************************************************************************)
(* Fairness for the liveness models: every thread that can take a step     *)
(* eventually does (weak fairness per thread).  Together with the bounds   *)
(* (MaxInv, MaxFaults, MaxTries, finitely many subscriptions) this gives   *)
(* the quiescence assumption of docs/kernel-protocol.md §7.3: eventually no *)
(* invalidation is active.                                                 *)
(***************************************************************************)
Fairness ==
    /\ \A t \in Invalidators : WF_vars(InvStep(t))
    /\ \A t \in Faulters : WF_vars(FltStep(t))
    /\ WF_vars(MgrStep)

Spec == Init /\ [][Next]_vars
FairSpec == Spec /\ Fairness

=============================================================================
