-------------------------- MODULE MMUNotifierV6Api --------------------------
(***************************************************************************)
(* The interval-notifier API of Ralph Campbell's v5/v6 series "make        *)
(* interval notifier updates safe" (Dec 2019 / Jan 2020, never merged;     *)
(* docs/kernel-protocol.md §5.2, §5.3, tree [RC]), as an extension of the  *)
(* mainline core:                                                          *)
(*   - mmu_interval_notifier_insert_safe(): the insert critical section    *)
(*     without the registration step, callable from a callback;            *)
(*   - mmu_interval_notifier_update(): change the bounds; applied at once  *)
(*     while the tree is not frozen, otherwise recorded in updated_start/  *)
(*     updated_last and deferred to the last inv_end ("last caller wins"  *)
(*     when several callers update the same interval in one epoch);        *)
(*   - mmu_interval_notifier_remove_deferred() (v6 "put"): non-blocking    *)
(*     remove; ops->release() is called once the interval has left the     *)
(*     tree (at once, or after the last inv_end);                          *)
(*   - mn_itree_inv_end() that applies pending inserts, updates and        *)
(*     removes in one critical section, then wakes the sleepers and calls  *)
(*     the release callbacks of the removed intervals.                     *)
(*                                                                         *)
(* Unlike the mainline modules, deferred_list is a sequence here (the      *)
(* hlist, head first), so that the order in which mn_itree_inv_end walks   *)
(* it can be varied (variant deferred_fifo).  The operators below are the  *)
(* state changes of each critical section; the driver module              *)
(* (HolePunch.tla) decides who calls them and when.                        *)
(***************************************************************************)
EXTENDS MMUNotifierVariants

VARIABLES
    upd,   \* upd[n] = [start, last]: pending update of n (updated_start/_last); start = 0: none
    relq   \* relq[t]: the local removed_list of t's last inv_end, released after the unlock

NoUpd == [start |-> 0, last |-> 0]
HasUpd(n) == upd[n].start # 0

\* mn_itree_is_invalidating(): the tree is being walked and must not change.
Invalidating == IsOdd(seq)

\* deferred_list as a sequence, head first (hlist_add_head, hlist_del).
OnList(n) == \E i \in 1..Len(deferred) : deferred[i] = n
ListSet == {deferred[i] : i \in 1..Len(deferred)}
Push(n) == <<n>> \o deferred
Unlink(n) == SelectSeq(deferred, LAMBDA m : m # n)
\* RB_EMPTY_NODE() on a listed node: its insert is still pending.
PendingInsert(n) == OnList(n) /\ n \notin tree

(***************************************************************************)
(* __mmu_interval_notifier_insert(), reached through insert_safe (or       *)
(* mainline insert / insert_locked): the three cases of §1.3 with the      *)
(* bounds given by the caller.  Same critical section as the mainline     *)
(* MMUNotifierCore!mmu_interval_notifier_insert.                           *)
(***************************************************************************)
InsertEffect(n, s, l) ==
    LET defer == active > 0 /\ IsOdd(seq)        \* fully excluded: defer
        bump == active > 0 /\ ~IsOdd(seq)        \* partially excluded: seq |= 1
        nseq == IF active = 0 THEN seq - 1 ELSE SetOdd(seq)
    IN /\ seq' = IF bump THEN seq + 1 ELSE seq
       /\ tree' = IF defer THEN tree ELSE tree \cup {n}
       /\ deferred' = IF defer THEN Push(n) ELSE deferred
       /\ subs' = [subs EXCEPT ![n] = [start |-> s, last |-> l, seq |-> nseq,
                                       life |-> IF defer THEN "pending_insert" ELSE "in_tree"]]
       /\ UNCHANGED upd

(***************************************************************************)
(* mmu_interval_notifier_update(sub, start, last), v5 1/2 and [RC]:        *)
(*   pending insert:  edit start/last in place (the insert is not applied) *)
(*   invalidating:    record updated_start/_last (the last caller wins),   *)
(*                    put sub on deferred_list once                        *)
(*   otherwise:       interval_tree_remove, change bounds, insert, now     *)
(* Only an interval the driver still owns (in the tree or pending insert)  *)
(* can be updated.                                                         *)
(***************************************************************************)
UpdateEnabled(n) == subs[n].life \in {"pending_insert", "in_tree"}

UpdateEffect(n, s, l) ==
    CASE PendingInsert(n) ->
            /\ subs' = [subs EXCEPT ![n].start = s, ![n].last = l]
            /\ UNCHANGED <<seq, tree, deferred, upd>>
      [] Invalidating ->
            /\ upd' = [upd EXCEPT ![n] = [start |-> s, last |-> l]]
            /\ deferred' = IF OnList(n) THEN deferred ELSE Push(n)
            /\ UNCHANGED <<seq, tree, subs>>
      [] OTHER ->
            /\ subs' = [subs EXCEPT ![n].start = s, ![n].last = l]
            /\ UNCHANGED <<seq, tree, deferred, upd>>

