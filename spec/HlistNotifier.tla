------------------------------- MODULE HlistNotifier -------------------------------
(***************************************************************************)
(* Classic (hlist) mmu notifiers on the same mm as the interval tree, and  *)
(* the order in which the start/end wrappers run them (mainline            *)
(* mm/mmu_notifier.c, docs/kernel-protocol.md §9.1):                       *)
(*                                                                         *)
(*   __mmu_notifier_invalidate_range_start:                                *)
(*     ret = mn_itree_invalidate(range); if (ret) return ret;              *)
(*     return mn_hlist_invalidate_range_start(range);                      *)
(*   mn_hlist_invalidate_range_start: call every subscriber's              *)
(*     invalidate_range_start (a failure does not stop the loop); if one   *)
(*     failed, call invalidate_range_end of every subscriber that has one  *)
(*     (pairing fix c2655835fd8c, v5.12) and return -EAGAIN;               *)
(*   __mmu_notifier_invalidate_range_end:                                  *)
(*     mn_itree_inv_end(); mn_hlist_invalidate_end(range);                 *)
(*                                                                         *)
(* A caller of the non-blocking start (the OOM reaper, __oom_reap_task_mm) *)
(* calls no end after -EAGAIN.  Nothing on the hlist failure path calls    *)
(* mn_itree_inv_end, although mn_itree_invalidate has done active++.       *)
(*                                                                         *)
(* Hlist subscribers are of three kinds (sets of HlistSubs):               *)
(*   HlistFailing: the start returns -EAGAIN at once for a non-blockable   *)
(*     range and the subscriber has no end (mainline WARN_ONs a failing   *)
(*     start with an end): nouveau_svmm_invalidate_range_start.            *)
(*   HlistZapping: the start takes the driver lock and clears the device   *)
(*     entries of the range (nouveau's NVIF_VMM_V0_PFNCLR).                *)
(*   HlistPaired: start and end, the start never fails (KVM-like); the     *)
(*     subscriber expects one end per start.                               *)
(* The hooks of MMUNotifierVariants that this module replaces (cfg         *)
(* overrides) are the HlistXxx / NouveauXxx operators below.              *)
(***************************************************************************)
EXTENDS MMUNotifierProperties

CONSTANTS
    HlistSubs,      \* the hlist, head first: the order hlist_for_each_entry walks it
    HlistFailing,   \* subscribers whose non-blockable start returns -EAGAIN
    HlistZapping,   \* subscribers whose start zaps the range under the driver lock
    HlistPaired,    \* subscribers with an invalidate_range_end
    HlistPairsEnds, \* the failure path calls the ends (c2655835fd8c, v5.12+: TRUE; v5.10: FALSE)
    HlistFix        \* "none" (the kernel) or "itree_inv_end_on_hlist_eagain"

VARIABLE
    hl  \* hl[t]: the hlist walk of invalidator t: [next, failed, started]

HlistNames == {HlistSubs[i] : i \in 1..Len(HlistSubs)}
HlistFixes == {"none", "itree_inv_end_on_hlist_eagain"}

ASSUME HlistFailing \cup HlistZapping \cup HlistPaired \subseteq HlistNames
\* mn_hlist_invalidate_range_start: WARN_ON(ops->invalidate_range_end) for a
\* failing start; a subscriber whose start can fail has no end.
ASSUME HlistFailing \cap HlistPaired = {}
\* The zapping subscriber is nouveau's: it never waits for its lock in a
\* non-blockable range, it fails first.
ASSUME HlistZapping \subseteq HlistFailing
ASSUME HlistPairsEnds \in BOOLEAN /\ HlistFix \in HlistFixes

hvars == <<vars, hl>>
\* Every variable except the lastAction ghost.
HlistView == <<View, hl>>

\* The hlist walk of an invalidation that has not reached the hlist yet:
\* next = the position of the next subscriber to call; failed = some start
\* returned -EAGAIN; started = paired subscribers whose end is owed.
HlIdle == [next |-> 1, failed |-> FALSE, started |-> {}]

(***************************************************************************)
(* The fix (a named hook; the kernel has none): when                       *)
(* mn_hlist_invalidate_range_start fails after mn_itree_invalidate         *)
(* succeeded, __mmu_notifier_invalidate_range_start calls                  *)
(* mn_itree_inv_end before it returns -EAGAIN, as mn_itree_invalidate does *)
(* on its own failure path.                                                *)
(***************************************************************************)
HlistEagainEndsTree == HlistFix = "itree_inv_end_on_hlist_eagain"

(***************************************************************************)
(* Replacements of MMUNotifierVariants hooks (set in the hlist cfgs).      *)
(***************************************************************************)
\* The hlist runs after the tree when it is not empty.
HlistAfterTreeWalk == IF HlistSubs = <<>> THEN "mm_change_ptes" ELSE "mn_hlist_invalidate_range_start"
\* mn_hlist_invalidate_end is owed when a paired subscriber's start ran.
HlistEndOwedHere(t) == hl[t].started # {}
HlistExtraInvPcs == {"mn_hlist_invalidate_range_start", "mn_hlist_unwind_end", "mn_hlist_invalidate_end"}
HlistExtraActionNames == HlistExtraInvPcs
\* nouveau_svm_range_invalidate: mutex_lock, set_seq, mutex_unlock.
NouveauAfterSetSeq == "invalidate_unlock"
\* nouveau_range_fault removes its fault-window interval and keeps the GPU PTE.
NouveauFreeDropsDeviceEntries == FALSE

(***************************************************************************)
(* One iteration of the loop of mn_hlist_invalidate_range_start: the       *)
(* invalidate_range_start of subscriber HlistSubs[next].  A zapping start  *)
(* (nouveau_svmm_invalidate_range_start: mutex_lock(&svmm->mutex), PFNCLR *)
(* of the range, mutex_unlock) is one step: it waits for the driver lock   *)
(* and touches only the device page table, which every other writer       *)
(* changes under that lock.  A failure is remembered and the loop goes on. *)
(***************************************************************************)
mn_hlist_invalidate_range_start(t) ==
    /\ pc[t] = "mn_hlist_invalidate_range_start"
    /\ LET h == HlistSubs[hl[t].next]
           fails == ~inv[t].blockable /\ h \in HlistFailing
           zaps == ~fails /\ h \in HlistZapping
           failed == hl[t].failed \/ fails
           last == hl[t].next = Len(HlistSubs)
       IN /\ zaps => ulock = NoId
          /\ spte' = IF zaps
                     THEN [p \in Pages |-> IF InRange(p, inv[t].start, inv[t].last) THEN 0 ELSE spte[p]]
                     ELSE spte
          /\ hl' = [hl EXCEPT ![t] = [next |-> @.next + 1, failed |-> failed,
                                       started |-> IF h \in HlistPaired THEN @.started \cup {h} ELSE @.started]]
          /\ pc' = [pc EXCEPT ![t] = CASE ~last -> "mn_hlist_invalidate_range_start"
                                       [] failed -> "mn_hlist_unwind_end"
                                       [] OTHER -> "mm_change_ptes"]
          /\ lastAction' = Act("mn_hlist_invalidate_range_start", t,
                               [hsub |-> h, eagain |-> fails])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, inv, flt, mgr>>

