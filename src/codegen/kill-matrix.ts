/**
 * Strength of the conformance suite against the implementation's bug
 * options: each variant is run on the mainline traces (with state
 * comparison); a variant is killed when some trace diverges. The first
 * failing trace is enough, so killed variants cost little.
 */
import { VARIANT_NAMES, type VariantName } from '../protocol/variants.ts';
import { describeFailure, replayTrace } from './replay.ts';
import { expandTrace, type TraceFile } from './trace-format.ts';

/** What one variant did to the suite. */
export interface VariantKill {
  readonly variant: VariantName;
  readonly killed: boolean;
  /** The first failing trace, described (killed variants). */
  readonly by?: string;
  /** Traces and steps replayed until the kill (or in all). */
  readonly traces: number;
  readonly steps: number;
}

/** Replays `files` (mainline traces) under each variant until one trace fails. */
export async function killMatrix(files: readonly TraceFile[], variants: readonly VariantName[] = VARIANT_NAMES.filter((v) => v !== 'mainline')): Promise<VariantKill[]> {
  const out: VariantKill[] = [];
  for (const variant of variants) {
    let traces = 0;
    let steps = 0;
    let by: string | undefined;
    search: for (const file of files) {
      for (const entry of file.traces) {
        const r = await replayTrace(expandTrace(file, entry), { variant, checkViolations: false });
        traces++;
        steps += r.stepsReplayed;
        if (r.failure) {
          by = describeFailure(r);
          break search;
        }
      }
    }
    out.push({ variant, killed: by !== undefined, ...(by ? { by } : {}), traces, steps });
  }
  return out;
}
