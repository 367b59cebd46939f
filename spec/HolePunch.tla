-------------------------------- MODULE HolePunch --------------------------------
(***************************************************************************)
(* The munmap "hole punch" (spec/README.md, "Hole punches and the v5/v6    *)
(* API"): a driver keeps one interval per mapping and must, when part of   *)
(* an interval N = [a, c] is unmapped, remove N, shrink it, or punch a     *)
(* hole (N' = [a, b1-1] plus a new M = [b2+1, c]).  The system: the        *)
(* initial intervals, munmap threads (Unmappers), other invalidators (in   *)
(* InvalidatorContext), faulters, and the driver's worker Mgr.  The steps  *)
(* are in HolePunchDriver.tla, the plans in HolePunchPlan.tla, the         *)
(* properties in HolePunchProperties.tla.                                  *)
(***************************************************************************)
EXTENDS HolePunchDriver

PlanThreads == Invalidators \cup {Mgr}

Init ==
    /\ seq = 2
    /\ active = 0
    /\ tree = InitTree
    /\ deferred = <<>>
    /\ waitq = {}
    \* InitTree was inserted while idle at seq 2: its seq is seq - 1 = 1.
    /\ subs = [n \in Subs |-> [start |-> SubStart[n], last |-> SubLast[n],
                               seq |-> IF n \in InitTree THEN 1 ELSE 0,
                               life |-> IF n \in InitTree THEN "in_tree" ELSE "unused"]]
    /\ pte = [p \in Pages |-> 1]
    /\ spte = [p \in Pages |-> 0]
    /\ ulock = NoId
    /\ pc = [t \in Threads |-> "idle"]
    /\ inv = [t \in Invalidators |-> C!InvIdle(0)]
    /\ flt = [t \in Faulters |-> C!FltIdle(0)]
    /\ mgr = [sub |-> NoId, waitSeq |-> 0]
    /\ lastAction = Act("Init", NoId, NoArgs)
    /\ upd = [n \in Subs |-> NoUpd]
    /\ relq = [t \in Invalidators |-> {}]
    /\ hp = [t \in PlanThreads |-> [ops |-> <<>>]]
    /\ work = <<>>
    /\ mmap = [writer |-> NoId, readers |-> {}]
    /\ vma = Pages

PlanStepOf(t) ==
    \/ mmu_interval_notifier_update(t)
    \/ mmu_interval_notifier_insert_safe(t)
    \/ mmu_interval_notifier_insert(t)
    \/ mmu_interval_notifier_remove_deferred(t)

InvStep(t) ==
    \/ mn_itree_inv_start_range(t)
    \/ invalidate_lock(t)
    \/ invalidate_trylock_fail(t)
    \/ mmu_interval_set_seq(t)
    \/ invalidate_zap(t)
    \/ dmirror_do_unmap(t)
    \/ PlanStepOf(t)
    \/ invalidate_unlock(t)
    \/ mm_change_ptes(t)
    \/ mn_itree_inv_end(t)
    \/ wake_up_all(t)
    \/ mmu_interval_release(t)

FltStep(t) ==
    \/ dmirror_interval_find(t)
    \/ mmu_interval_read_begin(t)
    \/ read_begin_wait(t)
    \/ hmm_range_fault(t)
    \/ mmu_interval_check_retry(t)
    \/ driver_lock(t)
    \/ mmu_interval_read_retry(t)
    \/ driver_commit(t)

MgrStep ==
    \/ unmap_work_begin
    \/ PlanStepOf(Mgr)
    \/ mmu_interval_notifier_remove(Mgr)
    \/ remove_wait
    \/ remove_return_free
    \/ svm_range_unmap_from_gpus
    \/ unmap_work_done

\* All bounded work is done: the end of a behaviour, not a deadlock.
\* A munmap thread whose every range is already unmapped has nothing to do.
NothingToUnmap == ~\E r \in UnmapRanges : Mapped(r[1], r[2])

Quiescent ==
    /\ \A t \in Invalidators : pc[t] = "done" \/ (t \in Unmappers /\ pc[t] = "idle" /\ NothingToUnmap)
    /\ \A t \in Faulters : pc[t] \in {"idle", "done"}
    /\ pc[Mgr] = "idle"
    /\ work = <<>>

Terminating == Quiescent /\ UNCHANGED allVars

Next ==
    \/ \E t \in Invalidators : InvStep(t)
    \/ \E t \in Faulters : FltStep(t)
    \/ MgrStep
    \/ Terminating

Spec == Init /\ [][Next]_allVars

=============================================================================
