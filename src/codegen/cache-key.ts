/**
 * Freshness of generated traces: a trace file is reused only if it was made
 * from the same inputs — every spec module, the model's config, the TLC jar
 * (its sha256 from the install record), the generator and protocol sources,
 * and the generation plan. Any change regenerates.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The inputs of one model's generation. */
export interface CacheInputs {
  readonly projectRoot: string;
  readonly config: string;
  /** sha256 of the TLC jar. */
  readonly jarSha256: string;
  /** Anything else that changes the output (kind, simulation plan). */
  readonly plan: unknown;
}

/** The hex sha256 over all inputs, in a fixed order. */
export function cacheKey(inputs: CacheInputs): string {
  const h = createHash('sha256');
  const add = (label: string, content: string | Buffer): void => {
    h.update(`${label}\0${content.length}\0`);
    h.update(content);
  };
  const filesIn = (dir: string, ext: string): string[] =>
    readdirSync(join(inputs.projectRoot, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => join(dir, f));
  for (const f of [...filesIn('spec', '.tla'), ...filesIn('src/codegen', '.ts'), ...filesIn('src/protocol', '.ts')]) {
    add(f, readFileSync(join(inputs.projectRoot, f)));
  }
  add('config', readFileSync(inputs.config));
  add('jar', inputs.jarSha256);
  add('plan', JSON.stringify(inputs.plan));
  return h.digest('hex');
}

/** The sha256 of the jar named in the install record (`.tlc/tlc.json`), or of the jar file itself. */
export function jarSha256(recordFile: string): string {
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { jar?: string; sha256?: string };
  if (typeof record.sha256 === 'string') return record.sha256;
  if (typeof record.jar !== 'string') throw new Error(`${recordFile} names no jar; run \`npm install\` to fetch TLC`);
  return createHash('sha256').update(readFileSync(record.jar)).digest('hex');
}
