// Timers for any delay. setTimeout takes at most 2^31-1 ms: Node clamps a longer delay (and
// Infinity) to 1 ms with a TimeoutOverflowWarning, so a task with `timeout: Infinity` would be
// killed at once. Long delays are chained; Infinity never fires.

/** The longest delay one setTimeout honours. */
const MAX_DELAY = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
  /** The timer no longer keeps the process alive. */
  unref(): void;
}

const never: LongTimer = { clear() {}, unref() {} };

/** Calls `fire` after `ms` milliseconds (any number >= 0; Infinity: never). */
export function setLongTimeout(fire: () => void, ms: number): LongTimer {
  if (ms === Infinity) return never;
  if (ms <= MAX_DELAY) {
    const handle = setTimeout(fire, ms);
    return {
      clear: () => clearTimeout(handle),
      unref: () => (handle as { unref?: () => void }).unref?.(),
    };
  }
  let handle: ReturnType<typeof setTimeout>;
  let unrefd = false;
  const due = performance.now() + ms;
  const arm = (delay: number) => {
    handle = setTimeout(() => {
      const left = due - performance.now();
      if (left > 0.5) arm(left);
      else fire();
    }, Math.min(delay, MAX_DELAY));
    if (unrefd) (handle as { unref?: () => void }).unref?.();
  };
  arm(ms);
  return {
    clear: () => clearTimeout(handle),
    unref() {
      unrefd = true;
      (handle as { unref?: () => void }).unref?.();
    },
  };
}
