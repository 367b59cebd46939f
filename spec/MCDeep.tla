------------------------------- MODULE MCDeep -------------------------------
(***************************************************************************)
(* Model values of the deep profile (models/deep/*.cfg, outside CI) and of *)
(* the large simulation models (models/simulate/*.cfg).  Extends MC, so    *)
(* the CI models and their state counts are untouched.                     *)
(***************************************************************************)
EXTENDS MC

\* Faulter ids: model values in the deep safety models, so that they can be
\* symmetric; i1, i2 of MC are the invalidators.
CONSTANTS f1, f2

\* Three subscriptions over two pages: s1 = [1, 1], s2 = [1, 2], s3 = [2, 2]
\* (an invalidation of page 2 now walks two callbacks as well).
MCThreeSubList == <<"s1", "s2", "s3">>
MCThreeSubStart == [n \in {"s1", "s2", "s3"} |-> IF n = "s3" THEN 2 ELSE 1]
MCThreeSubLast == [n \in {"s1", "s2", "s3"} |-> IF n = "s1" THEN 1 ELSE 2]

\* Symmetry of the two faulters alone.
MCFltSymmetry == Permutations({f1, f2})
\* Symmetry of the invalidators and of the faulters: every pair of a
\* permutation of each (the product group, 4 permutations).
MCInvFltSymmetry == {p @@ q : p \in Permutations({i1, i2}), q \in Permutations({f1, f2})}

(***************************************************************************)
(* Large simulation bounds (far above the exhaustive ones): 4 invalidators *)
(* (strings: simulation needs no symmetry), 3 faulters, 4 subscriptions   *)
(* over 6 pages: s1 = [1, 2], s2 = [2, 4], s3 = [4, 6], s4 = [1, 6]; every *)
(* page is in two or more of them.                                         *)
(***************************************************************************)
LargeInvalidators == {"i1", "i2", "i3", "i4"}
LargeFaulters == {"f1", "f2", "f3"}
LargeSubList == <<"s1", "s2", "s3", "s4">>
LargeSubStart == ("s1" :> 1) @@ ("s2" :> 2) @@ ("s3" :> 4) @@ ("s4" :> 1)
LargeSubLast == ("s1" :> 2) @@ ("s2" :> 4) @@ ("s3" :> 6) @@ ("s4" :> 6)
\* One page, a pair, a range across subscriptions, and the whole mm.
LargeRanges == {<<1, 1>>, <<3, 4>>, <<2, 5>>, <<6, 6>>, <<1, 6>>}
=============================================================================
