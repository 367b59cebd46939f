--------------------------------- MODULE MC ---------------------------------
(***************************************************************************)
(* Model values for the checking models (MC*.cfg).  Thread and             *)
(* subscription ids are strings, as in the JSON contract.                  *)
(***************************************************************************)
EXTENDS MMUNotifierProperties, TLC

\* Invalidator ids: model values in the symmetric safety models, the strings
\* "i1"/"i2" elsewhere.
CONSTANTS i1, i2

\* Two subscriptions over two pages: s1 = [1, 1], s2 = [1, 2] (overlapping,
\* so an invalidation of page 1 walks two callbacks).
MCSubList == <<"s1", "s2">>
MCSubStart == [n \in {"s1", "s2"} |-> 1]
MCSubLast == [n \in {"s1", "s2"} |-> IF n = "s1" THEN 1 ELSE 2]

\* One subscription over two pages.
MCOneSubList == <<"s1">>
MCOneSubStart == [n \in {"s1"} |-> 1]
MCOneSubLast == [n \in {"s1"} |-> 2]

\* Invalidation ranges <<first page, last page>>.
MCRanges == {<<1, 1>>, <<2, 2>>, <<1, 2>>}
MCRangesSmall == {<<1, 1>>, <<2, 2>>}
MCRangeOne == {<<1, 1>>}

\* Symmetry of the invalidators (safety models only).
MCInvSymmetry == Permutations({i1, i2})
=============================================================================
