------------------------------- MODULE HolePunch -------------------------------
(***************************************************************************)
(* The munmap "hole punch" of docs/kernel-protocol.md §5.4: a mirror driver *)
(* that keeps one interval per mapping (Ralph Campbell's v5/v6 dmirror and *)
(* nouveau, dmirror_do_unmap / nouveau_svmm_do_unmap) must, when part of   *)
(* an interval N = [a, c] is unmapped, remove N, shrink it to the left or  *)
(* the right, or punch a hole: shrink N to [a, b1-1] and insert a new      *)
(* interval M = [b2+1, c].                                                 *)
(*                                                                         *)
(* Where and in which order the driver does this is the constant Strategy  *)
(* (src/protocol/variants.ts HOLE_PUNCH_STRATEGIES):                       *)
(*   inside_callback             in N's invalidate callback for the UNMAP  *)
(*                               (update + insert_safe, both deferred to   *)
(*                               the last inv_end while the tree is odd)   *)
(*   outside_shrink_then_insert  the callback zaps and queues a work item; *)
(*                               a worker later shrinks, then inserts      *)
(*   outside_insert_then_shrink  the worker inserts, then shrinks          *)
(*   outside_remove_then_insert  amdkfd (§4.4): the worker, under          *)
(*                               mmap_write_lock, inserts the new right    *)
(*                               part, removes N (blocking remove) and     *)
(*                               inserts the shrunk N (insert_locked); the *)
(*                               device mappings of N are kept             *)
(* Outside the callback the worker (thread Mgr) holds mmap_write_lock and, *)
(* except amdkfd, the driver lock while it changes the intervals (Ralph:   *)
(* "I'm using the device driver lock to serialize ...").                   *)
(*                                                                         *)
(* Invalidations: the Unmappers run munmap (MMU_NOTIFY_UNMAP of a range in *)
(* UnmapRanges, holding mmap_write_lock); the other invalidators run an    *)
(* invalidation of a range in InvRanges that may not take mmap_lock at all *)
(* (reclaim, rmap-based migration: OtherInvMmapLock = FALSE) or holds      *)
(* mmap_read_lock (OtherInvMmapLock = TRUE).                               *)
(*                                                                         *)
(* The core steps, the callback's lock/set_seq/unlock, the mm's PTE change *)
(* and the fault path are the mainline actions of MirrorDriver.tla         *)
(* (instantiated, so their definitions are shared); this module adds the   *)
(* v6 API calls and the unmap handler.                                     *)
(***************************************************************************)
EXTENDS MMUNotifierV6Api, TLC

CONSTANTS
    Strategy,          \* a HOLE_PUNCH_STRATEGIES name
    Unmappers,         \* invalidator threads that run munmap
    UnmapRanges,       \* <<first, last>> page ranges a munmap may cover
    InitTree,          \* subscriptions inserted (while idle) in the initial state
    OtherInvMmapLock   \* do the other invalidators hold mmap_read_lock?

VARIABLES
    hp,     \* hp[t].ops: the driver's remaining interval operations (unmap handler plan)
    work,   \* the driver's work queue of unmap items [sub, start, last] (outside strategies)
    mmap,   \* mmap_lock: [writer, readers]
    vma     \* pages still mapped (munmap removes its range)

hpVars == <<upd, relq, hp, work, mmap, vma>>
allVars == <<vars, hpVars>>
\* Every variable except the lastAction ghost.
HPView == <<View, hpVars>>

\* The mainline actions, on the same constants and variables.
C == INSTANCE MirrorDriver
CU == INSTANCE MirrorDriver WITH InvRanges <- UnmapRanges

Inside == Strategy = "inside_callback"
Amdkfd == Strategy = "outside_remove_then_insert"

(***************************************************************************)
(* The plan of dmirror_do_unmap() for interval n and the unmapped pages    *)
(* [b1, b2], read from n's current bounds (an update deferred earlier in   *)
(* the same epoch is not visible: start/last change only at inv_end).      *)
(* "new" stands for a dmirror_interval allocated (GFP_ATOMIC) for M.       *)
(***************************************************************************)
Op(api, n, s, l) == [api |-> api, sub |-> n, start |-> s, last |-> l]

UnmapPlan(n, b1, b2) ==
    LET a == subs[n].start
        c == subs[n].last
        left == Op("update", n, a, b1 - 1)
        right == Op("update", n, b2 + 1, c)
        newRight == Op("insert_safe", "new", b2 + 1, c)
    IN CASE b1 <= a /\ b2 >= c -> <<Op("remove_deferred", n, 0, 0)>>
         [] b1 <= a -> <<right>>
         [] b2 >= c -> <<left>>
         [] Strategy = "outside_insert_then_shrink" -> <<newRight, left>>
         [] OTHER -> <<left, newRight>>

\* amdkfd's deferred worker (svm_range_deferred_list_work): the split-off
\* right part is added first (its own new notifier), then the notifier of
\* the kept part is replaced: mmu_interval_notifier_remove, then
\* mmu_interval_notifier_insert_locked with the new bounds (a new id here).
AmdkfdPlan(n, b1, b2) ==
    LET a == subs[n].start
        c == subs[n].last
    IN CASE b1 <= a /\ b2 >= c -> <<Op("remove", n, 0, 0)>>
         [] b1 <= a -> <<Op("remove", n, 0, 0), Op("insert", "new", b2 + 1, c)>>
         [] b2 >= c -> <<Op("remove", n, 0, 0), Op("insert", "new", a, b1 - 1)>>
         [] OTHER -> <<Op("insert", "new", b2 + 1, c), Op("remove", n, 0, 0),
                       Op("insert", "new", a, b1 - 1)>>

\* The action that carries out an operation.
OpAction(o) ==
    CASE o.api = "update" -> "mmu_interval_notifier_update"
      [] o.api = "insert_safe" -> "mmu_interval_notifier_insert_safe"
      [] o.api = "insert" -> "mmu_interval_notifier_insert"
      [] o.api = "remove_deferred" -> "mmu_interval_notifier_remove_deferred"
      [] o.api = "remove" -> "mmu_interval_notifier_remove"

\* Where thread t goes when its plan is done.
AfterPlan(t) == IF t = Mgr THEN "unmap_work_done" ELSE "invalidate_unlock"

\* Start plan ops for thread t (its pc and hp).
StartPlan(t, ops) ==
    /\ hp' = [hp EXCEPT ![t].ops = ops]
    /\ pc' = [pc EXCEPT ![t] = IF ops = <<>> THEN AfterPlan(t) ELSE OpAction(Head(ops))]

\* Drop the head op of t and go on with the next one.
NextOp(t) == StartPlan(t, Tail(hp[t].ops))

\* The first unused dmirror_interval, or "none" (the allocation fails).
FreeSub == IF \E i \in 1..Len(SubList) : subs[SubList[i]].life = "unused"
           THEN SubList[CHOOSE i \in 1..Len(SubList) :
                          /\ subs[SubList[i]].life = "unused"
                          /\ \A j \in 1..(i - 1) : subs[SubList[j]].life # "unused"]
           ELSE NoId

MmapFree == mmap.writer = NoId /\ mmap.readers = {}

(***************************************************************************)
(* Invalidators                                                            *)
(***************************************************************************)

\* invalidate_range_start: munmap holds mmap_write_lock; the others hold
\* mmap_read_lock or nothing (reclaim).
mn_itree_inv_start_range(t) ==
    /\ IF t \in Unmappers
       THEN /\ MmapFree
            /\ CU!mn_itree_inv_start_range(t)
            \* munmap of an already unmapped range finds no VMA and invalidates nothing
            /\ \E p \in vma : InRange(p, inv'[t].start, inv'[t].last)
            /\ mmap' = [mmap EXCEPT !.writer = t]
       ELSE /\ C!mn_itree_inv_start_range(t)
            /\ IF OtherInvMmapLock
               THEN mmap.writer = NoId /\ mmap' = [mmap EXCEPT !.readers = @ \cup {t}]
               ELSE UNCHANGED mmap
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

invalidate_lock(t) == C!invalidate_lock(t) /\ UNCHANGED hpVars
invalidate_trylock_fail(t) == C!invalidate_trylock_fail(t) /\ UNCHANGED hpVars
mmu_interval_set_seq(t) == C!mmu_interval_set_seq(t) /\ UNCHANGED hpVars
invalidate_unlock(t) == C!invalidate_unlock(t) /\ UNCHANGED hpVars
\* munmap also removes the VMA of its range: later faults there fail.
mm_change_ptes(t) ==
    /\ C!mm_change_ptes(t)
    /\ vma' = IF t \in Unmappers THEN {p \in vma : ~InRange(p, inv[t].start, inv[t].last)} ELSE vma
    /\ UNCHANGED <<upd, relq, hp, work, mmap>>

\* dmirror_do_update(): erase the device entries of range ∩ interval; a
\* munmap then goes on to dmirror_do_unmap().
invalidate_zap(t) ==
    /\ pc[t] = "invalidate_zap"
    /\ LET n == inv[t].cursor
       IN spte' = [p \in Pages |->
                     IF InRange(p, inv[t].start, inv[t].last) /\ Covers(n, p) THEN 0 ELSE spte[p]]
    /\ pc' = [pc EXCEPT ![t] = IF t \in Unmappers THEN "dmirror_do_unmap" ELSE "invalidate_unlock"]
    /\ lastAction' = Act("invalidate_zap", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, inv, flt, mgr>>
    /\ UNCHANGED hpVars

\* dmirror_do_unmap() for MMU_NOTIFY_UNMAP, still in the callback under the
\* driver lock: plan the interval changes and make them now (inside), or
\* queue them for the driver's worker (outside strategies).
dmirror_do_unmap(t) ==
    /\ pc[t] = "dmirror_do_unmap"
    /\ LET n == inv[t].cursor
       IN IF Inside
          THEN /\ StartPlan(t, UnmapPlan(n, inv[t].start, inv[t].last))
               /\ UNCHANGED work
          ELSE /\ work' = Append(work, [sub |-> n, start |-> inv[t].start, last |-> inv[t].last])
               /\ pc' = [pc EXCEPT ![t] = "invalidate_unlock"]
               /\ UNCHANGED hp
    /\ lastAction' = Act("dmirror_do_unmap", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, mmap, vma>>

\* mn_itree_inv_end() of the v5/v6 series: the last end of an odd epoch
\* applies pending inserts, updates and removes in the critical section
\* that makes seq even.  munmap drops mmap_write_lock after its end, the
\* reader its read lock (modelled in this step).
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
    /\ mmap' = IF mmap.writer = t THEN [mmap EXCEPT !.writer = NoId]
               ELSE [mmap EXCEPT !.readers = @ \ {t}]
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
(* The v6 API calls of the plan, one critical section each.  Run by the    *)
(* invalidator inside its callback (inside_callback) or by the worker.     *)
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
\* (no unused dmirror_interval left) makes dmirror_do_unmap zap the right
\* part's device entries instead and rely on later faults.
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
\* notifier struct is inserted again by the next op, a new id here).
remove_return_free ==
    /\ pc[Mgr] = "remove_return_free"
    /\ mgr' = [sub |-> NoId, waitSeq |-> 0]
    /\ NextOp(Mgr)
    /\ lastAction' = Act("remove_return_free", Mgr, [sub |-> mgr.sub])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt>>
    /\ UNCHANGED <<upd, relq, work, mmap, vma>>

(***************************************************************************)
(* The driver's worker for the outside strategies (thread Mgr): take a    *)
(* queued unmap item under mmap_write_lock (and the driver lock, except    *)
(* amdkfd whose blocking remove must not hold a lock the callback takes),  *)
(* plan from the interval's current bounds, apply, unlock.                 *)
(***************************************************************************)
unmap_work_begin ==
    /\ pc[Mgr] = "idle"
    /\ work # <<>>
    /\ MmapFree
    /\ Amdkfd \/ ulock = NoId
    /\ LET it == Head(work)
       IN StartPlan(Mgr, IF Amdkfd THEN AmdkfdPlan(it.sub, it.start, it.last)
                                   ELSE UnmapPlan(it.sub, it.start, it.last))
    /\ work' = Tail(work)
    /\ mmap' = [mmap EXCEPT !.writer = Mgr]
    /\ ulock' = IF Amdkfd THEN ulock ELSE Mgr
    /\ lastAction' = Act("unmap_work_begin", Mgr, [sub |-> Head(work).sub])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, vma>>

unmap_work_done ==
    /\ pc[Mgr] = "unmap_work_done"
    /\ mmap' = [mmap EXCEPT !.writer = NoId]
    /\ ulock' = IF Amdkfd THEN ulock ELSE NoId
    /\ pc' = [pc EXCEPT ![Mgr] = "idle"]
    /\ lastAction' = Act("unmap_work_done", Mgr, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, flt, mgr>>
    /\ UNCHANGED <<upd, relq, hp, work, vma>>

(***************************************************************************)
(* The fault path, v6 dmirror: each attempt finds the interval that covers *)
(* the faulting page under the driver lock (mmu_interval_notifier_find: in *)
(* the tree, not being removed; the lock is dropped before read_begin); no *)
(* interval, the fault fails (-EFAULT).  Under the driver                  *)
(* lock the driver checks both read_retry and that the interval still     *)
(* covers the page (its bounds may have changed at an inv_end).            *)
(***************************************************************************)
Findable(n, p) == n \in tree /\ subs[n].life = "in_tree" /\ Covers(n, p)

mmu_interval_read_begin(t) ==
    /\ pc[t] \in {"idle", "mmu_interval_read_begin"}
    /\ SpinlockFree
    /\ ulock = NoId   \* the find runs under dmirror->mutex (taken and dropped here)
    /\ \E p \in Pages :
        /\ pc[t] = "mmu_interval_read_begin" => p = flt[t].page
        /\ IF \E n \in Subs : Findable(n, p)
           THEN \E n \in Subs :
                 /\ Findable(n, p)
                 /\ flt' = [flt EXCEPT ![t] = [@ EXCEPT !.sub = n, !.page = p,
                                                        !.s = C!ReadBeginValue(n),
                                                        !.snap = 0, !.tries = @ + 1]]
                 /\ pc' = [pc EXCEPT ![t] = IF C!ReadBeginSleeps(n) THEN "read_begin_wait"
                                                                   ELSE "hmm_range_fault"]
                 /\ lastAction' = Act("mmu_interval_read_begin", t, [sub |-> n, page |-> p])
           ELSE /\ pc[t] = "mmu_interval_read_begin"   \* a new fault needs a mapped interval
                /\ C!FaultFinish(t)
                /\ lastAction' = Act("mmu_interval_read_begin", t, [sub |-> NoId, page |-> p])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED hpVars

