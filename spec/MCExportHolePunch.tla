--------------------------- MODULE MCExportHolePunch ---------------------------
(***************************************************************************)
(* Wrapper of the hole-punch export models (MCExport_HolePunch*.cfg), in   *)
(* the manner of MCExport.tla: no VIEW, no SYMMETRY (lastAction is part of *)
(* every state), the model's constants printed once at startup, and an     *)
(* edge log for the ACTION_CONSTRAINT export.                              *)
(*                                                                         *)
(* The state has the mainline variables plus upd, relq, hp, work, mmap and *)
(* vma (HolePunchDriver.tla); deferred is a sequence (the hlist, head first).    *)
(***************************************************************************)
EXTENDS MCHolePunch

ExportConstants ==
    [variant |-> Variant, strategy |-> Strategy, amdkfdFix |-> AmdkfdFix, npages |-> NPages, subList |-> SubList,
     subStart |-> SubStart, subLast |-> SubLast, initTree |-> InitTree,
     invalidators |-> Invalidators, unmappers |-> Unmappers,
     unmapRanges |-> UnmapRanges, invRanges |-> InvRanges,
     invalidatorContext |-> InvalidatorContext, faultRecheck |-> FaultRecheck,
     faulters |-> Faulters, mgr |-> Mgr,
     blockable |-> Blockable, maxInv |-> MaxInv, maxFaults |-> MaxFaults, maxTries |-> MaxTries]

ASSUME PrintT("mmu-notifier-export-constants " \o ToString(ExportConstants))

\* One line per transition: <<"E", state, successor>>.
EdgeLog == PrintT(<<"E", allVars, allVars'>>)
=============================================================================
