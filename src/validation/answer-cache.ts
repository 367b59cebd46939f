/**
 * TLC's stored answers on generated specs (trace specs and successor
 * probes), for callers that judge the same runs again and again: the
 * mutation run replays the validation suite once per mutant, and most
 * mutants leave every recorded run as it was. TLC's answer on a generated
 * spec depends only on the module and cfg text, the spec modules it
 * instantiates, the jar, the runner that reads TLC's output and the
 * outcomes the caller accepts; the key covers
 * all of them (src/codegen/cache-key.ts's content hash), so a mutant that
 * changes one recorded state changes the module and is judged by TLC.
 *
 * Opt-in (TlcSetup.answerCache): `mmu-notifier validate` and `npm test`
 * always run TLC. A stored answer keeps the duration of the run that made
 * it. One file per key, written atomically; an entry that does not parse
 * is a miss.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tlcResultSchema } from 'tla2tools-runner';
import { z } from 'zod';
import { contentHash, resolvedJarSha256, runnerSourceParts, specModuleParts, type HashPart } from '../codegen/cache-key.ts';
import { type TlcJob } from '../codegen/tlc-job.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { type GeneratedSpec } from './trace-module.ts';

const entrySchema = z.object({ key: z.string(), printed: z.array(z.string()), result: tlcResultSchema });

/** What the answer depends on besides the generated text. */
export interface AnswerInputs {
  readonly specDir: string;
  readonly jarRecordFile: string;
  readonly accept: readonly string[];
}

/** The key of TLC's answer on `spec`. */
export function answerKey(spec: GeneratedSpec, inputs: AnswerInputs): string {
  const parts: HashPart[] = [
    ...specModuleParts(inputs.specDir),
    ...runnerSourceParts(),
    ['module', spec.module],
    ['cfg', spec.cfg],
    ['jar', resolvedJarSha256({ jarRecordFile: inputs.jarRecordFile })],
    ['accept', JSON.stringify(inputs.accept)],
  ];
  return contentHash(parts);
}

/** The stored answer under `key` in `dir`, or null. */
export function storedAnswer(dir: string, key: string): TlcJob | null {
  const path = join(dir, `${key}.json`);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) return null; // a torn or hand-edited entry: a miss, replaced after the run
    throw err;
  }
  const entry = entrySchema.safeParse(raw);
  return entry.success && entry.data.key === key ? { result: entry.data.result, printed: entry.data.printed } : null;
}

/** Stores TLC's answer under `key` in `dir` (atomically; the folder is created). */
export function storeAnswer(dir: string, key: string, job: TlcJob): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, `${key}.json`), `${JSON.stringify({ key, printed: job.printed, result: job.result })}\n`);
}