read_begin_wait(t) == C!read_begin_wait(t) /\ UNCHANGED hpVars
\* hmm_range_fault() on an unmapped page fails (-EFAULT, no VMA): the
\* fault gives up.
hmm_range_fault(t) ==
    /\ IF flt[t].page \in vma
       THEN C!hmm_range_fault(t)
       ELSE /\ pc[t] = "hmm_range_fault"
            /\ C!FaultFinish(t)
            /\ lastAction' = Act("hmm_range_fault", t, [page |-> flt[t].page])
            /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED hpVars
mmu_interval_check_retry(t) == C!mmu_interval_check_retry(t) /\ UNCHANGED hpVars
driver_lock(t) == C!driver_lock(t) /\ UNCHANGED hpVars
driver_commit(t) == C!driver_commit(t) /\ UNCHANGED hpVars

StillCovers(t) == flt[t].sub \in tree /\ Covers(flt[t].sub, flt[t].page)

\* Variant V6_fault_no_recheck: the driver trusts read_retry alone, although
\* the interval it found may have lost the page at an inv_end meanwhile.
mmu_interval_read_retry(t) ==
    /\ pc[t] = "mmu_interval_read_retry"
    /\ IF C!Collided(t) \/ (~Is("V6_fault_no_recheck") /\ ~StillCovers(t))
       THEN /\ ulock' = NoId
            /\ C!FaultRetry(t)
       ELSE /\ pc' = [pc EXCEPT ![t] = "driver_commit"]
            /\ UNCHANGED <<ulock, flt>>
    /\ lastAction' = Act("mmu_interval_read_retry", t, NoArgs)
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, inv, mgr>>
    /\ UNCHANGED hpVars

