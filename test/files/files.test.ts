import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic-write.ts';
import { ownedTempDir, sweepOrphanTempDirs } from '../../src/files/owned-temp-dir.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'files-test-'));
  dirs.push(d);
  return d;
}
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', () => {
    const d = scratch();
    const f = join(d, 'a.json');
    writeFileSync(f, 'old');
    writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['a.json']);
  });

  it('a failed write keeps the old file whole and removes its temporary file', () => {
    const d = scratch();
    const f = join(d, 'a.json');
    writeFileSync(f, 'old');
    // A path that cannot be written: the target is a folder, so the rename fails after the temp file was written.
    const asDir = join(d, 'b');
    mkdirSync(asDir);
    writeFileSync(join(asDir, 'x'), '');
    expect(() => writeFileAtomic(asDir, 'new')).toThrow();
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(d).sort()).toEqual(['a.json', 'b']);
  });

  it('a read-only folder gives the error and leaves nothing', () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes; a folder under a file is unwritable for everyone.
      const d = scratch();
      writeFileSync(join(d, 'file'), '');
      expect(() => writeFileAtomic(join(d, 'file', 'a.json'), 'x')).toThrow(/ENOTDIR/);
      expect(readdirSync(d)).toEqual(['file']);
      return;
    }
    const d = scratch();
    chmodSync(d, 0o555);
    expect(() => writeFileAtomic(join(d, 'a.json'), 'x')).toThrow(/EACCES/);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('owned temp folders', () => {
  it('sweeps the folders of dead owners only', () => {
    const parent = scratch();
    const mine = ownedTempDir('mmu-x-', parent);
    const orphan = join(parent, `mmu-x-${deadPid()}-abc`);
    mkdirSync(orphan);
    const foreign = join(parent, 'other-123-abc');
    mkdirSync(foreign);
    expect(sweepOrphanTempDirs('mmu-x-', parent)).toEqual([orphan]);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(foreign)).toBe(true);
  });
});
