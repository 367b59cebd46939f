import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withStagedDir } from '../../src/files/staged-dir.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function results(): { parent: string; target: string } {
  const parent = mkdtempSync(join(tmpdir(), 'staged-'));
  dirs.push(parent);
  const target = join(parent, 'results');
  mkdirSync(target);
  writeFileSync(join(target, 'check.json'), 'old');
  return { parent, target };
}

describe('withStagedDir', () => {
  it('keeps the old results until the new ones are complete, then swaps them in whole', async () => {
    const { parent, target } = results();
    await withStagedDir(target, (staging) => {
      writeFileSync(join(staging, 'check.json'), 'new');
      expect(readFileSync(join(target, 'check.json'), 'utf8')).toBe('old');
      return Promise.resolve();
    });
    expect(readFileSync(join(target, 'check.json'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['results']);
  });

  it('an interrupted run (the work throws) loses nothing and leaves no staging folder', async () => {
    const { parent, target } = results();
    await expect(
      withStagedDir(target, (staging) => {
        writeFileSync(join(staging, 'check.json'), 'half');
        return Promise.reject(new Error('interrupted'));
      }),
    ).rejects.toThrow('interrupted');
    expect(readFileSync(join(target, 'check.json'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['results']);
  });

  it('two overlapping runs each end with a complete folder; the later one wins', async () => {
    const { parent, target } = results();
    const run = (name: string, ms: number) =>
      withStagedDir(target, async (staging) => {
        writeFileSync(join(staging, 'check.json'), name);
        await sleep(ms);
        writeFileSync(join(staging, 'replay.json'), name);
      });
    await Promise.all([run('first', 200), sleep(50).then(() => run('second', 300))]);
    expect(readFileSync(join(target, 'check.json'), 'utf8')).toBe('second');
    expect(readFileSync(join(target, 'replay.json'), 'utf8')).toBe('second');
    expect(readdirSync(parent)).toEqual(['results']);
  });
});