(***************************************************************************)
(* The system                                                              *)
(***************************************************************************)
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
    \/ unmap_work_done

\* All bounded work is done: the end of a behaviour, not a deadlock.
\* A munmap thread whose every range is already unmapped has nothing to do.
NothingToUnmap == ~\E r \in UnmapRanges : \E p \in vma : InRange(p, r[1], r[2])

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

(***************************************************************************)
(* Properties                                                              *)
(***************************************************************************)
PlanApis == {"update", "insert_safe", "insert", "remove_deferred", "remove"}

TypeOK ==
    /\ seq \in Nat /\ seq >= 2
    /\ active \in Nat
    /\ tree \subseteq Subs
    /\ deferred \in Seq(Subs)
    /\ waitq \subseteq Faulters \cup {Mgr}
    /\ subs \in [Subs -> [start : 0..NPages, last : 0..NPages, seq : Nat, life : LifeStates]]
    /\ pte \in [Pages -> Nat \ {0}]
    /\ spte \in [Pages -> Nat]
    /\ ulock \in Invalidators \cup Faulters \cup {Mgr, NoId}
    /\ upd \in [Subs -> [start : 0..NPages, last : 0..NPages]]
    /\ relq \in [Invalidators -> SUBSET Subs]
    /\ \A t \in PlanThreads : \A i \in 1..Len(hp[t].ops) : hp[t].ops[i].api \in PlanApis
    /\ mmap.writer \in Invalidators \cup {Mgr, NoId}
    /\ mmap.readers \subseteq Invalidators
    /\ vma \subseteq Pages

