--------------------------- MODULE HolePunchProperties ---------------------------
(***************************************************************************)
(* The properties the hole-punch models check.  The structural invariants  *)
(* and SAFE-1 are those of MMUNotifierProperties.tla, instantiated on this *)
(* module's state (deferred_list is a sequence here: its set of elements   *)
(* stands for the mainline set); the rest concern the v6 API, the unmap    *)
(* handler and interval coverage.                                          *)
(***************************************************************************)
EXTENDS HolePunch

P == INSTANCE MMUNotifierProperties WITH deferred <- ListSet

\* The v6 API calls and the unmap handler are part of the walk: the
\* callback that runs them is still on its node.
HPWalking(t) == Walking(t) \/ pc[t] \in {"dmirror_do_unmap", "mmu_interval_notifier_update",
                                        "mmu_interval_notifier_insert_safe",
                                        "mmu_interval_notifier_remove_deferred"}

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
    \* only the worker holds mmap_write_lock across steps (munmap downgrades)
    /\ mmap.writer \in {Mgr, NoId}
    /\ mmap.readers \subseteq Invalidators \cup Faulters
    /\ vma \subseteq Pages

\* INV-1, INV-2, INV-3, INV-8 and SAFE-1 of the mainline module.
OddSeqImpliesActive == P!OddSeqImpliesActive
DeferredOnlyWhileOdd == P!DeferredOnlyWhileOdd
InsertedSeqsOdd == P!InsertedSeqsOdd
PendingInsertSeqIsEpoch == P!PendingInsertSeqIsEpoch
NoStaleDeviceEntry == P!NoStaleDeviceEntry

\* INV-4 for a list: each interval is on deferred_list at most once
\* (a second hlist_add_head of a listed node corrupts the list).
DeferredListNoDuplicates == \A i, j \in 1..Len(deferred) : i # j => deferred[i] # deferred[j]

\* INV-5 (state part) and INV-6, with the unmap handler counted as walking.
WalkersOnlyWhileOdd == \A t \in Invalidators : HPWalking(t) => IsOdd(seq) /\ inv[t].curSeq = seq

\* INV-7: a freed interval is referenced by no list, tree or walk.  (Faults
\* are left to NoFaultUseAfterRelease: the v6 release can free under them.)
NoUseAfterFree ==
    \A n \in Subs : subs[n].life = "freed" =>
        /\ n \notin tree
        /\ ~OnList(n)
        /\ \A t \in Invalidators : inv[t].cursor # n

\* No fault holds an interval whose release callback has freed it (INV-7 for
\* the fault path): with remove_deferred the release runs asynchronously, at
\* the last inv_end, while a fault that found the interval earlier may still
\* use it (Jason Gunthorpe, 16 Jan 2020: the element "could become freed at
\* any moment").
NoFaultUseAfterRelease ==
    \A t \in Faulters : flt[t].sub # NoId => subs[flt[t].sub].life # "freed"

\* Coverage (MMUNotifierSharedInvariants).
NoCoverageLoss == P!NoCoverageLoss

\* Once no epoch is open and no interval change is in flight, the intervals
\* in the tree do not overlap (the driver keeps one interval per page).
Settled == active = 0 /\ ~IsOdd(seq) /\ work = <<>> /\ \A t \in PlanThreads : hp[t].ops = <<>>
Disjoint(m, n) == subs[m].last < subs[n].start \/ subs[n].last < subs[m].start
NoOverlapWhenSettled == Settled => \A m, n \in tree : m # n => Disjoint(m, n)

\* The tree never changes while a walker is on it (INV-5, action part).
TreeFrozenWhileWalked ==
    [][(\E t \in Invalidators : HPWalking(t)) => UNCHANGED <<tree, [n \in tree |-> <<subs[n].start, subs[n].last>>]>>]_allVars

=============================================================================