(***************************************************************************)
(* mmu_interval_notifier_remove_deferred(sub) (v6 "put", [RC]): never      *)
(* waits.  The release callback runs at once when the interval can leave   *)
(* the tree now, else from the last inv_end.  Here "release" frees the     *)
(* driver's structure: life becomes "freed".                               *)
(*   invalidating, pending insert: hlist_del (cancel), release now         *)
(*   invalidating, in the tree:    pending remove (a pending update is     *)
(*                                 dropped: the listed item now removes)   *)
(*   otherwise:                    interval_tree_remove now, release now   *)
(***************************************************************************)
RemoveDeferredEffect(n) ==
    CASE Invalidating /\ PendingInsert(n) ->
            /\ deferred' = Unlink(n)
            /\ subs' = [subs EXCEPT ![n].life = "freed"]
            /\ UNCHANGED <<seq, tree, upd>>
      [] Invalidating ->
            /\ deferred' = IF OnList(n) THEN deferred ELSE Push(n)
            /\ upd' = [upd EXCEPT ![n] = NoUpd]
            /\ subs' = [subs EXCEPT ![n].life = "pending_remove"]
            /\ UNCHANGED <<seq, tree>>
      [] OTHER ->
            /\ tree' = tree \ {n}
            /\ subs' = [subs EXCEPT ![n].life = "freed"]
            /\ UNCHANGED <<seq, deferred, upd>>

(***************************************************************************)
(* mmu_interval_notifier_remove(sub), mainline (blocking), on the list     *)
(* representation of this module.  Returns the wait_seq (0: no wait).      *)
(***************************************************************************)
RemoveWaitSeq(n) == IF Invalidating /\ ~PendingInsert(n) THEN seq ELSE 0

RemoveEffect(n) ==
    CASE Invalidating /\ PendingInsert(n) ->
            /\ deferred' = Unlink(n)
            /\ subs' = [subs EXCEPT ![n].life = "removed"]
            /\ UNCHANGED <<seq, tree, upd>>
      [] Invalidating ->
            /\ deferred' = IF OnList(n) THEN deferred ELSE Push(n)
            /\ upd' = [upd EXCEPT ![n] = NoUpd]
            /\ subs' = [subs EXCEPT ![n].life = "pending_remove"]
            /\ UNCHANGED <<seq, tree>>
      [] OTHER ->
            /\ tree' = tree \ {n}
            /\ subs' = [subs EXCEPT ![n].life = "removed"]
            /\ UNCHANGED <<seq, deferred, upd>>

(***************************************************************************)
(* The deferred-list loop of the last mn_itree_inv_end(), one item after   *)
(* the other, in list order (head first = LIFO, mainline) or reversed      *)
(* (FIFO, variant deferred_fifo).  For each item, hlist_del and:           *)
(*   RB_EMPTY_NODE:      interval_tree_insert (pending insert)             *)
(*   pending update:     interval_tree_remove, bounds := updated_*,        *)
(*                       interval_tree_insert                              *)
(*   otherwise:          interval_tree_remove; with ops->release, move to  *)
(*                       the local removed_list (released after unlock)    *)
(* The fold works on a record of the state it changes, so that a          *)
(* duplicate item or an order dependence would show in the result.         *)
(***************************************************************************)
ApplyItem(st, n) ==
    IF n \notin st.tree
    THEN [st EXCEPT !.tree = @ \cup {n}, !.subs[n].life = "in_tree"]
    ELSE IF st.upd[n].start # 0
         THEN [st EXCEPT !.subs[n].start = st.upd[n].start, !.subs[n].last = st.upd[n].last,
                         !.upd[n] = NoUpd]
         ELSE [st EXCEPT !.tree = @ \ {n}, !.subs[n].life = "removed", !.rel = @ \cup {n}]

RECURSIVE ApplyList(_, _)
ApplyList(st, L) == IF L = <<>> THEN st ELSE ApplyList(ApplyItem(st, Head(L)), Tail(L))

RECURSIVE Reverse(_)
Reverse(L) == IF L = <<>> THEN <<>> ELSE Reverse(Tail(L)) \o <<Head(L)>>

\* The walk order of the deferred list.
WalkOrder == IF DeferredWalkFifo THEN Reverse(deferred) ELSE deferred

\* The state changes of the deferred loop, removed_list of thread t included.
ApplyDeferredList(t) ==
    LET res == ApplyList([tree |-> tree, subs |-> subs, upd |-> upd, rel |-> {}], WalkOrder)
    IN /\ tree' = res.tree
       /\ subs' = res.subs
       /\ upd' = res.upd
       /\ relq' = [relq EXCEPT ![t] = res.rel]
       /\ deferred' = <<>>

=============================================================================
