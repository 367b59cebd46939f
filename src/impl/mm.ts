/**
 * The simulated mm: a CPU page table of `npages` pages, each with a mapping
 * version. An invalidation's caller changes the PTEs of its range between a
 * successful invalidate_range_start and invalidate_range_end (the "mutate"
 * phase: unmap, migrate, protect, …); every change is a new version.
 */

/** The CPU page table of one mm. Pages are numbered 1..npages. */
export class SimulatedMm {
  /** pte[p - 1]: version of page p's mapping (starts at 1). */
  readonly pte: number[];

  constructor(readonly npages: number) {
    this.pte = Array.from({ length: npages }, () => 1);
  }

  /** The mapping version of page `page` (what hmm_range_fault reads). */
  read(page: number): number {
    return this.pte[page - 1] as number;
  }

  /** The PTE update bracketed by start/end: every page of [start, last] gets a new version. */
  changePtes(start: number, last: number): void {
    for (let p = Math.max(start, 1); p <= Math.min(last, this.npages); p++) this.pte[p - 1] = (this.pte[p - 1] as number) + 1;
  }

  /**
   * Maps version `version` at `page` (remove_migration_ptes in
   * migrate_vma_finalize, for a migration that left the old PTE in place).
   */
  map(page: number, version: number): void {
    if (page >= 1 && page <= this.npages) this.pte[page - 1] = version;
  }
}
