------------------------------ MODULE MCExport ------------------------------
(***************************************************************************)
(* Wrapper of the models src/codegen turns into conformance traces:        *)
(* MCExport_*.cfg (whole state graph), MCSim_*.cfg (random behaviours) and *)
(* the bug models MCBug_*.cfg (counterexamples).  Export configs           *)
(* use no VIEW and no SYMMETRY, so lastAction is part of every state and   *)
(* every edge of TLC's graph connects two concrete states.                 *)
(*                                                                         *)
(* ExportConstants is printed once at startup (ASSUME PrintT) so the trace *)
(* generator learns the model's constants from TLC itself instead of       *)
(* parsing the config.  EdgeLog is the alternative graph export (an        *)
(* ACTION_CONSTRAINT that prints one line per generated transition); it is *)
(* kept for the benchmark that compares it with the dot dump.              *)
(***************************************************************************)
EXTENDS MC

ExportConstants ==
    [variant |-> Variant, npages |-> NPages, subList |-> SubList,
     subStart |-> SubStart, subLast |-> SubLast,
     invalidators |-> Invalidators, faulters |-> Faulters, mgr |-> Mgr,
     invRanges |-> InvRanges, blockable |-> Blockable,
     maxInv |-> MaxInv, maxFaults |-> MaxFaults, maxTries |-> MaxTries]

\* ToString keeps the value on one line (PrintT wraps long values on stdout).
ASSUME PrintT("mmu-notifier-export-constants " \o ToString(ExportConstants))

\* One line per transition: <<"E", state, successor>> (with -userFile: unwrapped).
EdgeLog == PrintT(<<"E", vars, vars'>>)

\* Thread ids as strings (MC declares i1, i2 as constants for its symmetric models).
ExportInvOne == {"i1"}
ExportInvTwo == {"i1", "i2"}
ExportFltTwo == {"f1", "f2"}
=============================================================================
