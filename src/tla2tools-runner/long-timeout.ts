/** setTimeout's longest delay (2^31 − 1 ms, ~24.8 days); longer ones fire after 1 ms with a TimeoutOverflowWarning. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** A pending {@link setLongTimeout}. */
export interface LongTimeout {
  cancel(): void;
}

/** Like setTimeout, for any finite delay: waits in steps no longer than setTimeout allows. */
export function setLongTimeout(fn: () => void, ms: number): LongTimeout {
  let timer: NodeJS.Timeout;
  const arm = (left: number): void => {
    timer = setTimeout(() => (left > MAX_DELAY_MS ? arm(left - MAX_DELAY_MS) : fn()), Math.min(left, MAX_DELAY_MS));
  };
  arm(ms);
  return { cancel: () => clearTimeout(timer) };
}
