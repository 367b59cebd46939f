------------------------------- MODULE MCOwnerSkip -------------------------------
(***************************************************************************)
(* Model values for the owner-skip models (spec/models/ownerskip/*.cfg).   *)
(***************************************************************************)
EXTENDS OwnerSkip, TLC

\* dmirror's one subscription (dmirror_fops_open: 0 .. ULONG_MAX) over the pages.
MCSubList == <<"s1">>
MCSubStart == [n \in {"s1"} |-> 1]
MCSubLast == [n \in {"s1"} |-> NPages]
MCInitTree == {"s1"}

\* The migrator's one-page ranges.
MCPage1 == {<<1, 1>>}
MCPages12 == {<<1, 1>>, <<2, 2>>}
=============================================================================
