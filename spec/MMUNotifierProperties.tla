-------------------------- MODULE MMUNotifierProperties --------------------------
(***************************************************************************)
(* The properties of docs/kernel-protocol.md §7: type correctness, the     *)
(* structural invariants INV-1..INV-8, the mirror's safety (SAFE-1/2), no  *)
(* use after free, and liveness LIVE-1..LIVE-5 (under FairSpec).  INV-1,   *)
(* INV-3, INV-8 and SAFE-1 are in MMUNotifierSharedInvariants (shared with *)
(* the hole-punch family).                                                 *)
(***************************************************************************)
EXTENDS MMUNotifier, MMUNotifierSharedInvariants

ActionNames ==
    {"Init", "mn_itree_inv_start_range", "invalidate_lock", "invalidate_trylock_fail",
     "mmu_interval_set_seq", "invalidate_zap", "invalidate_unlock", "mm_change_ptes",
     "mn_itree_inv_end", "mn_itree_inv_end_apply_deferred", "wake_up_all",
     "mmu_interval_read_begin", "read_begin_wait", "hmm_range_fault",
     "mmu_interval_check_retry", "driver_lock", "mmu_interval_read_retry", "driver_commit",
     "mmu_interval_notifier_insert", "mmu_interval_notifier_remove", "remove_wait",
     "remove_return_free"}

\* Every variable has the shape of src/protocol/state.ts.
TypeOK ==
    /\ seq \in Nat /\ seq >= 2
    /\ active \in Nat
    /\ tree \subseteq Subs
    /\ deferred \subseteq Subs
    /\ waitq \subseteq Faulters \cup {Mgr}
    /\ subs \in [Subs -> [start : Pages, last : Pages, seq : Nat, life : LifeStates]]
    /\ pte \in [Pages -> Nat \ {0}]
    /\ spte \in [Pages -> Nat]
    /\ ulock \in Invalidators \cup Faulters \cup {NoId}
    /\ \A t \in Invalidators : pc[t] \in InvPcs \cup ExtraInvPcs
    /\ \A t \in Faulters : pc[t] \in FltPcs
    /\ pc[Mgr] \in MgrPcs
    /\ inv \in [Invalidators -> [start : 0..NPages, last : 0..NPages, blockable : BOOLEAN,
                                 curSeq : Nat, cursor : Subs \cup {NoId}, done : 0..MaxInv]]
    /\ flt \in [Faulters -> [sub : Subs \cup {NoId}, page : 0..NPages, s : Nat,
                             snap : Nat, tries : 0..MaxTries, done : 0..MaxFaults]]
    /\ mgr \in [sub : Subs \cup {NoId}, waitSeq : Nat]
    /\ lastAction.name \in ActionNames \cup ExtraActionNames
    /\ lastAction.thread \in Threads \cup {NoId}

(***************************************************************************)
(* Structural invariants (docs/kernel-protocol.md §7.1)                    *)
(***************************************************************************)

\* INV-1 (OddSeqImpliesActive): MMUNotifierSharedInvariants.

\* INV-2: the deferred list is non-empty only while the tree is frozen; the
\* last inv_end empties it in the step that makes seq even.
DeferredOnlyWhileOdd == deferred # {} => IsOdd(seq)

\* INV-3 (InsertedSeqsOdd): MMUNotifierSharedInvariants.

\* INV-4: a deferred node not in the tree is a pending insert, one in the
\* tree a pending remove; the lifecycle ghost agrees with tree/list membership.
LifecycleMatchesTreeAndList ==
    \A n \in Subs :
        /\ n \in deferred /\ n \notin tree => subs[n].life = "pending_insert"
        /\ n \in deferred /\ n \in tree => subs[n].life = "pending_remove"
        /\ n \notin deferred /\ n \in tree => subs[n].life = "in_tree"
        /\ n \notin deferred /\ n \notin tree => subs[n].life \in {"unused", "removed", "freed"}

\* INV-5 (state part): a walk exists only while seq is odd.
WalkersOnlyWhileOdd == \A t \in Invalidators : Walking(t) => IsOdd(seq)

\* INV-5 (action part): the tree never changes while a walker is on it.
TreeFrozenWhileWalked == [][(\E t \in Invalidators : Walking(t)) => UNCHANGED tree]_vars

\* INV-6: all walkers of an epoch hand the same cur_seq, the epoch's seq, to
\* the callbacks.
WalkersShareEpochSeq == \A t \in Invalidators : Walking(t) => inv[t].curSeq = seq

\* INV-7 / no use after free: a freed subscription is in neither the tree
\* nor the deferred list, no walk is positioned on it and no fault uses it.
NoUseAfterFree ==
    \A n \in Subs : subs[n].life = "freed" =>
        /\ n \notin tree
        /\ n \notin deferred
        /\ \A t \in Invalidators : inv[t].cursor # n
        /\ \A t \in Faulters : flt[t].sub # n

\* INV-7: mmu_interval_notifier_remove returns only when the subscription is
\* out of the tree and off the deferred list and no walk is positioned on it.
RemoveReturnsUnlinked ==
    pc[Mgr] = "remove_return_free" =>
        /\ mgr.sub \notin tree
        /\ mgr.sub \notin deferred
        /\ \A t \in Invalidators : inv[t].cursor # mgr.sub

\* INV-8 (PendingInsertSeqIsEpoch): MMUNotifierSharedInvariants.

\* The driver lock has at most one holder, and holds only where it should.
DriverLockHeldInCriticalSections ==
    \A t \in Threads :
        pc[t] \in {"mmu_interval_set_seq", "invalidate_zap", "invalidate_unlock",
                   "mmu_interval_read_retry", "driver_commit"} => ulock = t

(***************************************************************************)
(* Mirror safety (docs/kernel-protocol.md §7.2)                            *)
(***************************************************************************)

\* SAFE-1 (NoStaleDeviceEntry): MMUNotifierSharedInvariants.

\* SAFE-2: when an invalidation is about to change the PTEs of its range,
\* no covered page in that range has a device entry left.
ZappedBeforeMutate ==
    \A t \in Invalidators : pc[t] = "mm_change_ptes" =>
        \A p \in Pages : InRange(p, inv[t].start, inv[t].last) /\ Covered(p) => spte[p] = 0

\* Coverage as mainline's driver keeps it (the strict NoCoverageLoss of
\* MMUNotifierSharedInvariants fails here, 8 states): every device entry lies
\* in an interval of the tree, except the entries of the interval whose remove
\* is under way: mmu_interval_notifier_remove takes it out of the tree at once,
\* and the driver drops its entries only after remove returns
\* (dmirror_fops_release; remove_return_free here). No walk finds them then.
RemovedInterval(p) == pc[Mgr] # "idle" /\ Covers(mgr.sub, p)
NoCoverageLossOutsideRemove == \A p \in Pages : spte[p] # 0 => Covered(p) \/ RemovedInterval(p)

