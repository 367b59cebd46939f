/**
 * mmap_lock of the hole-punch world (holepunch/mmap-lock.ts): free only
 * without writer and readers, write-locked only with a writer, and a
 * release drops exactly what the thread holds.
 */
import { describe, expect, it } from 'vitest';
import { MmapLock } from '../../src/impl/holepunch/mmap-lock.ts';

describe('MmapLock', () => {
  it('is free with no holder, not free with a reader or a writer; write-locked only with a writer', () => {
    const l = new MmapLock();
    expect([l.free, l.writeLocked]).toEqual([true, false]);
    l.readers.add('f');
    expect([l.free, l.writeLocked]).toEqual([false, false]);
    l.readers.delete('f');
    l.writer = 'u';
    expect([l.free, l.writeLocked]).toEqual([false, true]);
  });

  it('release drops the write lock of its writer, or the read lock of a reader, and nothing else', () => {
    const l = new MmapLock();
    l.writer = 'u';
    l.readers.add('f');
    l.release('f');
    expect([l.writer, [...l.readers]]).toEqual(['u', []]);
    l.readers.add('u');
    l.release('u');
    expect([l.writer, [...l.readers]]).toEqual(['none', ['u']]);
  });
});
