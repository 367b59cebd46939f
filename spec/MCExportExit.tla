------------------------------ MODULE MCExportExit ------------------------------
(***************************************************************************)
(* Wrapper of the process-exit models for src/codegen, in the manner of    *)
(* MCExport.tla: the model's constants printed once at startup (the exit's *)
(* own constants included), and an edge log.  The state has the mainline   *)
(* variables plus ext.                                                     *)
(***************************************************************************)
EXTENDS MCExit

ExportConstants ==
    [variant |-> Variant, npages |-> NPages, subList |-> SubList,
     subStart |-> SubStart, subLast |-> SubLast,
     invalidators |-> Invalidators, faulters |-> Faulters, mgr |-> Mgr,
     invRanges |-> InvRanges, blockable |-> Blockable,
     maxInv |-> MaxInv, maxFaults |-> MaxFaults, maxTries |-> MaxTries,
     exiter |-> Exiter, exitDriver |-> ExitDriver,
     hlistStopsDevice |-> HlistStopsDevice, insertGuard |-> InsertGuard]

ASSUME PrintT("mmu-notifier-export-constants " \o ToString(ExportConstants))

\* One line per transition: <<"E", state, successor>>.
EdgeLog == PrintT(<<"E", exitVars, exitVars'>>)
=============================================================================
