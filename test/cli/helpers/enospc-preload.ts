// Test-only fault injection, loaded with NODE_OPTIONS="--import tsx --import <this file>":
// makes the disk look full for one file. The first `fs.writeFileSync` whose
// file name contains MMU_TEST_ENOSPC_FILE writes half of its data and then
// fails with ENOSPC, as a write(2) on a full disk does (the error names no
// path: write(2) has none). Every other write is left alone; without the
// variable this module does nothing. Nothing in src/ knows about it.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const needle = process.env.MMU_TEST_ENOSPC_FILE;
if (needle) {
  const realWriteFileSync = fs.writeFileSync;
  let fired = false;
  const onAFullDisk = (file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions): void => {
    if (fired || typeof file !== 'string' || !basename(file).includes(needle)) return realWriteFileSync(file, data, options);
    fired = true;
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    realWriteFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC', syscall: 'write' });
  };
  fs.writeFileSync = onAFullDisk;
  // ESM importers of node:fs see the patched function too.
  syncBuiltinESMExports();
}
