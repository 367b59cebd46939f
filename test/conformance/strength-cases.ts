/**
 * The cases by which test/conformance measures its own strength, shared by
 * the vitest files (bug-options, owner-skip-settings) and the Stryker
 * suite (mutation-suite.mutation.ts), which reads the same traces from the
 * trace folder instead of generating them.
 */
import { enabledSteps } from '../../src/codegen/enabled-steps.ts';
import { replayTrace, type ReplayReport } from '../../src/codegen/replay.ts';
import { expandTrace, type TraceFile } from '../../src/codegen/trace-format.ts';
import { DMIRROR_AS_WRITTEN, type OwnerSkipSetting } from '../../src/impl/ownerskip/config.ts';

/**
 * Bug options that no mainline trace can tell apart. deferred_fifo: the
 * deferred list is applied as a whole inside one atomic step (the last
 * mn_itree_inv_end), and no model puts two operations on one subscription
 * into it, so the order is not observable (spec/MCHolePunchTwoUnmapsFifo has
 * the same state count as its LIFO counterpart).
 */
export const UNOBSERVABLE_VARIANTS: ReadonlySet<string> = new Set(['deferred_fifo']);

/** The setting of MCExport_OwnerSkip: the fix (set_seq), everything else as dmirror has it. */
export const OWNER_SKIP_FIX: OwnerSkipSetting = { ...DMIRROR_AS_WRITTEN, ownerSkip: 'set_seq' };

/** Every other setting of spec/OwnerSkip.tla, with the kind of failure its replay must end in. */
export const OWNER_SKIP_OTHERS: ReadonlyArray<readonly [name: string, setting: OwnerSkipSetting, kind: 'enabled' | 'mismatch']> = [
  ['the skip as written', DMIRROR_AS_WRITTEN, 'enabled'],
  ['no skip (the zap runs)', { ...OWNER_SKIP_FIX, ownerSkip: 'none' }, 'enabled'],
  ['no migration entries', { ...OWNER_SKIP_FIX, migrationEntries: false }, 'mismatch'],
  ['finalize without the mutex', { ...OWNER_SKIP_FIX, finalizeTakesLock: false }, 'enabled'],
  ['finalize without the store', { ...OWNER_SKIP_FIX, finalizeStores: false }, 'mismatch'],
];

/** The first replay of `file`'s traces on `setting` that fails (full state and the spec's enabled steps), if any. */
export async function firstOwnerSkipFailure(file: TraceFile, setting: OwnerSkipSetting): Promise<ReplayReport | undefined> {
  const enabled = enabledSteps(file);
  for (const entry of file.traces) {
    const r = await replayTrace(expandTrace(file, entry), { ownerSkipSetting: setting, enabled });
    if (r.failure) return r;
  }
  return undefined;
}
