// Mutex<T>: mutual exclusion across threads, guarding a value (typically a SharedArrayBuffer).
// The lock state is a small SharedArrayBuffer of its own (see lock-word.ts for its layout and
// algorithm), so a Mutex travels between threads as a handle and every copy shares the lock.
//
// Poisoning (as Rust's): the holder's thread id is kept in the OWNER cell. A waiter that finds
// the holder dead (threads.ts: the pool marks workers that exit, crash, are terminated or time
// out) takes the lock over and marks it POISONED; every lock() of a poisoned mutex then rejects
// with a PoisonError that carries the guard (the lock is held by the caller), until
// clearPoison(). The holder's id is stored just after the lock word is won and cleared just
// before it is released: a thread that dies between those instructions is not noticed.

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import { acquireAsync, acquireSync, LOCK_CELLS, OWNER, release, seize, tryAcquire } from "./lock-word.js";
import { currentThread, isDead } from "./threads.js";
import { abortReason, assertCanBlock, deadlineAfter, dispose, timeoutError } from "./wait.js";
import { PoisonError } from "../errors.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

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

/** The cell after the lock word's: 1 once a holder died while holding the lock. */
const POISONED = LOCK_CELLS;
const MUTEX_CELLS = LOCK_CELLS + 1;
const me = currentThread + 1;

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
    Atomics.store(cells, OWNER, 0);
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
  Atomics.store(cells, OWNER, 0);
  return cells;
}

export function restoreGuard(guard: MutexGuard<unknown>, cells: Int32Array): void {
  Atomics.store(cells, OWNER, me);
  swapGuardCells(guard, cells);
}

// A waiter's check: is the holder dead? Then take the lock over, poisoned.
function takeoverOf(cells: Int32Array): () => boolean {
  return () => {
    const owner = Atomics.load(cells, OWNER);
    if (owner === 0 || owner === me || !isDead(owner - 1)) return false;
    if (Atomics.compareExchange(cells, OWNER, owner, me) !== owner) return false;
    seize(cells);
    Atomics.store(cells, POISONED, 1);
    return true;
  };
}

let reviveMutex: (data: MutexHandleData<unknown>) => Mutex<unknown>;

export class Mutex<T = SharedArrayBuffer> implements Transportable {
  #cells: Int32Array;
  readonly #value: T;
  #takeover: () => boolean;

  constructor(value?: T) {
    this.#cells = new Int32Array(new SharedArrayBuffer(MUTEX_CELLS * 4));
    this.#value = value as T;
    this.#takeover = takeoverOf(this.#cells);
  }

  /**
   * The guard if the lock is free right now, else null. Never waits.
   * @throws PoisonError (holding the guard) if the mutex is poisoned
   */
  tryLock(): MutexGuard<T> | null {
    if (!tryAcquire(this.#cells)) return null;
    const guard = this.#held();
    if (Atomics.load(this.#cells, POISONED) !== 0) throw new PoisonError(guard);
    return guard;
  }

  /**
   * Waits without blocking the thread. A free lock is taken synchronously (no waiting task).
   * Rejects with a PoisonError (holding the guard) if the mutex is poisoned.
   */
  lock(options?: LockOptions): Promise<MutexGuard<T>> {
    checkOptions("Mutex.lock()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (tryAcquire(this.#cells)) return this.#settled(this.#held());
    return this.#lockSlow(options?.timeout, signal);
  }

  async #lockSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<MutexGuard<T>> {
    if (!(await acquireAsync(this.#cells, deadlineAfter(timeout, "Mutex.lock()"), signal, this.#takeover))) {
      throw timeoutError("Mutex.lock()", timeout);
    }
    return this.#settled(this.#held());
  }

  /**
   * Blocks the thread until acquired (Atomics.wait). Allowed on the main thread of Node, Deno
   * and Bun, but it stalls that thread's event loop meanwhile; throws where blocking is not allowed.
   * @throws PoisonError (holding the guard) if the mutex is poisoned
   */
  lockSync(options?: { timeout?: number }): MutexGuard<T> {
    checkOptions("Mutex.lockSync()", options, BLOCKING_WAIT_OPTIONS);
    assertCanBlock("Mutex.lockSync()");
    if (!tryAcquire(this.#cells)) {
      const timeout = options?.timeout;
      if (!acquireSync(this.#cells, deadlineAfter(timeout, "Mutex.lockSync()"), this.#takeover)) {
        throw timeoutError("Mutex.lockSync()", timeout);
      }
    }
    const guard = this.#held();
    if (Atomics.load(this.#cells, POISONED) !== 0) throw new PoisonError(guard);
    return guard;
  }

  /** Whether a thread died while holding the lock (and clearPoison() was not called since). */
  get poisoned(): boolean {
    return Atomics.load(this.#cells, POISONED) !== 0;
  }

  /** Marks the guarded value as repaired: lock() succeeds again. */
  clearPoison(): void {
    Atomics.store(this.#cells, POISONED, 0);
  }

  #held(): MutexGuard<T> {
    Atomics.store(this.#cells, OWNER, me);
    return new MutexGuard(guardKey, this.#cells, this.#value);
  }

  #settled(guard: MutexGuard<T>): Promise<MutexGuard<T>> {
    if (Atomics.load(this.#cells, POISONED) !== 0) return Promise.reject(new PoisonError(guard));
    return Promise.resolve(guard);
  }

  [toHandle](): Handle & { kind: "Mutex"; data: MutexHandleData<T> } {
    return { kind: "Mutex", data: { state: this.#cells.buffer as SharedArrayBuffer, value: this.#value } };
  }

  static {
    reviveMutex = (data) => {
      const mutex = new Mutex(data.value);
      mutex.#cells = new Int32Array(data.state);
      mutex.#takeover = takeoverOf(mutex.#cells);
      return mutex;
    };
  }
}

registerHandleKind("Mutex", (data: MutexHandleData<unknown>) => reviveMutex(data));
