/**
 * Options of the notifier core: the bug variant (the names of
 * src/protocol/variants.ts; default mainline), the scheduler, the step
 * observer. Validated up front so a typo cannot silently select mainline.
 */
import { VARIANT_NAMES, type VariantName } from '../protocol/index.ts';
import { OptionsError } from './errors.ts';
import { FREE_RUNNING, type Scheduler, type StepObserver } from './scheduler.ts';

/** Options of `new Subscriptions(options)`. */
export interface NotifierOptions {
  /** Bug variant to reproduce; default "mainline". */
  variant?: VariantName;
  /** Step-point scheduler; default the free-running one. */
  scheduler?: Scheduler;
  /** Called at the start of every atomic step the core takes. */
  observer?: StepObserver;
  /** invalidate_seq at allocation: an even integer >= 2 (kernel: 2). */
  initialSeq?: number;
}

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  readonly variant: VariantName;
  readonly scheduler: Scheduler;
  readonly observer: StepObserver | undefined;
  readonly initialSeq: number;
}

/** Validates `options`; throws OptionsError naming the bad field and what is allowed. */
export function resolveOptions(options: NotifierOptions = {}): ResolvedOptions {
  const variant = options.variant ?? 'mainline';
  if (!(VARIANT_NAMES as string[]).includes(variant)) {
    throw new OptionsError(`unknown variant "${String(variant)}": use one of ${VARIANT_NAMES.join(', ')}`);
  }
  const scheduler = options.scheduler ?? FREE_RUNNING;
  if (typeof (scheduler as Partial<Scheduler>).point !== 'function') {
    throw new OptionsError('scheduler must have a point(task, label, blocker?) method');
  }
  if (options.observer !== undefined && typeof options.observer !== 'function') {
    throw new OptionsError('observer must be a function (task, action, args) => void');
  }
  const initialSeq = options.initialSeq ?? 2;
  if (!Number.isSafeInteger(initialSeq) || initialSeq < 2 || initialSeq % 2 !== 0) {
    throw new OptionsError(`initialSeq must be an even integer >= 2 (got ${String(initialSeq)}); the kernel starts at 2`);
  }
  return { variant, scheduler, observer: options.observer, initialSeq };
}
