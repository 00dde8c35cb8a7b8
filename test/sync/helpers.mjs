// Helpers shared by the primitives' tests (main-thread side).

/** The disposal method of guards and permits (Symbol.dispose where the runtime has it). */
export const dispose = Symbol.dispose ?? Symbol.for("Symbol.dispose");

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds; fails the test after 10 s. */
export async function until(condition, what) {
  for (const start = Date.now(); !condition(); await sleep(2)) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
  }
}

/** Counts this thread's Atomics.notify calls until `restore()`. */
export function countingNotify() {
  const real = Atomics.notify;
  const spy = { calls: 0, restore: () => (Atomics.notify = real) };
  Atomics.notify = (...args) => (spy.calls++, real(...args));
  return spy;
}