\* INV-1
OddSeqImpliesActive == IsOdd(seq) => active > 0
\* INV-2
DeferredOnlyWhileOdd == deferred # <<>> => IsOdd(seq)
\* INV-4 for a list: each interval is on deferred_list at most once
\* (a second hlist_add_head of a listed node corrupts the list).
DeferredListNoDuplicates == \A i, j \in 1..Len(deferred) : i # j => deferred[i] # deferred[j]
\* INV-3
InsertedSeqsOdd ==
    \A n \in Subs : subs[n].life \in {"pending_insert", "in_tree", "pending_remove"} => IsOdd(subs[n].seq)
\* A walker is on a node from its hitting inv_start_range to its last
\* iter_next; here that includes the unmap handler inside the callback.
HPWalking(t) == Walking(t) \/ pc[t] \in {"dmirror_do_unmap", "mmu_interval_notifier_update",
                                        "mmu_interval_notifier_insert_safe",
                                        "mmu_interval_notifier_remove_deferred"}
\* INV-5 (state part) and INV-6
WalkersOnlyWhileOdd == \A t \in Invalidators : HPWalking(t) => IsOdd(seq) /\ inv[t].curSeq = seq
\* INV-8
PendingInsertSeqIsEpoch == \A n \in Subs : subs[n].life = "pending_insert" => subs[n].seq = seq
\* INV-7: a freed interval is referenced by nothing.
NoUseAfterFree ==
    \A n \in Subs : subs[n].life = "freed" =>
        /\ n \notin tree
        /\ ~OnList(n)
        /\ \A t \in Invalidators : inv[t].cursor # n

