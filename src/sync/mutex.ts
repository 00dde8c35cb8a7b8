// Mutex<T>: mutual exclusion across threads, guarding a value (typically a SharedArrayBuffer).
// The lock state is a small SharedArrayBuffer of its own (see lock-word.ts for its layout and
// algorithm), so a Mutex travels between threads as a handle and every copy shares the lock.

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import { acquireAsync, acquireSync, LOCK_CELLS, release, tryAcquire } from "./lock-word.js";
import { abortReason, assertCanBlock, deadlineAfter, dispose, timeoutError } from "./wait.js";

export interface LockOptions {
  /** Rejects the pending lock() with the signal's reason when aborted. */
  signal?: AbortSignal;
  /** Gives up after this many ms with a "TimeoutError" DOMException. */
  timeout?: number;
}

export interface MutexHandleData<T> {
  state: SharedArrayBuffer;
  value: T;
}

// Guards are made only by Mutex: a guard unlocks whatever lock word it holds.
const guardKey = Symbol("MutexGuard");

// Set by MutexGuard's static block (before any guard exists): lets Condvar borrow a guard's lock word.
let swapGuardCells: (guard: MutexGuard<unknown>, cells: Int32Array | null) => Int32Array | null;

/** Proof of holding a Mutex, and access to its value. Unlock with unlock() or `using`. */
export class MutexGuard<T> implements Disposable {
  #cells: Int32Array | null;
  readonly #value: T;

  constructor(key: symbol, cells: Int32Array, value: T) {
    if (key !== guardKey) throw new TypeError("experimental-threads: a MutexGuard comes from Mutex.lock()");
    this.#cells = cells;
    this.#value = value;
  }

  /** The value the mutex guards. */
  get value(): T {
    return this.#value;
  }

  /**
   * Releases the lock. A guard releases once: calling it again is a no-op, so it can never
   * release a lock that another holder has acquired since.
   */
  unlock(): void {
    const cells = this.#cells;
    if (cells === null) return;
    this.#cells = null;
    release(cells);
  }

  [dispose](): void {
    this.unlock();
  }

  static {
    swapGuardCells = (guard, cells) => {
      const held = guard.#cells;
      guard.#cells = cells;
      return held;
    };
  }
}

/**
 * For Condvar (internal, not exported from the package): takes the lock word away from a held
 * guard, which then unlocks nothing, so the caller can release and re-acquire it; `restoreGuard`
 * gives it back once re-acquired. Throws a TypeError if `guard` is not a MutexGuard holding its lock.
 */
export function detachGuard(guard: MutexGuard<unknown>, what: string): Int32Array {
  const cells = guard instanceof MutexGuard ? swapGuardCells(guard, null) : null;
  if (cells === null) throw new TypeError(`experimental-threads: ${what} needs the guard of a locked Mutex`);
  return cells;
}

export function restoreGuard(guard: MutexGuard<unknown>, cells: Int32Array): void {
  swapGuardCells(guard, cells);
}

let reviveMutex: (data: MutexHandleData<unknown>) => Mutex<unknown>;

export class Mutex<T = SharedArrayBuffer> implements Transportable {
  #cells: Int32Array;
  readonly #value: T;

  constructor(value?: T) {
    this.#cells = new Int32Array(new SharedArrayBuffer(LOCK_CELLS * 4));
    this.#value = value as T;
  }

  /** The guard if the lock is free right now, else null. Never waits. */
  tryLock(): MutexGuard<T> | null {
    return tryAcquire(this.#cells) ? new MutexGuard(guardKey, this.#cells, this.#value) : null;
  }

  /** Waits without blocking the thread. A free lock is taken synchronously (no waiting task). */
  lock(options?: LockOptions): Promise<MutexGuard<T>> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (tryAcquire(this.#cells)) return Promise.resolve(new MutexGuard(guardKey, this.#cells, this.#value));
    return this.#lockSlow(options?.timeout, signal);
  }

  async #lockSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<MutexGuard<T>> {
    if (!(await acquireAsync(this.#cells, deadlineAfter(timeout, "Mutex.lock()"), signal))) {
      throw timeoutError("Mutex.lock()", timeout);
    }
    return new MutexGuard(guardKey, this.#cells, this.#value);
  }

  /**
   * Blocks the thread until acquired (Atomics.wait). Allowed on the main thread of Node, Deno
   * and Bun, but it stalls that thread's event loop meanwhile; throws where blocking is not allowed.
   */
  lockSync(options?: { timeout?: number }): MutexGuard<T> {
    assertCanBlock("Mutex.lockSync()");
    if (!tryAcquire(this.#cells)) {
      const timeout = options?.timeout;
      if (!acquireSync(this.#cells, deadlineAfter(timeout, "Mutex.lockSync()"))) {
        throw timeoutError("Mutex.lockSync()", timeout);
      }
    }
    return new MutexGuard(guardKey, this.#cells, this.#value);
  }

  [toHandle](): Handle & { kind: "Mutex"; data: MutexHandleData<T> } {
    return { kind: "Mutex", data: { state: this.#cells.buffer as SharedArrayBuffer, value: this.#value } };
  }

  static {
    reviveMutex = (data) => {
      const mutex = new Mutex(data.value);
      mutex.#cells = new Int32Array(data.state);
      return mutex;
    };
  }
}

registerHandleKind("Mutex", (data: MutexHandleData<unknown>) => reviveMutex(data));
