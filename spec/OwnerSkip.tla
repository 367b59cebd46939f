-------------------------------- MODULE OwnerSkip --------------------------------
(***************************************************************************)
(* The owner skip (spec/README.md, "The owner skip"): the driver's own     *)
(* migrations, and a callback that treats their invalidations specially.   *)
(*                                                                         *)
(* lib/test_hmm.c: dmirror_interval_invalidate() returns true at once, no  *)
(* mmu_interval_set_seq() and no dmirror_do_update(), when range->event is *)
(* MMU_NOTIFY_MIGRATE and the range's owner (migrate_pgmap_owner in v5.10, *)
(* owner later) is its own device.  The invalidations that carry that      *)
(* owner are those of dmirror's own migrate_vma_setup() calls:             *)
(*   - dmirror_migrate_to_device() (HMM_DMIRROR_MIGRATE_TO_DEV; "dmirror_  *)
(*     migrate" in v5.10): migrate_vma_setup -> alloc_and_copy ->          *)
(*     migrate_vma_pages -> dmirror_migrate_finalize_and_map (stores the   *)
(*     new page in dmirror->pt under dmirror->mutex) ->                    *)
(*     migrate_vma_finalize                                                *)
(*   - dmirror_devmem_fault() (the CPU fault on a device-private page):    *)
(*     migrate_vma_setup -> dmirror_devmem_fault_alloc_and_copy (xa_erase  *)
(*     of the device entry, without the mutex) -> migrate_vma_pages ->     *)
(*     migrate_vma_finalize.                                               *)
(* migrate_vma_setup()'s collect step runs the MIGRATE invalidation and    *)
(* replaces each PTE by a migration entry (the page is locked);            *)
(* hmm_range_fault() that meets a migration entry waits for it             *)
(* (migration_entry_wait) and returns -EBUSY (mm/hmm.c,                    *)
(* hmm_vma_handle_pte).                                                    *)
(*                                                                         *)
(* What the model adds, by name:                                           *)
(*   - one migration moves one page (dmirror_devmem_fault moves one page;  *)
(*     dmirror_migrate_to_device a range, page by page), and the models    *)
(*     have one migrator thread;                                           *)
(*   - alloc_and_copy / migrate_vma_pages change nothing the model sees    *)
(*     and are folded into the next driver step;                           *)
(*   - the subscription is in the tree from the start and never removed    *)
(*     (dmirror inserts it at open and removes it at release, and release  *)
(*     cannot run while an ioctl holds the file);                          *)
(*   - the constants OwnerSkip, MigrationEntries, FinalizeTakesLock and    *)
(*     FinalizeStores switch the hooks below; OwnerSkip = "dmirror" with   *)
(*     the three others TRUE is the driver as written.                     *)
(***************************************************************************)
EXTENDS MMUNotifierBase

CONSTANTS
    Migrators,          \* invalidator threads that run dmirror's own migrations
    OwnerSkip,          \* "dmirror" (as written) | "set_seq" (the fix) | "none" (no skip)
    MigrationEntries,   \* TRUE: migrate_vma_setup installs migration entries (the kernel)
    FinalizeTakesLock,  \* TRUE: dmirror_migrate_finalize_and_map under dmirror->mutex (the driver)
    FinalizeStores,     \* TRUE: it stores the new page in dmirror->pt (the driver); FALSE: a fix
    InitTree,           \* subscriptions in the tree at the start (dmirror_fops_open)
    InitDevmem          \* pages already migrated to the device at the start

VARIABLES
    devmem,  \* pages whose CPU PTE is a device-private entry of this device
    migent,  \* pages under the driver's own migration (migrate_vma_setup .. migrate_vma_finalize)
    mig      \* mig[t]: locals of migrator t's driver part

\* The mainline actions, reused step for step.
C == INSTANCE MirrorDriver

osVars == <<vars, devmem, migent, mig>>
OSView == <<View, devmem, migent, mig>>
osLocals == <<devmem, migent, mig>>

MigIdle == [phase |-> "idle", page |-> 0, dir |-> "none", ver |-> 0]
MigPhases == {"idle", "walk", "copy", "finalize"}
MigDirs == {"none", "to_device", "to_system"}

(***************************************************************************)
(* Hooks (the constants' meaning in one place each)                        *)
(***************************************************************************)
\* dmirror_interval_invalidate as written: for MMU_NOTIFY_MIGRATE with its
\* own owner it returns true before mutex_lock (no set_seq, no update).
SkipsWholeCallback == OwnerSkip = "dmirror"

\* The fix: lock and set_seq as always, skip only dmirror_do_update.
SkipsDoUpdate == OwnerSkip = "set_seq"

\* Whether hmm_range_fault of faulter t is at a migration entry: it waits
\* for the migration and returns -EBUSY instead of reading the PTE.
AtMigrationEntry(t) == MigrationEntries /\ flt[t].page \in migent

\* dmirror_migrate_finalize_and_map takes dmirror->mutex (the driver).
FinalizeLockFree == FinalizeTakesLock => ulock = NoId

\* The device entry finalize_and_map leaves for page p at version v: the new
\* page (the driver), or none (the fix: the device faults the page in later
\* through dmirror_fault, which sees the device-private PFN).
FinalizeEntry(v) == IF FinalizeStores THEN v ELSE 0

(***************************************************************************)
(* Invalidations.  An ordinary invalidator runs the mainline steps; the    *)
(* migrator's invalidation is the one migrate_vma_setup() starts, with     *)
(* range->owner = the device, and differs in its callback and its PTE      *)
(* change.                                                                 *)
(***************************************************************************)
mn_itree_inv_start_range(t) == t \notin Migrators /\ C!mn_itree_inv_start_range(t) /\ UNCHANGED osLocals

\* migrate_vma_setup() -> migrate_vma_collect(): mmu_notifier_invalidate_
\* range_start (MMU_NOTIFY_MIGRATE, blockable, owner = the device) on one
\* page; the direction follows where the page is (a device page is
\* migrated back by dmirror_devmem_fault).
migrate_vma_setup(t) ==
    /\ t \in Migrators
    /\ mig[t].phase = "idle"
    /\ C!mn_itree_inv_start_range(t)
    /\ inv'[t].start = inv'[t].last /\ inv'[t].blockable
    /\ mig' = [mig EXCEPT ![t] = [phase |-> "walk", page |-> inv'[t].start, ver |-> 0,
                                  dir |-> IF inv'[t].start \in devmem THEN "to_system" ELSE "to_device"]]
    /\ UNCHANGED <<devmem, migent>>

\* dmirror_interval_invalidate() as written, for the migrator's range:
\* return true at once; the walk moves on (interval_tree_iter_next).
invalidate_owner_skip(t) ==
    /\ t \in Migrators /\ SkipsWholeCallback
    /\ pc[t] = "invalidate_lock"
    /\ C!IterAdvance(t)
    /\ lastAction' = Act("invalidate_owner_skip", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, flt, mgr>>
    /\ UNCHANGED osLocals

invalidate_lock(t) ==
    /\ t \in Migrators => ~SkipsWholeCallback
    /\ C!invalidate_lock(t) /\ UNCHANGED osLocals
invalidate_trylock_fail(t) == C!invalidate_trylock_fail(t) /\ UNCHANGED osLocals
mmu_interval_set_seq(t) == C!mmu_interval_set_seq(t) /\ UNCHANGED osLocals

invalidate_zap(t) ==
    /\ t \in Migrators => ~SkipsDoUpdate
    /\ C!invalidate_zap(t) /\ UNCHANGED osLocals

\* The fix, for the migrator's range: after set_seq, no dmirror_do_update.
dmirror_skip_do_update(t) ==
    /\ t \in Migrators /\ SkipsDoUpdate
    /\ pc[t] = "invalidate_zap"
    /\ pc' = [pc EXCEPT ![t] = "invalidate_unlock"]
    /\ lastAction' = Act("dmirror_skip_do_update", t, [sub |-> inv[t].cursor])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, flt, mgr>>
    /\ UNCHANGED osLocals

invalidate_unlock(t) == C!invalidate_unlock(t) /\ UNCHANGED osLocals
mm_change_ptes(t) == t \notin Migrators /\ C!mm_change_ptes(t) /\ UNCHANGED osLocals

\* migrate_vma_collect(), after the callbacks: the PTE becomes a migration
\* entry (the page is locked and isolated); its number is the version the
\* CPU will map after migrate_vma_finalize.  Without migration entries (the
\* ablation) the old PTE stays until migrate_vma_finalize.
migrate_vma_collect(t) ==
    /\ t \in Migrators
    /\ pc[t] = "mm_change_ptes"
    /\ LET p == mig[t].page
       IN /\ pte' = IF MigrationEntries THEN [pte EXCEPT ![p] = @ + 1] ELSE pte
          /\ migent' = migent \cup {p}
          /\ mig' = [mig EXCEPT ![t].phase = "copy", ![t].ver = pte[p] + 1]
          /\ lastAction' = Act("migrate_vma_collect", t, [page |-> p])
    /\ pc' = [pc EXCEPT ![t] = "mn_itree_inv_end"]
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, spte, ulock, inv, flt, mgr, devmem>>

mn_itree_inv_end(t) == C!mn_itree_inv_end(t) /\ UNCHANGED osLocals
wake_up_all(t) == C!wake_up_all(t) /\ UNCHANGED osLocals

(***************************************************************************)
(* The migrator's driver part, after invalidate_range_end returned.        *)
(***************************************************************************)
DriverPart(t, phase) == t \in Migrators /\ mig[t].phase = phase /\ pc[t] \in {"idle", "done"}

\* dmirror_migrate_alloc_and_copy + migrate_vma_pages, then
\* dmirror_migrate_finalize_and_map: under dmirror->mutex, store the new
\* (device) page in dmirror->pt.
dmirror_migrate_finalize_and_map(t) ==
    /\ DriverPart(t, "copy") /\ mig[t].dir = "to_device"
    /\ FinalizeLockFree
    /\ spte' = [spte EXCEPT ![mig[t].page] = FinalizeEntry(mig[t].ver)]
    /\ mig' = [mig EXCEPT ![t].phase = "finalize"]
    /\ lastAction' = Act("dmirror_migrate_finalize_and_map", t, [page |-> mig[t].page, version |-> mig[t].ver])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, pc, inv, flt, mgr, devmem, migent>>

\* dmirror_devmem_fault_alloc_and_copy: xa_erase(&dmirror->pt, addr), not
\* under dmirror->mutex (v5.10 and mainline); migrate_vma_pages follows.
dmirror_devmem_fault_alloc_and_copy(t) ==
    /\ DriverPart(t, "copy") /\ mig[t].dir = "to_system"
    /\ spte' = [spte EXCEPT ![mig[t].page] = 0]
    /\ mig' = [mig EXCEPT ![t].phase = "finalize"]
    /\ lastAction' = Act("dmirror_devmem_fault_alloc_and_copy", t, [page |-> mig[t].page])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, ulock, pc, inv, flt, mgr, devmem, migent>>

\* migrate_vma_finalize(): remove_migration_ptes maps the new page, the
\* pages are unlocked and the old one is released.
migrate_vma_finalize(t) ==
    /\ DriverPart(t, "finalize")
    /\ LET p == mig[t].page
       IN /\ pte' = IF MigrationEntries THEN pte ELSE [pte EXCEPT ![p] = mig[t].ver]
          /\ migent' = migent \ {p}
          /\ devmem' = IF mig[t].dir = "to_device" THEN devmem \cup {p} ELSE devmem \ {p}
          /\ lastAction' = Act("migrate_vma_finalize", t, [page |-> p])
    /\ mig' = [mig EXCEPT ![t] = MigIdle]
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, spte, ulock, pc, inv, flt, mgr>>

(***************************************************************************)
(* The device fault (dmirror_fault -> dmirror_range_fault), with           *)
(* dev_private_owner = the device: a device-private page of this device is *)
(* read as its PFN like any PTE (hmm_vma_handle_pte); a migration entry    *)
(* makes it wait.                                                          *)
(***************************************************************************)
mmu_interval_read_begin(t) == C!mmu_interval_read_begin(t) /\ UNCHANGED osLocals
read_begin_wait(t) == C!read_begin_wait(t) /\ UNCHANGED osLocals
hmm_range_fault(t) == ~AtMigrationEntry(t) /\ C!hmm_range_fault(t) /\ UNCHANGED osLocals
mmu_interval_check_retry(t) == ~AtMigrationEntry(t) /\ C!mmu_interval_check_retry(t) /\ UNCHANGED osLocals

\* hmm_range_fault() at a migration entry: migration_entry_wait, -EBUSY,
\* and dmirror_range_fault goes round again from read_begin.
migration_entry_wait(t) ==
    /\ pc[t] = "hmm_range_fault"
    /\ AtMigrationEntry(t)
    /\ C!FaultRetry(t)
    /\ lastAction' = Act("migration_entry_wait", t, [page |-> flt[t].page])
    /\ UNCHANGED <<seq, active, tree, deferred, waitq, subs, pte, spte, ulock, inv, mgr>>
    /\ UNCHANGED osLocals

driver_lock(t) == C!driver_lock(t) /\ UNCHANGED osLocals
mmu_interval_read_retry(t) == C!mmu_interval_read_retry(t) /\ UNCHANGED osLocals
driver_commit(t) == C!driver_commit(t) /\ UNCHANGED osLocals

(***************************************************************************)
(* The system                                                              *)
(***************************************************************************)
OSInit ==
    /\ seq = 2
    /\ active = 0
    /\ tree = InitTree
    /\ deferred = {}
    /\ waitq = {}
    \* inserted while idle at seq 2: the interval's seq is seq - 1 = 1
    /\ subs = [n \in Subs |-> [start |-> SubStart[n], last |-> SubLast[n],
                               seq |-> IF n \in InitTree THEN 1 ELSE 0,
                               life |-> IF n \in InitTree THEN "in_tree" ELSE "unused"]]
    /\ pte = [p \in Pages |-> 1]
    \* dmirror_migrate_finalize_and_map stored the device pages
    /\ spte = [p \in Pages |-> IF p \in InitDevmem THEN 1 ELSE 0]
    /\ ulock = NoId
    /\ pc = [t \in Threads |-> "idle"]
    /\ inv = [t \in Invalidators |-> C!InvIdle(0)]
    /\ flt = [t \in Faulters |-> C!FltIdle(0)]
    /\ mgr = [sub |-> NoId, waitSeq |-> 0]
    /\ lastAction = Act("Init", NoId, NoArgs)
    /\ devmem = InitDevmem
    /\ migent = {}
    /\ mig = [t \in Migrators |-> MigIdle]

OSQuiescent ==
    /\ \A t \in Invalidators : pc[t] = "done"
    /\ \A t \in Faulters : pc[t] \in {"idle", "done"}
    /\ \A t \in Migrators : mig[t].phase = "idle"

InvStep(t) ==
    \/ mn_itree_inv_start_range(t)
    \/ migrate_vma_setup(t)
    \/ invalidate_owner_skip(t)
    \/ invalidate_lock(t)
    \/ invalidate_trylock_fail(t)
    \/ mmu_interval_set_seq(t)
    \/ invalidate_zap(t)
    \/ dmirror_skip_do_update(t)
    \/ invalidate_unlock(t)
    \/ mm_change_ptes(t)
    \/ migrate_vma_collect(t)
    \/ mn_itree_inv_end(t)
    \/ wake_up_all(t)
    \/ dmirror_migrate_finalize_and_map(t)
    \/ dmirror_devmem_fault_alloc_and_copy(t)
    \/ migrate_vma_finalize(t)

FltStep(t) ==
    \/ mmu_interval_read_begin(t)
    \/ read_begin_wait(t)
    \/ hmm_range_fault(t)
    \/ mmu_interval_check_retry(t)
    \/ migration_entry_wait(t)
    \/ driver_lock(t)
    \/ mmu_interval_read_retry(t)
    \/ driver_commit(t)

\* The end of a finished behaviour (not a deadlock).
Terminating == OSQuiescent /\ UNCHANGED osVars

OSNext ==
    \/ \E t \in Invalidators : InvStep(t)
    \/ \E t \in Faulters : FltStep(t)
    \/ Terminating

OSSpec == OSInit /\ [][OSNext]_osVars

(***************************************************************************)
(* Properties                                                              *)
(***************************************************************************)
Mainline == INSTANCE MMUNotifierProperties WITH lastAction <- Act("Init", NoId, NoArgs)

OSActionNames ==
    Mainline!ActionNames \cup
    {"invalidate_owner_skip", "dmirror_skip_do_update", "migrate_vma_collect",
     "dmirror_migrate_finalize_and_map", "dmirror_devmem_fault_alloc_and_copy",
     "migrate_vma_finalize", "migration_entry_wait"}

\* The mainline shapes, the new variables, and the action names.
TypeOK ==
    /\ Mainline!TypeOK
    /\ lastAction.name \in OSActionNames
    /\ lastAction.thread \in Threads \cup {NoId}
    /\ devmem \subseteq Pages
    /\ migent \subseteq Pages
    /\ mig \in [Migrators -> [phase : MigPhases, page : 0..NPages, dir : MigDirs, ver : Nat]]

\* INV-1, INV-3, INV-5/6 and the driver lock, as in the mainline models.
OddSeqImpliesActive == Mainline!OddSeqImpliesActive
InsertedSeqsOdd == Mainline!InsertedSeqsOdd
WalkersOnlyWhileOdd == Mainline!WalkersOnlyWhileOdd
WalkersShareEpochSeq == Mainline!WalkersShareEpochSeq
DriverLockHeldInCriticalSections == Mainline!DriverLockHeldInCriticalSections

\* SAFE-1 with the owner-skip exception: on a covered page that is not
\* under the driver's own migration, a device entry mirrors the CPU PTE.
\* (During its own migration the driver updates the entry itself.)
NoStaleDeviceEntry ==
    \A p \in Pages : Covered(p) /\ spte[p] # 0 /\ p \notin migent => spte[p] = pte[p]

\* Coverage: every device entry lies in an interval of the tree (the
\* subscription is never removed here, so the strict form applies).
NoCoverageLoss == Mainline!NoCoverageLoss

=============================================================================
