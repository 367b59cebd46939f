/**
 * mmap_lock as spec/HolePunch.tla models it: a writer (munmap, the driver's
 * worker) or a set of readers (other invalidations, when modelled).
 */
import { NONE } from '../subscription.ts';

/** The mm's mmap_lock: holder ids, "none" = no writer. */
export class MmapLock {
  /** The thread holding it for writing, or "none". */
  writer: string = NONE;
  /** The threads holding it for reading. */
  readonly readers = new Set<string>();

  /** No holder at all (mmap_write_lock can be taken). */
  get free(): boolean {
    return this.writer === NONE && this.readers.size === 0;
  }

  /** Someone holds it for writing (mmap_read_lock must wait). */
  get writeLocked(): boolean {
    return this.writer !== NONE;
  }

  /** Drops whatever thread `id` holds. */
  release(id: string): void {
    if (this.writer === id) this.writer = NONE;
    else this.readers.delete(id);
  }
}
