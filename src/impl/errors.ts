/**
 * Typed errors for misuse of the notifier API. Each one is thrown before any
 * state changes, so a caller that catches it finds the subscriptions exactly as
 * they were.
 */

/** Base class: every misuse error of the implementation. */
export class NotifierError extends Error {
  override readonly name: string = 'NotifierError';
}

/**
 * Length 0 or a range whose last page overflows: the kernel's -EOVERFLOW from
 * __mmu_interval_notifier_insert() (`start + length - 1` wraps, or length == 0).
 */
export class RangeOverflowError extends NotifierError {
  override readonly name = 'RangeOverflowError';
  /** The kernel's errno for this case. */
  readonly errno = -75;
  constructor(start: number, length: number) {
    super(
      `invalid range start=${start} length=${length}: the length must be a positive integer and ` +
        `start + length - 1 must not exceed Number.MAX_SAFE_INTEGER (kernel: -EOVERFLOW)`,
    );
  }
}

/** remove()/update() of a subscription that was never inserted, or that is already removed. */
export class NotInsertedError extends NotifierError {
  override readonly name = 'NotInsertedError';
  constructor(id: string, what: string) {
    super(`subscription ${id} ${what}: insert it first (each remove pairs with exactly one insert)`);
  }
}

/** insert() of a subscription that is already inserted (would corrupt the tree/list). */
export class AlreadyInsertedError extends NotifierError {
  override readonly name = 'AlreadyInsertedError';
  constructor(id: string) {
    super(`subscription ${id} is already inserted: remove it before inserting it again`);
  }
}

/**
 * A blocking call made from inside an invalidate callback. In the kernel this
 * self-deadlocks: remove()/read_begin() wait for the open epoch to close, and
 * the epoch closes only after this callback returns (docs/kernel-protocol.md §8 M22).
 */
export class CallbackContextError extends NotifierError {
  override readonly name = 'CallbackContextError';
  constructor(op: string, id: string) {
    super(
      `${op}() called from inside the invalidate callback of ${id}: it would wait for the epoch that ` +
        `this callback keeps open (self-deadlock). Defer the work (removeDeferred, update) or do it after the callback returns`,
    );
  }
}

/**
 * insert() on an mm whose last user has gone (exit_mmap has begun): the
 * kernel's WARN_ON(mm_users <= 0) and -EINVAL in __mmu_interval_notifier_insert().
 * A driver avoids it by inserting under mmget_not_zero().
 */
export class MmExitedError extends NotifierError {
  override readonly name = 'MmExitedError';
  /** The kernel's errno for this case. */
  readonly errno = -22;
  constructor(id: string) {
    super(`cannot insert subscription ${id}: the mm has exited (mm_users is 0; kernel: WARN and -EINVAL). Take an mm reference (mmget_not_zero) before inserting`);
  }
}

/** Bad constructor/world options (unknown variant, bad bounds, …). */
export class OptionsError extends NotifierError {
  override readonly name = 'OptionsError';
}

/** A v5/v6 call whose preconditions fail (e.g. removeDeferred without ops.release). */
export class ContractError extends NotifierError {
  override readonly name = 'ContractError';
}

/** The controlled scheduler was asked for a step the implementation cannot take. */
export class ScheduleError extends NotifierError {
  override readonly name = 'ScheduleError';
}
