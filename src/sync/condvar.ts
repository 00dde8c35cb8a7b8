// Condvar: lets threads holding a Mutex sleep until another thread signals that the state they
// wait for may have changed. Its state is a small SharedArrayBuffer of its own, so a Condvar
// travels between threads as a handle and every copy shares the waiters.
//
// Cells of the Int32Array:
//   SEQ       bumped by every notify; waiters sleep on it
//   WAITERS   threads between registering in wait() and waking up: notify calls
//             Atomics.notify only while this is non-zero
//
// No lost wake-ups: a waiter reads SEQ while it still holds the mutex, registers, unlocks, and
// sleeps only while SEQ still holds what it read. A notifier (which changed the state under the
// mutex, or at least after the waiter's check) bumps SEQ before it looks at WAITERS, so either
// the sleep sees the new SEQ ("not-equal") or the notifier sees the waiter and wakes it.
//
// A waiter returns only once SEQ has moved past the value it read (a wake-up without a notify,
// such as an aborted wait elsewhere clearing itself out of the runtime's wait list, puts it back
// to sleep). Still, like every condition variable, a wait may return without a notify meant
// for it: a notifyOne racing with a waiter that has not fallen asleep yet releases that waiter
// and wakes a sleeper too. Re-check the condition in a loop, or use waitWhile().

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import { acquireAsync, acquireSync, release, tryAcquire } from "./lock-word.js";
import { detachGuard, restoreGuard, type LockOptions, type MutexGuard } from "./mutex.js";
import { abortReason, assertCanBlock, deadlineAfter, timeoutError, waitAsync } from "./wait.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

const SEQ = 0;
const WAITERS = 1;
const CONDVAR_CELLS = 2;

export interface CondvarHandleData {
  state: SharedArrayBuffer;
}

let reviveCondvar: (data: CondvarHandleData) => Condvar;

/**
 * A condition variable for Mutex guards, shared across threads.
 *
 * `wait(guard)` resolves with the same guard object it was given, locked again: a guard bound
 * with `using` stays the one to dispose. The guard is locked again however the wait ends: also
 * when it rejects (timeout, abort), so the caller's `using` / `finally` unlocks as usual. While
 * the wait sleeps, the guard is detached from its lock: `guard.unlock()` then does nothing.
 */
export class Condvar implements Transportable {
  #cells: Int32Array;

  constructor() {
    this.#cells = new Int32Array(new SharedArrayBuffer(CONDVAR_CELLS * 4));
  }

