------------------------------- MODULE ProcessExit -------------------------------
(***************************************************************************)
(* Process exit (issue 16 item 2, docs/kernel-protocol.md §3.8 and §9.2):  *)
(* the mainline system of MMUNotifier.tla plus one more thread, Exiter,    *)
(* that runs mmput -> exit_mmap (mm/mmap.c):                               *)
(*   1. mmput drops the last mm_users reference (no fault can be in        *)
(*      flight: each fault holds one, dmirror_fault's mmget_not_zero);     *)
(*   2. mmu_notifier_release -> __mmu_notifier_release -> mn_itree_release *)
(*      walks the whole tree as a blockable MMU_NOTIFY_RELEASE             *)
(*      invalidation of [0, ULONG_MAX): inv_start_range, every interval's  *)
(*      callback, mn_itree_inv_end.  It changes no PTE and removes nothing;*)
(*   3. mn_hlist_release calls the hlist ->release callbacks;              *)
(*   4. unmap_vmas sends an ordinary MMU_NOTIFY_UNMAP invalidation of the  *)
(*      whole address space, which still reaches the interval tree, and    *)
(*      frees the pages (a new PTE version for every page).                *)
(* Afterwards mm_users stays 0: __mmu_interval_notifier_insert WARNs and   *)
(* returns -EINVAL.                                                        *)
(*                                                                         *)
(* The driver's callback per ExitDriver (hooks below):                     *)
(*   "dmirror":      lib/test_hmm.c dmirror_interval_invalidate, mainline  *)
(*                   and v5.10..v6.x: no RELEASE case, set_seq + erase.    *)
(*   "amdkfd":       svm_range_cpu_invalidate_pagetables as first merged   *)
(*                   (2021): returns true at once for MMU_NOTIFY_RELEASE   *)
(*                   (no lock, no set_seq, no GPU unmap); other events as  *)
(*                   dmirror (lock, set_seq, unmap from the GPUs).         *)
(*   "amdkfd_mmget": the same after fa582c6f3684 "drm/amdkfd: Use          *)
(*                   mmget_not_zero in MMU notifier" (2022): also returns  *)
(*                   true at once whenever mm_users is 0, so the UNMAP     *)
(*                   invalidations of exit_mmap are skipped too.           *)
(* The model adds, by name: ext.devLive, whether the device can still use  *)
(* its page table; HlistStopsDevice says whether the driver's hlist        *)
(* ->release stops it (amdkfd's kfd_process_notifier_release dequeueing    *)
(* the process's queues, in the versions that do so there).  The callback  *)
(* steps of both amdkfd shapes are dmirror's (one driver lock, set_seq,    *)
(* erase); amdkfd's own locks and split work are not modelled.             *)
(***************************************************************************)
EXTENDS MMUNotifierProperties

CONSTANTS
    Exiter,            \* the exiting task (an element of Invalidators)
    ExitDriver,        \* "dmirror" | "amdkfd" | "amdkfd_mmget"
    HlistStopsDevice,  \* BOOLEAN: the driver's hlist ->release stops the device
    InsertGuard        \* "mmget": the driver inserts only under mmget_not_zero; "none": it does not check

ASSUME Exiter \in Invalidators
ASSUME ExitDriver \in {"dmirror", "amdkfd", "amdkfd_mmget"}
ASSUME HlistStopsDevice \in BOOLEAN
ASSUME InsertGuard \in {"mmget", "none"}

VARIABLE ext   \* [mm, phase, devLive, insErr]: the exit's state (see ExitTypeOK)

exitVars == <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr, lastAction, ext>>
\* Every variable except the lastAction ghost (VIEW of the checking models).
ExitView == <<View, ext>>

\* Phases of exit_mmap, in order.
ExitPhases == {"running", "exiting", "release", "hlist", "unmap", "exited"}

\* The address space, as one invalidation range.
AllPages == <<1, NPages>>

\* The exiter's own invalidation (release walk or unmap_vmas) is over.
ExiterBetween == pc[Exiter] \in {"idle", "done"}

\* The release walk of the exiter (event MMU_NOTIFY_RELEASE).
IsReleaseWalk(t) == t = Exiter /\ ext.phase = "release"

(***************************************************************************)
(* Driver hooks (ExitDriver).  Each names the driver code it stands for.   *)
(***************************************************************************)
\* The callback returns true at once, without lock, set_seq or erase:
\* amdkfd's `if (range->event == MMU_NOTIFY_RELEASE) return true;`, and in
\* amdkfd_mmget also `if (!mmget_not_zero(mni->mm)) return true;`.
\* dmirror: never.
SkipsCallback(t) ==
    \/ ExitDriver \in {"amdkfd", "amdkfd_mmget"} /\ IsReleaseWalk(t)
    \/ ExitDriver = "amdkfd_mmget" /\ ext.mm = "dead"

\* The driver inserts an interval only while the mm has users.
InsertChecksMm == InsertGuard = "mmget"

(***************************************************************************)
(* The exit thread                                                         *)
(***************************************************************************)
\* The invalidation of the exiter over the whole address space:
\* mn_itree_inv_start_range (active++, seq |= 1 on a hit).  A release walk
\* without a hit calls mn_itree_inv_end at once; an unmap changes the PTEs.
ExitInvStart(name, noHitPc) ==
    LET first == IterFirst(1, NPages)
        hit == first # NoId
        newSeq == IF hit THEN SetOdd(seq) ELSE seq
    IN /\ active' = active + 1
       /\ seq' = newSeq
       /\ inv' = [inv EXCEPT ![Exiter] = [start |-> 1, last |-> NPages, blockable |-> TRUE,
                                          curSeq |-> IF hit THEN newSeq ELSE 0,
                                          cursor |-> first, done |-> 0]]
       /\ pc' = [pc EXCEPT ![Exiter] = IF hit THEN "invalidate_lock" ELSE noHitPc]
       /\ lastAction' = Act(name, Exiter, [start |-> 1, last |-> NPages, blockable |-> TRUE])

\* mmput(): the last mm_users reference goes, __mmput -> exit_mmap.  No
\* fault holds a reference (each fault runs under mmget_not_zero).
mmput_exit_mmap ==
    /\ pc[Exiter] = "idle"
    /\ ext.phase = "running"
    /\ \A f \in Faulters : pc[f] \in {"idle", "done"}
    /\ ext' = [ext EXCEPT !.mm = "dead", !.phase = "exiting"]
    /\ lastAction' = Act("mmput_exit_mmap", Exiter, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr>>

\* mmu_notifier_release -> __mmu_notifier_release -> mn_itree_release:
\* a blockable MMU_NOTIFY_RELEASE range [0, ULONG_MAX), mn_itree_inv_start_range.
mn_itree_release ==
    /\ pc[Exiter] = "idle"
    /\ ext.phase = "exiting"
    /\ SpinlockFree
    /\ ExitInvStart("mn_itree_release", "mn_itree_inv_end")
    /\ ext' = [ext EXCEPT !.phase = "release"]
    /\ UNCHANGED <<tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

\* The for loop of mn_itree_release ends (mn_itree_inv_next found no more
\* intervals): mn_itree_inv_end follows, with no PTE change.
mn_itree_release_loop_done ==
    /\ pc[Exiter] = "mm_change_ptes"
    /\ ext.phase = "release"
    /\ pc' = [pc EXCEPT ![Exiter] = "mn_itree_inv_end"]
    /\ lastAction' = Act("mn_itree_release_loop_done", Exiter, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt, mgr, ext>>

\* mn_hlist_release: every hlist subscriber's ->release, then the hlist is
\* emptied.  HlistStopsDevice: the driver's release stops the device.
mn_hlist_release ==
    /\ ExiterBetween
    /\ ext.phase = "release"
    /\ ext' = [ext EXCEPT !.phase = "hlist", !.devLive = @ /\ ~HlistStopsDevice]
    /\ lastAction' = Act("mn_hlist_release", Exiter, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr>>

\* unmap_vmas: mmu_notifier_invalidate_range_start of an MMU_NOTIFY_UNMAP
\* range over every VMA; the tree part is mn_itree_inv_start_range.
unmap_vmas ==
    /\ ExiterBetween
    /\ ext.phase = "hlist"
    /\ SpinlockFree
    /\ ExitInvStart("unmap_vmas", "mm_change_ptes")
    /\ ext' = [ext EXCEPT !.phase = "unmap"]
    /\ UNCHANGED <<tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

\* exit_mmap returns (free_pgtables, remove_vma); mm_users stays 0.
exit_mmap_done ==
    /\ ExiterBetween
    /\ ext.phase = "unmap"
    /\ pc' = [pc EXCEPT ![Exiter] = "done"]
    /\ ext' = [ext EXCEPT !.phase = "exited"]
    /\ lastAction' = Act("exit_mmap_done", Exiter, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt, mgr>>

(***************************************************************************)
(* The driver                                                              *)
(***************************************************************************)
\* The callback returns true at once (SkipsCallback): the walk moves on.
invalidate_skip(t) ==
    /\ pc[t] = "invalidate_lock"
    /\ SkipsCallback(t)
    /\ IterAdvance(t)
    /\ lastAction' = Act("invalidate_skip", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr, ext>>

\* mmu_interval_notifier_insert after exit: __mmu_interval_notifier_insert's
\* WARN_ON(mm_users <= 0) fires and it returns -EINVAL (mm/mmu_notifier.c,
\* mainline; the same check in v5.10/v5.15).  Nothing else changes; the
\* model records the outcome.
insert_after_exit(n) ==
    /\ pc[Mgr] = "idle"
    /\ ~InsertChecksMm
    /\ ext.mm = "dead"
    /\ ext.insErr = "none"
    /\ subs[n].life = "unused"
    /\ ext' = [ext EXCEPT !.insErr = "EINVAL"]
    /\ lastAction' = Act("insert_after_exit", Mgr, [sub |-> n])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr>>

(***************************************************************************)
(* The system                                                              *)
(***************************************************************************)
ExitInit ==
    /\ Init
    /\ ext = [mm |-> "alive", phase |-> "running", devLive |-> TRUE, insErr |-> "none"]

\* The exiter's own steps: the phases, and the callback and end steps of its
\* two invalidations (the release walk changes no PTE).
ExitStep ==
    \/ mmput_exit_mmap
    \/ mn_itree_release
    \/ mn_itree_release_loop_done
    \/ mn_hlist_release
    \/ unmap_vmas
    \/ exit_mmap_done
    \/ invalidate_skip(Exiter)
    \/ (~SkipsCallback(Exiter) /\ invalidate_lock(Exiter) /\ UNCHANGED ext)
    \/ (mmu_interval_set_seq(Exiter) /\ UNCHANGED ext)
    \/ (invalidate_zap(Exiter) /\ UNCHANGED ext)
    \/ (invalidate_unlock(Exiter) /\ UNCHANGED ext)
    \/ (ext.phase # "release" /\ mm_change_ptes(Exiter) /\ UNCHANGED ext)
    \/ (mn_itree_inv_end(Exiter) /\ UNCHANGED ext)
    \/ (wake_up_all(Exiter) /\ UNCHANGED ext)

\* Another invalidator (reclaim, migration, ...) of the same mm: mainline's
\* steps, with the driver's early return when SkipsCallback.
OtherInvStep(t) ==
    \/ invalidate_skip(t)
    \/ (pc[t] = "invalidate_lock" => ~SkipsCallback(t)) /\ InvStep(t) /\ UNCHANGED ext

\* A new fault needs mm users (dmirror_fault: mmget_not_zero, else -EINVAL).
ExitFltStep(t) == (pc[t] = "idle" => ext.mm = "alive") /\ FltStep(t) /\ UNCHANGED ext

\* The manager: mainline's steps; an insert needs mm users, else it fails.
ExitMgrStep ==
    \/ \E n \in Subs : ext.mm = "alive" /\ mmu_interval_notifier_insert(n) /\ UNCHANGED ext
    \/ \E n \in Subs : insert_after_exit(n)
    \/ (\E n \in Subs : mmu_interval_notifier_remove(n)) /\ UNCHANGED ext
    \/ (remove_wait \/ remove_return_free) /\ UNCHANGED ext

ExitQuiescent == Quiescent /\ ext.phase = "exited"
ExitTerminating == ExitQuiescent /\ UNCHANGED exitVars

ExitNext ==
    \/ ExitStep
    \/ \E t \in Invalidators \ {Exiter} : OtherInvStep(t)
    \/ \E t \in Faulters : ExitFltStep(t)
    \/ ExitMgrStep
    \/ ExitTerminating

\* Weak fairness per thread, the exiter included (the exit happens).
ExitFairness ==
    /\ WF_exitVars(ExitStep)
    /\ \A t \in Invalidators \ {Exiter} : WF_exitVars(OtherInvStep(t))
    /\ \A t \in Faulters : WF_exitVars(ExitFltStep(t))
    /\ WF_exitVars(ExitMgrStep)

ExitSpec == ExitInit /\ [][ExitNext]_exitVars
ExitFairSpec == ExitSpec /\ ExitFairness

=============================================================================
