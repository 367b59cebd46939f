------------------------------ MODULE HolePunchPlan ------------------------------
(***************************************************************************)
(* What a driver does to its intervals when part of an interval N = [a, c] *)
(* is unmapped: the list of interval operations ("the plan") of the unmap  *)
(* handler, per driver and strategy.  Plans are read from N's current      *)
(* bounds (an update deferred earlier in the same epoch is not visible:    *)
(* start/last change only at inv_end).  "new" stands for a structure the   *)
(* operation allocates.                                                    *)
(*                                                                         *)
(* Strategy (src/protocol/variants.ts HOLE_PUNCH_STRATEGIES):              *)
(*   inside_callback             Ralph Campbell's dmirror_do_unmap() (v6   *)
(*                               lib/test_hmm.c): update + insert_safe in  *)
(*                               N's callback, deferred to the last inv_end *)
(*   outside_shrink_then_insert  the same operations made later by a       *)
(*                               worker, shrink first                      *)
(*   outside_insert_then_shrink  the worker inserts first                  *)
(*   outside_remove_then_insert  amdkfd (kfd_svm.c): the worker inserts    *)
(*                               the split-off right part, then replaces   *)
(*                               the kept part's notifier (remove, then    *)
(*                               insert_locked); AmdkfdFix varies that     *)
(***************************************************************************)
EXTENDS MMUNotifierV6Api

CONSTANTS
    Strategy,   \* a HOLE_PUNCH_STRATEGIES name
    AmdkfdFix   \* amdkfd only: "none" (kfd_svm.c today), "insert_first", "unmap_first", "keep_notifier"

Inside == Strategy = "inside_callback"
Amdkfd == Strategy = "outside_remove_then_insert"

Op(api, n, s, l) == [api |-> api, sub |-> n, start |-> s, last |-> l]

(***************************************************************************)
(* dmirror_do_unmap() for interval n and the unmapped pages [b1, b2]       *)
(* (Ralph's tree, lib/test_hmm.c at 34f59a5ca6c5): range covers the left   *)
(* end: remove_deferred the whole interval or update it to the right part; *)
(* otherwise update it to the left part and, if a hole is punched,         *)
(* insert_safe a new interval for the right part.  The outside strategies  *)
(* make the same operations, in the order the strategy names.              *)
(***************************************************************************)
DmirrorPlan(n, b1, b2) ==
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

(***************************************************************************)
(* amdkfd's deferred worker (svm_range_deferred_list_work): the callback   *)
(* (svm_range_unmap_from_cpu) has split the svm_range and queued the       *)
(* parent with its children.  The worker first handles the children: the  *)
(* unmapped piece is freed (it has no notifier yet), the split-off right   *)
(* piece gets its own notifier (SVM_OP_ADD_RANGE, insert_locked).  Then    *)
(* the parent (SVM_OP_UPDATE_RANGE_NOTIFIER):                              *)
(* svm_range_update_notifier_and_interval_tree() removes its notifier      *)
(* (mmu_interval_notifier_remove, blocking) and inserts the same embedded  *)
(* struct with the kept bounds (insert_locked; a new id here).  Whole      *)
(* range unmapped (SVM_OP_UNMAP_RANGE): remove only.                       *)
(*                                                                         *)
(* The candidate fixes (AmdkfdFix) change only the parent's replacement:   *)
(*   insert_first   give the kept part a new notifier first, then remove   *)
(*                  the old one (what svm_range_set_attr does for clones)  *)
(*   unmap_first    unmap the kept part from the GPUs, then remove and     *)
(*                  insert as today (the GPU refaults it later)            *)
(*   keep_notifier  do not replace the parent's notifier: it keeps         *)
(*                  covering [a, c] (over-coverage)                        *)
(***************************************************************************)
KeptReplacement(n, s, l) ==
    CASE AmdkfdFix = "insert_first" -> <<Op("insert", "new", s, l), Op("remove", n, 0, 0)>>
      [] AmdkfdFix = "unmap_first" -> <<Op("unmap_from_gpus", n, s, l), Op("remove", n, 0, 0),
                                        Op("insert", "new", s, l)>>
      [] AmdkfdFix = "keep_notifier" -> <<>>
      [] OTHER -> <<Op("remove", n, 0, 0), Op("insert", "new", s, l)>>

AmdkfdPlan(n, b1, b2) ==
    LET a == subs[n].start
        c == subs[n].last
    IN CASE b1 <= a /\ b2 >= c -> <<Op("remove", n, 0, 0)>>
         [] b1 <= a -> KeptReplacement(n, b2 + 1, c)
         [] b2 >= c -> KeptReplacement(n, a, b1 - 1)
         [] OTHER -> <<Op("insert", "new", b2 + 1, c)>> \o KeptReplacement(n, a, b1 - 1)

\* The plan of the driver named by Strategy.
UnmapPlan(n, b1, b2) == IF Amdkfd THEN AmdkfdPlan(n, b1, b2) ELSE DmirrorPlan(n, b1, b2)

PlanApis == {"update", "insert_safe", "insert", "remove_deferred", "remove", "unmap_from_gpus"}

\* The action that carries out an operation.
OpAction(o) ==
    CASE o.api = "update" -> "mmu_interval_notifier_update"
      [] o.api = "insert_safe" -> "mmu_interval_notifier_insert_safe"
      [] o.api = "insert" -> "mmu_interval_notifier_insert"
      [] o.api = "remove_deferred" -> "mmu_interval_notifier_remove_deferred"
      [] o.api = "remove" -> "mmu_interval_notifier_remove"
      [] o.api = "unmap_from_gpus" -> "svm_range_unmap_from_gpus"

=============================================================================
