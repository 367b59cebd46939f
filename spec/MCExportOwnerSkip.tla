--------------------------- MODULE MCExportOwnerSkip ---------------------------
(***************************************************************************)
(* Wrapper of the owner-skip models for src/codegen, in the manner of      *)
(* MCExport.tla: the model's constants printed once at startup (with the   *)
(* migrators, the driver setting and the initial tree and device pages),   *)
(* and an edge log.  The state has the mainline variables plus devmem,     *)
(* migent and mig.                                                         *)
(***************************************************************************)
EXTENDS MCOwnerSkip

ExportConstants ==
    [variant |-> Variant, npages |-> NPages, subList |-> SubList,
     subStart |-> SubStart, subLast |-> SubLast,
     invalidators |-> Invalidators, faulters |-> Faulters, mgr |-> Mgr,
     invRanges |-> InvRanges, blockable |-> Blockable,
     maxInv |-> MaxInv, maxFaults |-> MaxFaults, maxTries |-> MaxTries,
     migrators |-> Migrators, ownerSkip |-> OwnerSkip,
     migrationEntries |-> MigrationEntries, finalizeTakesLock |-> FinalizeTakesLock,
     finalizeStores |-> FinalizeStores, initTree |-> InitTree, initDevmem |-> InitDevmem]

ASSUME PrintT("mmu-notifier-export-constants " \o ToString(ExportConstants))

\* One line per transition: <<"E", state, successor>>.
EdgeLog == PrintT(<<"E", osVars, osVars'>>)
=============================================================================
