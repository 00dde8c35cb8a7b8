// Waiting on a shared Int32 cell, the two ways a thread can: blocking (Atomics.wait) and
// asynchronous (Atomics.waitAsync), plus the timeout and abort plumbing both primitives share.

export type WaitResult = "ok" | "not-equal" | "timed-out";

/** `Symbol.dispose`, or the registered symbol the `using` down-levelling falls back to. */
export const dispose: typeof Symbol.dispose = (Symbol.dispose ??
  Symbol.for("Symbol.dispose")) as typeof Symbol.dispose;

// Whether this thread may block. Node, Deno and Bun allow Atomics.wait even on their main
// thread; a browser main thread throws. Found out by trying: the value differs, so it returns
// "not-equal" at once wherever blocking is allowed.
const canBlock: boolean = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

export function assertCanBlock(what: string): void {
  if (!canBlock) {
    throw new TypeError(
      `experimental-threads: ${what} cannot block this thread (Atomics.wait is not allowed here); ` +
        `use the asynchronous form instead`,
    );
  }
}

/** The absolute deadline (performance.now() clock) for a `timeout` option in ms. */
export function deadlineAfter(timeout: number | undefined, what: string): number {
  if (timeout === undefined) return Infinity;
  if (typeof timeout !== "number" || !(timeout >= 0)) {
    throw new RangeError(`experimental-threads: ${what}: timeout must be a number >= 0 (ms), got ${String(timeout)}`);
  }
  return performance.now() + timeout;
}

export function timeoutError(what: string, timeout: number | undefined): DOMException {
  return new DOMException(`experimental-threads: ${what} timed out after ${timeout} ms`, "TimeoutError");
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

// A pending Atomics.waitAsync does not keep Node, Deno or Bun alive: with nothing else to do
// the process exits under the waiter's feet. One ref'd timer is held while any async wait of
// this thread is pending. It never fires (no polling, no spinning core).
let pendingWaits = 0;
let keepAliveTimer: ReturnType<typeof setInterval> | undefined;

function holdProcess(): void {
  if (pendingWaits++ === 0) keepAliveTimer = setInterval(() => {}, 2 ** 30);
}

function releaseProcess(): void {
  if (--pendingWaits === 0) clearInterval(keepAliveTimer);
}

const nativeWaitAsync = typeof Atomics.waitAsync === "function" ? Atomics.waitAsync : undefined;

/**
 * Waits until `cells[index]` is notified while holding `expected`, or `timeout` ms pass.
 * Returns a plain string when the answer is known at once (no microtask), else a promise that
 * rejects with the signal's reason on abort.
 */
export function waitAsync(
  cells: Int32Array,
  index: number,
  expected: number,
  timeout: number,
  signal: AbortSignal | undefined,
): WaitResult | Promise<WaitResult> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (!nativeWaitAsync) return pollUntilChanged(cells, index, expected, timeout, signal);
  const pending = nativeWaitAsync(cells, index, expected, timeout);
  if (!pending.async) return pending.value;
  holdProcess();
  if (!signal) {
    return pending.value.then((result) => {
      releaseProcess();
      return result;
    });
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      releaseProcess();
      // The abandoned waiter stays in the runtime's wait list, where it could swallow a notify
      // meant for a live waiter. Waking every waiter of the cell removes it; the others re-check
      // the state and sleep again.
      Atomics.notify(cells, index);
      reject(abortReason(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    pending.value.then((result) => {
      if (signal.aborted) return; // already rejected by onAbort
      signal.removeEventListener("abort", onAbort);
      releaseProcess();
      resolve(result);
    });
  });
}

// For a runtime without Atomics.waitAsync: re-reads the cell with a backoff from 0.25 ms up to
// 4 ms. Costs up to 4 ms of wake latency; the timers are ref'd, so the process stays alive.
function pollUntilChanged(
  cells: Int32Array,
  index: number,
  expected: number,
  timeout: number,
  signal: AbortSignal | undefined,
): WaitResult | Promise<WaitResult> {
  if (Atomics.load(cells, index) !== expected) return "not-equal";
  const deadline = performance.now() + timeout;
  return new Promise((resolve, reject) => {
    let delay = 0.25;
    const check = () => {
      if (signal?.aborted) return reject(abortReason(signal));
      if (Atomics.load(cells, index) !== expected) return resolve("ok");
      const left = deadline - performance.now();
      if (left <= 0) return resolve("timed-out");
      setTimeout(check, Math.min(delay, left));
      delay = Math.min(delay * 2, 4);
    };
    setTimeout(check, delay);
  });
}