  /**
   * Unlocks the guard's mutex and waits, without blocking the thread, for a notify; then locks
   * the mutex again and resolves with the guard. The timeout bounds the wait for the notify, not
   * the re-lock. On timeout rejects with a "TimeoutError" DOMException, on abort with the
   * signal's reason, in both cases after locking the mutex again.
   */
  async wait<T>(guard: MutexGuard<T>, options?: LockOptions): Promise<MutexGuard<T>> {
    checkOptions("Condvar.wait()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    if (signal?.aborted) throw abortReason(signal);
    const timeout = options?.timeout;
    await this.#wait(guard, deadlineAfter(timeout, "Condvar.wait()"), signal, "Condvar.wait()", timeout);
    return guard;
  }

  /**
   * Waits (as wait()) until `condition(guard.value)` is false, checking it first while still
   * holding the mutex; resolves with the guard, locked. The timeout bounds the whole call.
   */
  async waitWhile<T>(guard: MutexGuard<T>, condition: (value: T) => boolean, options?: LockOptions): Promise<MutexGuard<T>> {
    checkOptions("Condvar.waitWhile()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    const timeout = options?.timeout;
    const deadline = deadlineAfter(timeout, "Condvar.waitWhile()");
    while (condition(guard.value)) {
      if (signal?.aborted) throw abortReason(signal);
      await this.#wait(guard, deadline, signal, "Condvar.waitWhile()", timeout);
    }
    return guard;
  }

  async #wait(
    guard: MutexGuard<unknown>,
    deadline: number,
    signal: AbortSignal | undefined,
    what: string,
    timeout: number | undefined,
  ): Promise<void> {
    const cv = this.#cells;
    const lock = detachGuard(guard, what);
    const seq = Atomics.load(cv, SEQ);
    Atomics.add(cv, WAITERS, 1);
    release(lock);
    let failed = false;
    let failure: unknown;
    try {
      for (;;) {
        const time = deadline - performance.now();
        if (time <= 0) {
          failed = true;
          failure = timeoutError(what, timeout);
          break;
        }
        const result = waitAsync(cv, SEQ, seq, time, signal);
        if (typeof result !== "string") await result;
        // Notified (or notified as it timed out): a notify is never dropped on the floor.
        if (Atomics.load(cv, SEQ) !== seq) break;
      }
    } catch (error) {
      failed = true;
      failure = error;
    }
    Atomics.sub(cv, WAITERS, 1);
    if (!tryAcquire(lock)) await acquireAsync(lock, Infinity, undefined);
    restoreGuard(guard, lock);
    if (failed) throw failure;
  }

  /**
   * Blocks the thread (Atomics.wait) as wait() does; returns the same guard, locked again (also
   * when it throws a TimeoutError). Throws where blocking is not allowed.
   */
  waitSync<T>(guard: MutexGuard<T>, options?: { timeout?: number }): MutexGuard<T> {
    checkOptions("Condvar.waitSync()", options, BLOCKING_WAIT_OPTIONS);
    assertCanBlock("Condvar.waitSync()");
    const timeout = options?.timeout;
    this.#waitSync(guard, deadlineAfter(timeout, "Condvar.waitSync()"), "Condvar.waitSync()", timeout);
    return guard;
  }

  /** Blocks (as waitSync()) until `condition(guard.value)` is false; the timeout bounds the whole call. */
  waitWhileSync<T>(guard: MutexGuard<T>, condition: (value: T) => boolean, options?: { timeout?: number }): MutexGuard<T> {
    checkOptions("Condvar.waitWhileSync()", options, BLOCKING_WAIT_OPTIONS);
    assertCanBlock("Condvar.waitWhileSync()");
    const timeout = options?.timeout;
    const deadline = deadlineAfter(timeout, "Condvar.waitWhileSync()");
    while (condition(guard.value)) this.#waitSync(guard, deadline, "Condvar.waitWhileSync()", timeout);
    return guard;
  }

  #waitSync(guard: MutexGuard<unknown>, deadline: number, what: string, timeout: number | undefined): void {
    const cv = this.#cells;
    const lock = detachGuard(guard, what);
    const seq = Atomics.load(cv, SEQ);
    Atomics.add(cv, WAITERS, 1);
    release(lock);
    let timedOut = false;
    for (;;) {
      const time = deadline - performance.now();
      if (time <= 0) {
        timedOut = true;
        break;
      }
      Atomics.wait(cv, SEQ, seq, time);
      if (Atomics.load(cv, SEQ) !== seq) break;
    }
    Atomics.sub(cv, WAITERS, 1);
    if (!tryAcquire(lock)) acquireSync(lock, Infinity);
    restoreGuard(guard, lock);
    if (timedOut) throw timeoutError(what, timeout);
  }

  /** Wakes one waiting thread (at least one if any waits). No Atomics.notify when nobody waits. */
  notifyOne(): void {
    Atomics.add(this.#cells, SEQ, 1);
    if (Atomics.load(this.#cells, WAITERS) !== 0) Atomics.notify(this.#cells, SEQ, 1);
  }

  /** Wakes every waiting thread; they re-lock the mutex one at a time. */
  notifyAll(): void {
    Atomics.add(this.#cells, SEQ, 1);
    if (Atomics.load(this.#cells, WAITERS) !== 0) Atomics.notify(this.#cells, SEQ);
  }

  [toHandle](): Handle & { kind: "Condvar"; data: CondvarHandleData } {
    return { kind: "Condvar", data: { state: this.#cells.buffer as SharedArrayBuffer } };
  }

  static {
    reviveCondvar = (data) => {
      const condvar = new Condvar();
      condvar.#cells = new Int32Array(data.state);
      return condvar;
    };
  }
}

registerHandleKind("Condvar", (data: CondvarHandleData) => reviveCondvar(data));
