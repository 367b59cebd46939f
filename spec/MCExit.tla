--------------------------------- MODULE MCExit ---------------------------------
(***************************************************************************)
(* The properties and model values of the process-exit models             *)
(* (models/exit/MCExit*.cfg, spec/README.md "Process exit").               *)
(***************************************************************************)
EXTENDS ProcessExit, MC

\* The exit's step names, beyond the mainline's (the cfgs set ExtraActionNames <- ExitActionNames).
ExitActionNames ==
    {"mmput_exit_mmap", "mn_itree_release", "mn_itree_release_loop_done",
                      "mn_hlist_release", "unmap_vmas", "exit_mmap_done", "invalidate_skip",
                      "insert_after_exit"}

\* The exit's own state has its shape (TypeOK covers the rest).
ExitTypeOK ==
    ext \in [mm : {"alive", "dead"}, phase : ExitPhases, devLive : BOOLEAN,
             insErr : {"none", "EINVAL"}]

\* mm_users stays 0 once exit_mmap has begun (nothing revives the mm).
MmStaysDead == [][ext.mm = "dead" => ext'.mm = "dead"]_exitVars

\* SAFE-1 where it matters: while the device can still use its page table,
\* no entry on a covered page is stale.
NoStaleDeviceEntryWhileDeviceRuns == ext.devLive => NoStaleDeviceEntry

\* SAFE-2 for the invalidations that change PTEs (the release walk changes
\* none, mn_itree_release_loop_done passes the mm_change_ptes label).
ZappedBeforeUnmap ==
    \A t \in Invalidators : pc[t] = "mm_change_ptes" /\ ~IsReleaseWalk(t) =>
        \A p \in Pages : InRange(p, inv[t].start, inv[t].last) /\ Covered(p) => spte[p] = 0

\* No mmu_interval_notifier_insert fails with -EINVAL because the mm has
\* exited (the driver holds an mm_users reference across its inserts).
NoInsertAfterExit == ext.insErr = "none"

\* The exit runs to its end.
ExitCompletes == <>(ext.phase = "exited")

\* One subscription over both pages.
MCExitSubList == <<"s1">>
MCExitSubStart == [n \in {"s1"} |-> 1]
MCExitSubLast == [n \in {"s1"} |-> 2]
=============================================================================
