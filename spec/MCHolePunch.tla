------------------------------ MODULE MCHolePunch ------------------------------
(***************************************************************************)
(* Model values for the hole-punch models (MCHolePunch*.cfg).              *)
(***************************************************************************)
EXTENDS HolePunchProperties

\* N = s1 covers pages 1..3 and is in the tree at the start; s2 is a spare
\* dmirror_interval for the right part M (and s3 for a second one).
MCSubList == <<"s1", "s2">>
MCSubStart == [n \in {"s1", "s2"} |-> IF n = "s1" THEN 1 ELSE 0]
MCSubLast == [n \in {"s1", "s2"} |-> IF n = "s1" THEN 3 ELSE 0]

MCSubList3 == <<"s1", "s2", "s3">>
MCSubStart3 == [n \in {"s1", "s2", "s3"} |-> IF n = "s1" THEN 1 ELSE 0]
MCSubLast3 == [n \in {"s1", "s2", "s3"} |-> IF n = "s1" THEN 3 ELSE 0]

\* Two unmaps of one interval: N = s1 covers pages 1..4.
MCSubList4 == <<"s1", "s2", "s3">>
MCSubStart4 == [n \in {"s1", "s2", "s3"} |-> IF n = "s1" THEN 1 ELSE 0]
MCSubLast4 == [n \in {"s1", "s2", "s3"} |-> IF n = "s1" THEN 4 ELSE 0]

MCInitTree == {"s1"}
\* munmap of page 2: punches a hole in N.
MCUnmapHole == {<<2, 2>>}
\* Every case of dmirror_do_unmap on N = [1, 3]: shrink to the right (page 1),
\* punch a hole (page 2), shrink to the left (page 3), remove whole (1..3);
\* a second munmap then hits what the first one left.
MCUnmapAll == {<<1, 1>>, <<2, 2>>, <<3, 3>>, <<1, 3>>}
\* Two unmaps of adjacent pages 2 and 3 of N = [1, 4].
MCUnmapTwo == {<<2, 2>>, <<3, 3>>}
\* The other (reclaim-like) invalidation: right part, or left part.
MCRight == {<<3, 3>>}
MCLeft == {<<1, 1>>}
MCLeftRight == {<<1, 1>>, <<3, 3>>}
=============================================================================