(***************************************************************************)
(* Liveness (docs/kernel-protocol.md §7.3), checked under FairSpec: weak   *)
(* fairness per thread and bounded work, so every invalidation that starts *)
(* ends and eventually none is active.                                     *)
(***************************************************************************)
Sleepers == Faulters \cup {Mgr}
\* The seq a sleeper waits to see changed.
WaitValue(t) == IF t = Mgr THEN mgr.waitSeq ELSE flt[t].s

\* LIVE-1: a task asleep on s is woken once seq # s (no lost wakeup).
NoLostWakeup == \A t \in Sleepers : (t \in waitq /\ seq # WaitValue(t)) ~> t \notin waitq

\* LIVE-2: an open write epoch eventually closes.
EpochCloses == IsOdd(seq) ~> ~IsOdd(seq)

\* LIVE-3: mmu_interval_read_begin returns.
ReadBeginReturns == \A t \in Faulters : pc[t] = "read_begin_wait" ~> pc[t] # "read_begin_wait"

\* LIVE-4: mmu_interval_notifier_remove returns.
RemoveReturns == pc[Mgr] = "remove_wait" ~> pc[Mgr] = "remove_return_free"

\* LIVE-5: a deferred insert or remove is eventually applied.
DeferredApplied == \A n \in Subs : n \in deferred ~> n \notin deferred

\* LIVE-5, safety half: the deferred list is applied by the first step that
\* closes the epoch (odd -> even), not later.
DeferredAppliedWhenEpochCloses == [][IsOdd(seq) /\ ~IsOdd(seq') => deferred' = {}]_vars

=============================================================================