\* No fault holds an interval whose release callback has freed it (INV-7 for
\* the fault path, which NoUseAfterFree leaves out): with remove_deferred the
\* release runs asynchronously, at the last inv_end, while a fault that found
\* the interval earlier may still be asleep in read_begin on it (Jason, 16 Jan
\* 2020: "The element could be on the deferred list and it could become freed
\* at any moment").
NoFaultUseAfterRelease ==
    \A t \in Faulters : flt[t].sub # NoId => subs[flt[t].sub].life # "freed"

\* SAFE-1: a device entry on a page covered by an interval always mirrors
\* the current CPU PTE.
NoStaleDeviceEntry == \A p \in Pages : Covered(p) /\ spte[p] # 0 => spte[p] = pte[p]

\* Coverage (the side condition of SAFE-1, §7.2): every device entry lies
\* inside an interval that the next walk will find.
NoCoverageLoss == \A p \in Pages : spte[p] # 0 => Covered(p)

\* Once no epoch is open and no interval change is in flight, the intervals
\* in the tree do not overlap (the driver keeps one interval per page).
Settled == active = 0 /\ ~IsOdd(seq) /\ work = <<>> /\ \A t \in PlanThreads : hp[t].ops = <<>>
Disjoint(m, n) == subs[m].last < subs[n].start \/ subs[n].last < subs[m].start
NoOverlapWhenSettled == Settled => \A m, n \in tree : m # n => Disjoint(m, n)

\* The tree never changes while a walker is on it (INV-5, action part).
TreeFrozenWhileWalked ==
    [][(\E t \in Invalidators : HPWalking(t)) => UNCHANGED <<tree, [n \in tree |-> <<subs[n].start, subs[n].last>>]>>]_allVars

=============================================================================
