--------------------------- MODULE MMUNotifierBase ---------------------------
(***************************************************************************)
(* Constants, variables and helpers shared by every module of the          *)
(* mmu_interval_notifier specification.                                    *)
(*                                                                         *)
(* The modelled system is one mm_struct with interval-notifier mode        *)
(* enabled (mmu_notifier_register(NULL, mm) has run), a CPU page table of  *)
(* NPages pages, and one mirror driver in the style of lib/test_hmm.c      *)
(* (dmirror) whose device page table mirrors those pages.  Threads:        *)
(*   - Invalidators: the core mm running invalidate_range_start/_end       *)
(*     (munmap, reclaim, migration, the OOM reaper for non-blockable ones) *)
(*   - Faulters: device faults running the collision-retry loop            *)
(*     (dmirror_range_fault)                                               *)
(*   - Mgr: the driver code that inserts and removes subscriptions         *)
(*                                                                         *)
(* Variable names and shapes are the JSON contract of                      *)
(* src/protocol/state.ts; change both together.                            *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Variant,       \* a name from src/protocol/variants.ts; "mainline" = the kernel since 2022
    NPages,        \* pages of the mm are 1..NPages
    SubList,       \* sequence of subscription ids; the index breaks ties of the tree order
    SubStart,      \* SubStart[n]: first page of subscription n (interval_tree.start)
    SubLast,       \* SubLast[n]: last page of n, inclusive (interval_tree.last)
    Invalidators,  \* threads running invalidate_range_start/_end
    Faulters,      \* threads running the driver's fault path
    Mgr,           \* the thread that inserts and removes subscriptions
    InvRanges,     \* set of <<start, last>> page ranges an invalidation may cover
    Blockable,     \* subset of BOOLEAN: MMU_NOTIFIER_RANGE_BLOCKABLE values allowed
    MaxInv,        \* invalidations per invalidator
    MaxFaults,     \* faults per faulter
    MaxTries       \* read_begin attempts per fault before it gives up (-EBUSY timeout)

VARIABLES
    seq,        \* subscriptions->invalidate_seq: 2 at allocation; odd = tree frozen
    active,     \* subscriptions->active_invalidate_ranges
    tree,       \* the interval tree: the set of subscriptions in subscriptions->itree
    deferred,   \* subscriptions->deferred_list, as a set (order is irrelevant, see README)
    waitq,      \* tasks asleep on subscriptions->wq
    subs,       \* subs[n] = [start, last, seq, life]: struct mmu_interval_notifier + ghost
    pte,        \* CPU page table: pte[p] is the version of page p's mapping
    spte,       \* device page table: spte[p] = version mirrored, 0 = no entry
    ulock,      \* the driver's lock (dmirror->mutex): holder or "none"
    pc,         \* pc[t]: label of thread t's next step
    inv,        \* inv[t]: locals of invalidator t
    flt,        \* flt[t]: locals of faulter t
    mgr,        \* locals of the manager
    lastAction  \* ghost: [name, thread, args] of the step that produced this state

vars == <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr, lastAction>>

\* Every variable except the lastAction ghost (used as VIEW by checking models).
View == <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, pc, inv, flt, mgr>>

NoId == "none"
NoArgs == <<>>   \* an action without arguments; JSON {}

Pages == 1..NPages
Subs == {SubList[i] : i \in 1..Len(SubList)}
Threads == Invalidators \cup Faulters \cup {Mgr}

\* The lifecycle ghost of a subscription (docs/kernel-protocol.md §7.1, INV-4 / INV-7).
LifeStates == {"unused", "pending_insert", "in_tree", "pending_remove", "removed", "freed"}
\* Subscriptions the driver has inserted and not yet asked to remove.
Live == {n \in Subs : subs[n].life \in {"pending_insert", "in_tree"}}

IsOdd(x) == x % 2 = 1
\* seq |= 1
SetOdd(x) == IF IsOdd(x) THEN x ELSE x + 1

Is(v) == Variant = v

Act(name, t, args) == [name |-> name, thread |-> t, args |-> args]

(***************************************************************************)
(* The interval tree.  Order is by start, ties broken by the position in  *)
(* SubList (a stand-in for the rb-tree's position).  Bounds are inclusive, *)
(* like interval_tree_node; an invalidation's [start, end) range is        *)
(* looked up as [start, end - 1], here <<first page, last page>>.          *)
(***************************************************************************)
Rank(n) == CHOOSE i \in 1..Len(SubList) : SubList[i] = n
Before(m, n) == \/ subs[m].start < subs[n].start
                \/ subs[m].start = subs[n].start /\ Rank(m) < Rank(n)
Intersects(n, a, b) == subs[n].start <= b /\ a <= subs[n].last
Covers(n, p) == subs[n].start <= p /\ p <= subs[n].last
InRange(p, a, b) == a <= p /\ p <= b

\* The first node of H in tree order, or "none".
FirstOf(H) == IF H = {} THEN NoId ELSE CHOOSE n \in H : \A m \in H \ {n} : Before(n, m)

\* interval_tree_iter_first(itree, a, b)
IterFirst(a, b) == FirstOf({n \in tree : Intersects(n, a, b)})
\* interval_tree_iter_next(node, a, b): the next intersecting node after c in tree order
IterNext(c, a, b) == FirstOf({n \in tree : Intersects(n, a, b) /\ Before(c, n)})

\* Pages covered by a subscription in the tree (the driver mirrors only those).
Covered(p) == \E n \in tree : Covers(n, p)

(***************************************************************************)
(* Program counters.  pc[t] is the name of the action t takes next, or one *)
(* of "idle" / "done".  Lists per thread kind (also in state.ts):          *)
(***************************************************************************)
InvPcs == {"idle", "invalidate_lock", "mmu_interval_set_seq", "invalidate_zap",
           "invalidate_unlock", "mm_change_ptes", "mn_itree_inv_end",
           "mn_itree_inv_end_apply_deferred", "wake_up_all", "done"}
FltPcs == {"idle", "mmu_interval_read_begin", "read_begin_wait", "hmm_range_fault",
           "driver_lock", "mmu_interval_read_retry", "driver_commit", "done"}
MgrPcs == {"idle", "remove_wait", "remove_return_free"}

\* An invalidator between a hitting inv_start_range and its last iter_next.
Walking(t) == pc[t] \in {"invalidate_lock", "mmu_interval_set_seq", "invalidate_zap", "invalidate_unlock"}

=============================================================================
