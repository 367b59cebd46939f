import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** End-of-central-directory record: signature, and its fixed length without the comment. */
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_LENGTH = 22;
const CENTRAL_SIGNATURE = 0x02014b50;
/** The EOCD record sits in the last 22 bytes plus at most a 65,535-byte comment. */
const EOCD_SEARCH = EOCD_LENGTH + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/**
 * Whether the zip archive at `path` lists an entry named `entry`, read from
 * its central directory (a jar is a zip). `'not-a-zip'` when the file has no
 * central directory. Reads only the directory (tens of KB), not the archive.
 * ZIP64 archives (> 65,535 entries or > 4 GB) are reported as not a zip: a
 * TLC jar is neither.
 */
export function zipHasEntry(path: string, entry: string): boolean | 'not-a-zip' {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < EOCD_LENGTH) return 'not-a-zip';
    const tailStart = Math.max(0, size - EOCD_SEARCH);
    const tail = readAt(fd, tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - EOCD_LENGTH; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        at = i;
        break;
      }
    }
    if (at < 0) return 'not-a-zip';
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (dirOffset + dirSize > size) return 'not-a-zip';
    const dir = readAt(fd, dirOffset, dirSize);
    const wanted = Buffer.from(entry, 'utf8');
    for (let p = 0; p + 46 <= dir.length; ) {
      if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) return 'not-a-zip';
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      if (nameLength === wanted.length && dir.subarray(p + 46, p + 46 + nameLength).equals(wanted)) return true;
      p += 46 + nameLength + extraLength + commentLength;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}
