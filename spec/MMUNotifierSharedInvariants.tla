---------------------- MODULE MMUNotifierSharedInvariants ----------------------
(***************************************************************************)
(* The invariants that hold word for word in the mainline spec            *)
(* (MMUNotifierProperties) and in the hole-punch family: they read only    *)
(* variables of MMUNotifierBase whose shape both share (seq, active, subs, *)
(* pte, spte, tree), not deferred (a set in mainline, a sequence in the    *)
(* v6 modules) nor the program counters.  A module checking them EXTENDS   *)
(* this one.                                                               *)
(***************************************************************************)
EXTENDS MMUNotifierBase

\* INV-1: an odd invalidate_seq means some invalidation is running
\* ("fully excluded" needs active_invalidate_ranges != 0).
OddSeqImpliesActive == IsOdd(seq) => active > 0

\* INV-3: every inserted subscription's seq is odd ("always odd"), so it
\* never equals an idle (even) global seq.
InsertedSeqsOdd ==
    \A n \in Subs : subs[n].life \in {"pending_insert", "in_tree", "pending_remove"}
                    => IsOdd(subs[n].seq)

\* INV-8: a pending insert carries the open epoch's seq, so read_begin on it
\* sleeps until the insert is applied.
PendingInsertSeqIsEpoch ==
    \A n \in Subs : subs[n].life = "pending_insert" => subs[n].seq = seq

\* SAFE-1: on a page covered by a subscription in the tree, a device entry
\* always mirrors the current CPU PTE (no stale device mapping).
NoStaleDeviceEntry == \A p \in Pages : Covered(p) /\ spte[p] # 0 => spte[p] = pte[p]

\* Coverage (the side condition of SAFE-1): every device entry lies inside
\* an interval that the next walk will find.
NoCoverageLoss == \A p \in Pages : spte[p] # 0 => Covered(p)

=============================================================================