(***************************************************************************)
(* The failure path of mn_hlist_invalidate_range_start (non-blockable      *)
(* only): invalidate_range_end of every hlist subscriber that has one      *)
(* (v5.12+; v5.10 has no such loop), then -EAGAIN up through               *)
(* __mmu_notifier_invalidate_range_start to the caller, which calls no     *)
(* end.  The tree's active++ (and seq |= 1 on a hit) stays, unless the fix *)
(* calls mn_itree_inv_end.                                                 *)
(***************************************************************************)
mn_hlist_unwind_end(t) ==
    /\ pc[t] = "mn_hlist_unwind_end"
    /\ hl' = [hl EXCEPT ![t].started = IF HlistPairsEnds THEN {} ELSE @]
    /\ IF HlistEagainEndsTree
       THEN /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end"]
            /\ UNCHANGED inv
       ELSE InvDone(t)
    /\ lastAction' = Act("mn_hlist_unwind_end", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

\* mn_hlist_invalidate_end, after mn_itree_inv_end in
\* __mmu_notifier_invalidate_range_end: every paired subscriber's end.
mn_hlist_invalidate_end(t) ==
    /\ pc[t] = "mn_hlist_invalidate_end"
    /\ hl' = [hl EXCEPT ![t].started = {}]
    /\ InvDone(t)
    /\ lastAction' = Act("mn_hlist_invalidate_end", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>

(***************************************************************************)
(* The system                                                              *)
(***************************************************************************)
HlistInit == Init /\ hl = [t \in Invalidators |-> HlIdle]

\* Every step of an invalidator: a new invalidation (mn_itree_inv_start_range)
\* starts the hlist walk at the head; the tree steps leave it alone.
HlistInvStep(t) ==
    \/ mn_itree_inv_start_range(t) /\ hl' = [hl EXCEPT ![t] = HlIdle]
    \/ pc[t] # "idle" /\ InvStep(t) /\ UNCHANGED hl
    \/ mn_hlist_invalidate_range_start(t)
    \/ mn_hlist_unwind_end(t)
    \/ mn_hlist_invalidate_end(t)

\* The stutter step that ends a finished behaviour (MMUNotifier's Terminating with hl).
HlistTerminating == Quiescent /\ UNCHANGED hvars

\* TLC labels a step whose mainline action is conjoined with UNCHANGED hl
\* with the enclosing operator (HlistInvStep, HlistNext); the lastAction ghost
\* names the step (src/codegen/export-graph.ts reads it there).
HlistNext ==
    \/ \E t \in Invalidators : HlistInvStep(t)
    \/ \E t \in Faulters : FltStep(t) /\ UNCHANGED hl
    \/ MgrStep /\ UNCHANGED hl
    \/ HlistTerminating

HlistFairness ==
    /\ \A t \in Invalidators : WF_hvars(HlistInvStep(t))
    /\ \A t \in Faulters : WF_hvars(FltStep(t) /\ UNCHANGED hl)
    /\ WF_hvars(MgrStep /\ UNCHANGED hl)

HlistSpec == HlistInit /\ [][HlistNext]_hvars
HlistFairSpec == HlistSpec /\ HlistFairness

(***************************************************************************)
(* Properties of the hlist part                                            *)
(***************************************************************************)
\* The hlist walk has the shape of its declaration.
HlistTypeOK ==
    hl \in [Invalidators -> [next : 1..Len(HlistSubs) + 1, failed : BOOLEAN,
                             started : SUBSET HlistNames]]

\* Every paired subscriber gets one end per start: an invalidation that is
\* over owes no hlist end.
HlistStartsPaired == \A t \in Invalidators : pc[t] \in {"idle", "done"} => hl[t].started = {}

\* SAFE-1 for a driver whose zapping notifier covers the whole mm (nouveau's
\* hlist notifier): no stale device entry on any page, covered by an
\* interval or not (nouveau's GPU PTEs outlive the fault-window interval).
NoStaleDeviceEntryAnywhere == \A p \in Pages : spte[p] # 0 => spte[p] = pte[p]

=============================================================================
