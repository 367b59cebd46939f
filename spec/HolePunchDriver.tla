----------------------------- MODULE HolePunchDriver -----------------------------
(***************************************************************************)
(* The steps of the hole-punch models: the mm (munmap and one other kind   *)
(* of invalidation), the driver's callback and unmap handler, the driver's *)
(* worker (outside strategies) and the driver's fault path.  Two drivers:  *)
(*   - the dmirror shape of Ralph Campbell's v6 series (lib/test_hmm.c in  *)
(*     RalphCampbell/linux-thp-migration at 34f59a5ca6c5): one interval    *)
(*     per mapping, dmirror->mutex as the driver lock;                     *)
(*   - amdkfd (drivers/gpu/drm/amd/amdkfd/kfd_svm.c, torvalds/linux at     *)
(*     006ad514a50c): one notifier per svm_range, prange->lock in the      *)
(*     callback, the interval changes made by svm_range_deferred_list_work *)
(*     (Strategy outside_remove_then_insert).                              *)
(*                                                                         *)
(* The core steps, the callback's lock/set_seq/unlock and the mm's PTE     *)
(* change are the mainline actions of MirrorDriver.tla (instantiated, so   *)
(* their definitions are shared); the v6 API state changes come from       *)
(* MMUNotifierV6Api.tla, the plans from HolePunchPlan.tla.                 *)
(*                                                                         *)
(* mmap_lock.  munmap takes mmap_write_lock only to detach the VMAs and    *)
(* then downgrades (mm/mmap.c, since v4.20, dd2283f2605e; mm/vma.c         *)
(* vms_complete_munmap_vmas today): the zap, its invalidation and the PTE  *)
(* change run under mmap_read_lock.  The other invalidation's context is   *)
(* InvalidatorContext:                                                     *)
(*   rmap       reclaim, migration, writeback (try_to_unmap,               *)
(*              try_to_migrate, folio_mkclean in mm/rmap.c;                *)
(*              unmap_mapping_range): no mmap_lock at all                  *)
(*   mmap_read  an invalidation under mmap_read_lock (e.g. madvise)        *)
(*   per_vma    since v6.4, a CPU page fault under the per-VMA lock        *)
(*              (wp_page_copy's MMU_NOTIFY_CLEAR in mm/memory.c): needs a  *)
(*              mapped VMA; a bare mmap_write_lock that marks no VMA       *)
(*              (vma_start_write) does not exclude it                      *)
(***************************************************************************)
EXTENDS HolePunchPlan, TLC

CONSTANTS
    Unmappers,           \* invalidator threads that run munmap
    UnmapRanges,         \* <<first, last>> page ranges a munmap may cover
    InitTree,            \* subscriptions inserted (while idle) in the initial state
    InvalidatorContext,  \* the other invalidators' context: "rmap" | "mmap_read" | "per_vma"
    FaultRecheck         \* does the fault path re-check, under the driver lock, that its interval still covers the page?

VARIABLES
    hp,     \* hp[t].ops: the interval operations thread t still has to make (its plan)
    work,   \* the driver's queue of unmap items [sub, start, last] (outside strategies)
    mmap,   \* mmap_lock: [writer, readers]
    vma     \* pages still mapped (munmap detaches its range)

hpVars == <<upd, relq, hp, work, mmap, vma>>
allVars == <<vars, hpVars>>
\* Every variable except the lastAction ghost.
HPView == <<View, hpVars>>

\* The mainline actions, on the same constants and variables.
C == INSTANCE MirrorDriver
CU == INSTANCE MirrorDriver WITH InvRanges <- UnmapRanges

MmapFree == mmap.writer = NoId /\ mmap.readers = {}
TakeRead(t) == mmap' = [mmap EXCEPT !.readers = @ \cup {t}]
DropRead(t) == mmap' = [mmap EXCEPT !.readers = @ \ {t}]
Mapped(a, b) == \E p \in vma : InRange(p, a, b)

(***************************************************************************)
(* Hooks: the settings of a model, each in one place.                      *)
(***************************************************************************)

\* What the other (non-munmap) invalidator needs to start, and which
\* mmap_lock it then holds until its end.
OtherInvEnters(t) ==
    CASE InvalidatorContext = "mmap_read" -> mmap.writer = NoId /\ TakeRead(t)
      [] InvalidatorContext = "per_vma" -> Mapped(inv'[t].start, inv'[t].last) /\ UNCHANGED mmap
      [] OTHER -> UNCHANGED mmap

\* amdkfd's fault (svm_range_restore_pages) holds mmap_read_lock and
\* svms->lock from the lookup to the GPU mapping; dmirror_range_fault drops
\* mmap_read_lock right after hmm_range_fault.  (svms->lock adds nothing
\* here: its other holder, the deferred worker, also holds mmap_write_lock.)
FaultHoldsMmapAcross == Amdkfd

\* dmirror_interval_find runs under dmirror->mutex (taken and dropped in
\* the step); svm_range_from_addr runs under svms->lock only.
FindTakesDriverLock == ~Amdkfd

\* The outside strategies' worker holds the driver lock while it changes
\* the intervals (Ralph, 13 Jan 2020: "I'm using the device driver lock to
\* serialize ..."); amdkfd's worker must not (its remove blocks).
WorkerTakesDriverLock == ~Amdkfd

\* amdkfd's svm_range_validate_and_map also retries (-EAGAIN) when the
\* range was split by an unmap whose deferred work has not run yet
\* ("range split by unmap in parallel": prange->child_list not empty).
SplitPending(n) == \E i \in 1..Len(work) : work[i].sub = n

StillCovers(t) == flt[t].sub \in tree /\ Covers(flt[t].sub, flt[t].page)

\* What the fault checks under the driver lock before it programs the
\* device entry: read_retry always; the coverage re-check with
\* FaultRecheck; amdkfd's split check.
FaultMayCommit(t) ==
    /\ ~C!Collided(t)
    /\ FaultRecheck => StillCovers(t)
    /\ Amdkfd => ~SplitPending(flt[t].sub)

(***************************************************************************)
(* Plans                                                                   *)
(***************************************************************************)

\* Where thread t goes when its plan is done.
AfterPlan(t) == IF t = Mgr THEN "unmap_work_done" ELSE "invalidate_unlock"

\* Start plan ops for thread t (its pc and hp).
StartPlan(t, ops) ==
    /\ hp' = [hp EXCEPT ![t].ops = ops]
    /\ pc' = [pc EXCEPT ![t] = IF ops = <<>> THEN AfterPlan(t) ELSE OpAction(Head(ops))]

\* Drop the head op of t and go on with the next one.
NextOp(t) == StartPlan(t, Tail(hp[t].ops))

\* The first unused subscription structure, or "none" (the allocation fails).
FreeSub == IF \E i \in 1..Len(SubList) : subs[SubList[i]].life = "unused"
           THEN SubList[CHOOSE i \in 1..Len(SubList) :
                          /\ subs[SubList[i]].life = "unused"
                          /\ \A j \in 1..(i - 1) : subs[SubList[j]].life # "unused"]
           ELSE NoId

(***************************************************************************)
(* Invalidators                                                            *)
(***************************************************************************)

\* munmap: mmap_write_lock, detach the VMAs of the range, downgrade to
\* mmap_read_lock, then unmap_region's invalidate_range_start.  One step:
\* between the downgrade and the start only mmap_read_lock holders and
\* lock-free invalidations can run, and their steps commute with the
\* detach and the start.  A munmap of an unmapped range does nothing.
\* The other invalidators start as InvalidatorContext says.
mn_itree_inv_start_range(t) ==
    /\ IF t \in Unmappers
       THEN /\ MmapFree
            /\ CU!mn_itree_inv_start_range(t)
            /\ Mapped(inv'[t].start, inv'[t].last)
            /\ vma' = {p \in vma : ~InRange(p, inv'[t].start, inv'[t].last)}
            /\ TakeRead(t)
       ELSE /\ C!mn_itree_inv_start_range(t)
            /\ OtherInvEnters(t)
            /\ UNCHANGED vma
    /\ UNCHANGED <<upd, relq, hp, work>>

invalidate_lock(t) == C!invalidate_lock(t) /\ UNCHANGED hpVars
invalidate_trylock_fail(t) == C!invalidate_trylock_fail(t) /\ UNCHANGED hpVars
mmu_interval_set_seq(t) == C!mmu_interval_set_seq(t) /\ UNCHANGED hpVars
invalidate_unlock(t) == C!invalidate_unlock(t) /\ UNCHANGED hpVars
mm_change_ptes(t) == C!mm_change_ptes(t) /\ UNCHANGED hpVars

\* dmirror_do_update() / amdkfd's svm_range_unmap_from_gpus() of the
\* range ∩ interval: erase the device entries; a munmap then goes on to
\* the unmap handler.
invalidate_zap(t) ==
    /\ pc[t] = "invalidate_zap"
    /\ LET n == inv[t].cursor
       IN spte' = [p \in Pages |->
                     IF InRange(p, inv[t].start, inv[t].last) /\ Covers(n, p) THEN 0 ELSE spte[p]]
    /\ pc' = [pc EXCEPT ![t] = IF t \in Unmappers THEN "dmirror_do_unmap" ELSE "invalidate_unlock"]
    /\ lastAction' = Act("invalidate_zap", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, inv, flt, mgr>>
    /\ UNCHANGED hpVars

\* The unmap handler, still in the callback under the driver lock:
\* dmirror_do_unmap() makes its plan now (inside_callback); otherwise the
\* item is queued for the worker (amdkfd: svm_range_unmap_from_cpu splits
\* the svm_range and calls svm_range_add_list_work).
dmirror_do_unmap(t) ==
    /\ pc[t] = "dmirror_do_unmap"
    /\ LET n == inv[t].cursor
       IN IF Inside
          THEN /\ StartPlan(t, DmirrorPlan(n, inv[t].start, inv[t].last))
               /\ UNCHANGED work
          ELSE /\ work' = Append(work, [sub |-> n, start |-> inv[t].start, last |-> inv[t].last])
               /\ pc' = [pc EXCEPT ![t] = "invalidate_unlock"]
               /\ UNCHANGED hp
    /\ lastAction' = Act("dmirror_do_unmap", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, mmap, vma>>

\* mn_itree_inv_end() of the v5/v6 series: the last end of an odd epoch
\* applies pending inserts, updates and removes in the critical section
\* that makes seq even.  The invalidator then drops the mmap_read_lock it
\* holds, if any (modelled in this step).
mn_itree_inv_end(t) ==
    /\ pc[t] = "mn_itree_inv_end"
    /\ active' = active - 1
    /\ IF active - 1 = 0 /\ IsOdd(seq)
       THEN /\ seq' = seq + 1
            /\ ApplyDeferredList(t)
            /\ pc' = [pc EXCEPT ![t] = "wake_up_all"]
            /\ UNCHANGED inv
       ELSE /\ UNCHANGED <<seq, tree, subs, deferred, upd, relq>>
            /\ C!InvFinish(t)
    /\ DropRead(t)
    /\ lastAction' = Act("mn_itree_inv_end", t, NoArgs)
    /\ UNCHANGED <<waitq, pte, spte, ulock, flt, mgr, hp, work, vma>>

\* wake_up_all() after the unlock; then the release callbacks, if any.
wake_up_all(t) ==
    /\ pc[t] = "wake_up_all"
    /\ waitq' = {}
    /\ IF relq[t] = {}
       THEN C!InvFinish(t)
       ELSE /\ pc' = [pc EXCEPT ![t] = "mmu_interval_release"]
            /\ UNCHANGED inv
    /\ lastAction' = Act("wake_up_all", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, subs, pte, spte, ulock, flt, mgr>>
    /\ UNCHANGED hpVars

\* ops->release(sub) and mmdrop for each interval on the removed_list: the
\* driver frees its dmirror_interval.
mmu_interval_release(t) ==
    /\ pc[t] = "mmu_interval_release"
    /\ subs' = [n \in Subs |-> IF n \in relq[t] THEN [subs[n] EXCEPT !.life = "freed"] ELSE subs[n]]
    /\ relq' = [relq EXCEPT ![t] = {}]
    /\ C!InvFinish(t)
    /\ lastAction' = Act("mmu_interval_release", t, [subs |-> relq[t]])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, pte, spte, ulock, flt, mgr>>
    /\ UNCHANGED <<upd, hp, work, mmap, vma>>

(***************************************************************************)
(* The interval operations of a plan, one critical section each.  Run by   *)
(* the invalidator inside its callback (inside_callback) or by the worker. *)
(***************************************************************************)
PlanStep(t, name) == pc[t] = name /\ SpinlockFree

mmu_interval_notifier_update(t) ==
    /\ PlanStep(t, "mmu_interval_notifier_update")
    /\ LET o == Head(hp[t].ops)
       IN /\ UpdateEnabled(o.sub)
          /\ UpdateEffect(o.sub, o.start, o.last)
          /\ lastAction' = Act("mmu_interval_notifier_update", t,
                               [sub |-> o.sub, start |-> o.start, last |-> o.last])
    /\ NextOp(t)
    /\ UNCHANGED <<active, waitq, pte, spte, ulock, inv, flt, mgr, relq, work, mmap, vma>>

\* insert_safe (inside a callback, or by the worker) and insert_locked
\* (amdkfd): the same critical section.  A failed GFP_ATOMIC allocation
\* (no unused structure left) makes dmirror_do_unmap zap the part's device
\* entries instead and rely on later faults.
InsertBody(t, name) ==
    /\ LET o == Head(hp[t].ops)
           n == FreeSub
       IN /\ IF n # NoId
             THEN /\ InsertEffect(n, o.start, o.last)
                  /\ UNCHANGED spte
             ELSE /\ spte' = [p \in Pages |-> IF InRange(p, o.start, o.last) THEN 0 ELSE spte[p]]
                  /\ UNCHANGED <<seq, tree, deferred, subs, upd>>
          /\ lastAction' = Act(name, t, [sub |-> n, start |-> o.start, last |-> o.last])
    /\ NextOp(t)
    /\ UNCHANGED <<active, waitq, pte, ulock, inv, flt, mgr, relq, work, mmap, vma>>

mmu_interval_notifier_insert_safe(t) ==
    /\ PlanStep(t, "mmu_interval_notifier_insert_safe")
    /\ InsertBody(t, "mmu_interval_notifier_insert_safe")

mmu_interval_notifier_insert(t) ==
    /\ PlanStep(t, "mmu_interval_notifier_insert")
    /\ InsertBody(t, "mmu_interval_notifier_insert")

mmu_interval_notifier_remove_deferred(t) ==
    /\ PlanStep(t, "mmu_interval_notifier_remove_deferred")
    /\ LET o == Head(hp[t].ops)
       IN /\ RemoveDeferredEffect(o.sub)
          /\ lastAction' = Act("mmu_interval_notifier_remove_deferred", t, [sub |-> o.sub])
    /\ NextOp(t)
    /\ UNCHANGED <<active, waitq, pte, spte, ulock, inv, flt, mgr, relq, work, mmap, vma>>

\* Blocking mmu_interval_notifier_remove (amdkfd's worker, thread Mgr).
mmu_interval_notifier_remove(t) ==
    /\ PlanStep(t, "mmu_interval_notifier_remove")
    /\ t = Mgr
    /\ LET n == Head(hp[t].ops).sub
           w == RemoveWaitSeq(n)
       IN /\ RemoveEffect(n)
          /\ mgr' = [sub |-> n, waitSeq |-> w]
          /\ pc' = [pc EXCEPT ![Mgr] = IF w # 0 THEN "remove_wait" ELSE "remove_return_free"]
          /\ lastAction' = Act("mmu_interval_notifier_remove", Mgr, [sub |-> n])
    /\ UNCHANGED <<active, waitq, pte, spte, ulock, inv, flt, relq, hp, work, mmap, vma>>

remove_wait == C!remove_wait /\ UNCHANGED hpVars

\* remove returned; amdkfd keeps the range and its device mappings (the
\* notifier struct is inserted again by a later op, a new id here).
remove_return_free ==
    /\ pc[Mgr] = "remove_return_free"
    /\ mgr' = [sub |-> NoId, waitSeq |-> 0]
    /\ NextOp(Mgr)
    /\ lastAction' = Act("remove_return_free", Mgr, [sub |-> mgr.sub])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt>>
    /\ UNCHANGED <<upd, relq, work, mmap, vma>>

\* Fix unmap_first: svm_range_unmap_from_gpus() of the kept part, under
\* prange->lock (taken and dropped in the step), before the remove.
svm_range_unmap_from_gpus ==
    /\ PlanStep(Mgr, "svm_range_unmap_from_gpus")
    /\ ulock = NoId
    /\ LET o == Head(hp[Mgr].ops)
       IN /\ spte' = [p \in Pages |-> IF InRange(p, o.start, o.last) THEN 0 ELSE spte[p]]
          /\ lastAction' = Act("svm_range_unmap_from_gpus", Mgr, [start |-> o.start, last |-> o.last])
    /\ NextOp(Mgr)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, work, mmap, vma>>

(***************************************************************************)
(* The worker (thread Mgr) of the outside strategies: take a queued unmap  *)
(* item under mmap_write_lock (amdkfd: svm_range_deferred_list_work, which *)
(* also takes svms->lock), plan from the interval's current bounds, make   *)
(* the plan, unlock.                                                       *)
(***************************************************************************)
unmap_work_begin ==
    /\ pc[Mgr] = "idle"
    /\ work # <<>>
    /\ MmapFree
    /\ WorkerTakesDriverLock => ulock = NoId
    /\ LET it == Head(work)
       IN StartPlan(Mgr, UnmapPlan(it.sub, it.start, it.last))
    /\ work' = Tail(work)
    /\ mmap' = [mmap EXCEPT !.writer = Mgr]
    /\ ulock' = IF WorkerTakesDriverLock THEN Mgr ELSE ulock
    /\ lastAction' = Act("unmap_work_begin", Mgr, [sub |-> Head(work).sub])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, vma>>

unmap_work_done ==
    /\ pc[Mgr] = "unmap_work_done"
    /\ mmap' = [mmap EXCEPT !.writer = NoId]
    /\ ulock' = IF WorkerTakesDriverLock THEN NoId ELSE ulock
    /\ pc' = [pc EXCEPT ![Mgr] = "idle"]
    /\ lastAction' = Act("unmap_work_done", Mgr, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

(***************************************************************************)
(* The fault path.  dmirror_range_fault() in Ralph's tree, per attempt:    *)
(* mmap_read_lock; dmirror_interval_find() under dmirror->mutex (the mutex *)
(* is dropped before read_begin); mmu_interval_read_begin();               *)
(* hmm_range_fault(); mmap_read_unlock; mutex_lock; read_retry only; then  *)
(* dmirror_do_fault() programs the device entry.  amdkfd's                 *)
(* svm_range_restore_pages(): mmap_read_lock and svms->lock,               *)
(* svm_range_from_addr(), then svm_range_validate_and_map() (read_begin    *)
(* and hmm_range_fault in amdgpu_hmm_range_get_pages, prange->lock,        *)
(* read_retry in amdgpu_hmm_range_get_pages_done, the split check, GPU     *)
(* mapping), and only then the unlocks.  No interval covering the page:   *)
(* the fault fails (Ralph's find would insert one for the VMA; that path  *)
(* is not modelled).                                                       *)
(***************************************************************************)
Findable(n, p) == n \in tree /\ subs[n].life = "in_tree" /\ Covers(n, p)

\* A collision: go round the loop again from the lookup, or give up.
FaultRetry(t) ==
    IF flt[t].tries < MaxTries
    THEN /\ flt' = [flt EXCEPT ![t].s = 0, ![t].snap = 0]
         /\ pc' = [pc EXCEPT ![t] = "dmirror_interval_find"]
    ELSE C!FaultFinish(t)

\* The lookup under the driver lock (or svms->lock), with mmap_read_lock
\* taken for this attempt.  A new fault picks a page an interval covers; a
\* retry keeps its page and may find another interval, or none.
dmirror_interval_find(t) ==
    /\ pc[t] \in {"idle", "dmirror_interval_find"}
    /\ SpinlockFree
    /\ mmap.writer = NoId
    /\ FindTakesDriverLock => ulock = NoId
    /\ \E p \in Pages :
        /\ pc[t] = "dmirror_interval_find" => p = flt[t].page
        /\ IF \E n \in Subs : Findable(n, p)
           THEN \E n \in Subs :
                 /\ Findable(n, p)
                 /\ flt' = [flt EXCEPT ![t] = [@ EXCEPT !.sub = n, !.page = p, !.s = 0,
                                                        !.snap = 0, !.tries = @ + 1]]
                 /\ pc' = [pc EXCEPT ![t] = "mmu_interval_read_begin"]
                 /\ TakeRead(t)
                 /\ lastAction' = Act("dmirror_interval_find", t, [sub |-> n, page |-> p])
           ELSE /\ pc[t] = "dmirror_interval_find"   \* a new fault needs a mapped interval
                /\ C!FaultFinish(t)
                /\ UNCHANGED mmap
                /\ lastAction' = Act("dmirror_interval_find", t, [sub |-> NoId, page |-> p])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

\* mmu_interval_read_begin(sub) on the interval found: its own critical
\* section, after the lookup's lock was dropped.
mmu_interval_read_begin(t) ==
    /\ pc[t] = "mmu_interval_read_begin"
    /\ SpinlockFree
    /\ LET n == flt[t].sub
       IN /\ flt' = [flt EXCEPT ![t].s = C!ReadBeginValue(n)]
          /\ pc' = [pc EXCEPT ![t] = IF C!ReadBeginSleeps(n) THEN "read_begin_wait" ELSE "hmm_range_fault"]
          /\ lastAction' = Act("mmu_interval_read_begin", t, [sub |-> n, page |-> flt[t].page])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED hpVars

read_begin_wait(t) == C!read_begin_wait(t) /\ UNCHANGED hpVars

\* The mmap_read_lock after hmm_range_fault: dmirror drops it here, amdkfd
\* keeps it to the end of the fault.
MmapAfterHmmRangeFault(t) == IF FaultHoldsMmapAcross THEN UNCHANGED mmap ELSE DropRead(t)
\* The end of an attempt (commit, collision or failure) drops what is left.
EndOfAttempt(t) == IF FaultHoldsMmapAcross THEN DropRead(t) ELSE UNCHANGED mmap

\* hmm_range_fault(): read the CPU PTE; on a page no VMA maps any more it
\* fails (-EFAULT; amdkfd's vma_lookup fails) and the fault gives up.
hmm_range_fault(t) ==
    /\ IF flt[t].page \in vma
       THEN /\ C!hmm_range_fault(t)
            /\ MmapAfterHmmRangeFault(t)
       ELSE /\ pc[t] = "hmm_range_fault"
            /\ C!FaultFinish(t)
            /\ DropRead(t)
            /\ lastAction' = Act("hmm_range_fault", t, [page |-> flt[t].page])
            /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

\* mmu_interval_check_retry() inside hmm_range_fault sees the collision
\* (-EBUSY): unlock and loop.
mmu_interval_check_retry(t) ==
    /\ pc[t] = "hmm_range_fault"
    /\ C!Collided(t)
    /\ FaultRetry(t)
    /\ DropRead(t)
    /\ lastAction' = Act("mmu_interval_check_retry", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

driver_lock(t) == C!driver_lock(t) /\ UNCHANGED hpVars

\* Under the driver lock: FaultMayCommit, or unlock and go round again.
mmu_interval_read_retry(t) ==
    /\ pc[t] = "mmu_interval_read_retry"
    /\ IF FaultMayCommit(t)
       THEN /\ pc' = [pc EXCEPT ![t] = "driver_commit"]
            /\ UNCHANGED <<ulock, flt, mmap>>
       ELSE /\ ulock' = NoId
            /\ FaultRetry(t)
            /\ EndOfAttempt(t)
    /\ lastAction' = Act("mmu_interval_read_retry", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

driver_commit(t) ==
    /\ C!driver_commit(t)
    /\ EndOfAttempt(t)
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

=============================================================================
