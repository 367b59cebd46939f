/**
 * The constants of a mainline model (spec/MMUNotifier.tla's CONSTANTS), as
 * `World` takes them; src/codegen/world-config.ts builds them from the
 * constants TLC prints.
 */
import { type ThreadKind, type VariantName } from '../../protocol/index.ts';
import { OptionsError } from '../errors.ts';
import { type MirrorDriverConfig } from '../mirror-driver.ts';

/** A subscription of the model: its id and bounds (SubList order = tree tie-break). */
export interface SubSpec {
  readonly id: string;
  readonly start: number;
  readonly last: number;
}

/** The constants of a model (the spec's CONSTANTS). */
export interface WorldConfig {
  readonly variant?: VariantName;
  readonly npages: number;
  /** SubList, SubStart, SubLast. */
  readonly subs: readonly SubSpec[];
  readonly invalidators: readonly string[];
  readonly faulters: readonly string[];
  /** Mgr (default "m"). */
  readonly mgr?: string;
  /** InvRanges: <<first page, last page>> an invalidation may cover. */
  readonly invRanges: ReadonlyArray<readonly [number, number]>;
  /** Blockable (default both). */
  readonly blockable?: readonly boolean[];
  readonly maxInv: number;
  readonly maxFaults: number;
  readonly maxTries: number;
  /**
   * The mirror driver's shape: dmirror (default: the callback zaps, the free
   * after remove drops the interval's entries) or nouveau (the interval
   * callback only calls set_seq, the zapping is its hlist notifier's, the
   * GPU PTE outlives the fault-window interval; spec/HlistNotifier.tla).
   */
  readonly driverShape?: 'dmirror' | 'nouveau';
  /** The owner-skip world's driver settings (src/impl/ownerskip): its callback for its own migrations, its fault path. */
  readonly driverHooks?: Pick<MirrorDriverConfig, 'ownerSkip' | 'faultPath'>;
  /** Not a constant: the source of choices a step is not given (an index in [0, n)). Default: the first. */
  readonly choose?: (n: number) => number;
}

/** A WorldConfig with its defaults filled in. */
export type ResolvedWorldConfig = WorldConfig & { readonly mgr: string; readonly blockable: readonly boolean[] };

/** Validates `c` (throws OptionsError naming the bad constant) and fills in the defaults. */
export function resolveWorldConfig(c: WorldConfig): ResolvedWorldConfig {
  const posInt = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;
  if (!posInt(c.npages) || c.npages < 1) throw new OptionsError(`npages must be a positive integer (got ${String(c.npages)})`);
  for (const k of ['maxInv', 'maxFaults', 'maxTries'] as const) {
    if (!posInt(c[k])) throw new OptionsError(`${k} must be a non-negative integer (got ${String(c[k])})`);
  }
  const ids = new Set<string>();
  for (const s of c.subs) {
    if (ids.has(s.id)) throw new OptionsError(`subscription id ${s.id} is used twice`);
    ids.add(s.id);
    if (!(1 <= s.start && s.start <= s.last && s.last <= c.npages)) {
      throw new OptionsError(`subscription ${s.id} = [${s.start}, ${s.last}] must lie within pages 1..${c.npages}`);
    }
  }
  for (const [a, b] of c.invRanges) {
    if (!(1 <= a && a <= b && b <= c.npages)) throw new OptionsError(`invalidation range [${a}, ${b}] must lie within 1..${c.npages}`);
  }
  const threads = [...c.invalidators, ...c.faulters, c.mgr ?? 'm'];
  if (new Set(threads).size !== threads.length) throw new OptionsError(`thread ids must be distinct: ${threads.join(', ')}`);
  return { mgr: 'm', blockable: [true, false], ...c };
}

/** The kind of thread `id` of the model (the spec's Invalidators, Faulters, Mgr), or undefined. */
export function threadKindOf(c: ResolvedWorldConfig, id: string): ThreadKind | undefined {
  if (c.invalidators.includes(id)) return 'invalidator';
  if (c.faulters.includes(id)) return 'faulter';
  return id === c.mgr ? 'manager' : undefined;
}
