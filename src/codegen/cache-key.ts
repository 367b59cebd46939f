/**
 * Freshness of generated traces: a trace file is reused only if it was made
 * from the same inputs — every spec module, the model's config, the TLC jar
 * (its sha256 from the install record), the generator and protocol sources,
 * and the generation plan. Any change regenerates.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveJar, type TlcRunOptions } from 'tla2tools-runner';

/** The inputs of one model's generation. */
export interface CacheInputs {
  readonly projectRoot: string;
  readonly config: string;
  /** sha256 of the TLC jar. */
  readonly jarSha256: string;
  /** Anything else that changes the output (kind, simulation plan). */
  readonly plan: unknown;
}

/** One input of a content hash: a label (a path, a name) and its content. */
export type HashPart = readonly [label: string, content: string | Buffer];

/**
 * The hex sha256 over labelled parts, in the given order. Each part is
 * prefixed by its label and length, so no two different part lists collide.
 * The one content hash of the project's caches (traces here, check results in
 * src/pipeline/check-cache.ts).
 */
export function contentHash(parts: Iterable<HashPart>): string {
  const h = createHash('sha256');
  for (const [label, content] of parts) {
    h.update(`${label}\0${content.length}\0`);
    h.update(content);
  }
  return h.digest('hex');
}

/** The files of `root/dir` whose names end in `ext`, as paths relative to `root`, sorted. */
export function filesIn(root: string, dir: string, ext: string): string[] {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

/** The hex sha256 over all inputs, in a fixed order. */
export function cacheKey(inputs: CacheInputs): string {
  const root = inputs.projectRoot;
  const sources = [...filesIn(root, 'spec', '.tla'), ...filesIn(root, 'src/codegen', '.ts'), ...filesIn(root, 'src/protocol', '.ts')];
  return contentHash([
    ...sources.map((f): HashPart => [f, readFileSync(join(root, f))]),
    ['config', readFileSync(inputs.config)],
    ['jar', inputs.jarSha256],
    ['plan', JSON.stringify(inputs.plan)],
  ]);
}

/** The sha256 of the jar named in the install record (`.tlc/tlc.json`), or of the jar file itself. */
export function jarSha256(recordFile: string): string {
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { jar?: string; sha256?: string };
  if (typeof record.sha256 === 'string') return record.sha256;
  if (typeof record.jar !== 'string') throw new Error(`${recordFile} names no jar; run \`npm install\` to fetch TLC`);
  return createHash('sha256').update(readFileSync(record.jar)).digest('hex');
}

/** sha256 of each jar file read, by path, size and modification time. */
const jarHashes = new Map<string, string>();

/**
 * The sha256 of the jar TLC will run with `options`, found by the runner's
 * own precedence (the jar option, TLA2TOOLS_JAR, the install record).
 */
export function resolvedJarSha256(options: Pick<Partial<TlcRunOptions>, 'jar' | 'jarRecordFile' | 'env'>): string {
  const jar = resolveJar({ jar: options.jar, recordFile: options.jarRecordFile, env: options.env });
  const stat = statSync(jar);
  const id = `${jar}\0${stat.size}\0${stat.mtimeMs}`;
  let sha = jarHashes.get(id);
  if (sha === undefined) {
    sha = createHash('sha256').update(readFileSync(jar)).digest('hex');
    jarHashes.set(id, sha);
  }
  return sha;
}

/** Every module of a spec folder as hash parts (`spec/<file>`): an answer of TLC depends on all that a wrapper may EXTEND or INSTANCE. */
export function specModuleParts(specDir: string): HashPart[] {
  return filesIn(specDir, '.', '.tla').map((f): HashPart => [`spec/${f}`, readFileSync(join(specDir, f))]);
}

/** The runner package's folder, found by its package name. */
const RUNNER_DIR = dirname(createRequire(import.meta.url).resolve('tla2tools-runner/package.json'));

/** The runner's sources as hash parts: a cached TLC answer depends on how TLC was run and its output read. */
export function runnerSourceParts(): HashPart[] {
  return filesIn(RUNNER_DIR, '.', '.ts').map((f): HashPart => [`runner/${f}`, readFileSync(join(RUNNER_DIR, f))]);
}
