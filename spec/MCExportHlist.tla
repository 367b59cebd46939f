----------------------------- MODULE MCExportHlist -----------------------------
(***************************************************************************)
(* Wrapper of the hlist models for src/codegen, in the manner of           *)
(* MCExport.tla: the model's constants printed once at startup (the        *)
(* driver's shape read off the overridden hook AfterSetSeq), and an edge   *)
(* log.  The state has the mainline variables plus hl.                     *)
(***************************************************************************)
EXTENDS MCHlist

ExportConstants ==
    [variant |-> Variant, npages |-> NPages, subList |-> SubList,
     subStart |-> SubStart, subLast |-> SubLast,
     invalidators |-> Invalidators, faulters |-> Faulters, mgr |-> Mgr,
     invRanges |-> InvRanges, blockable |-> Blockable,
     maxInv |-> MaxInv, maxFaults |-> MaxFaults, maxTries |-> MaxTries,
     hlistSubs |-> HlistSubs, hlistFailing |-> HlistFailing, hlistZapping |-> HlistZapping,
     hlistPaired |-> HlistPaired, hlistPairsEnds |-> HlistPairsEnds, hlistFix |-> HlistFix,
     driverShape |-> IF AfterSetSeq = NouveauAfterSetSeq THEN "nouveau" ELSE "dmirror"]

ASSUME PrintT("mmu-notifier-export-constants " \o ToString(ExportConstants))

\* One line per transition: <<"E", state, successor>>.
EdgeLog == PrintT(<<"E", hvars, hvars'>>)
=============================================================================
