// Semaphore: a count of permits shared across threads; acquire(n) takes n, release(n) returns n.
//
// Waiting acquirers go through a turnstile (a lock word, see lock-word.ts) one at a time: the
// one holding it is the head, which alone waits for enough permits, takes them and lets the
// next through. So a large request at the head is never overtaken by small ones, a release
// wakes at most the head (never a crowd that mostly goes back to sleep), and while anyone is
// queued the fast path stays closed to newcomers.

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import { acquireAsync, acquireSync, LOCK_CELLS, release as releaseTurn } from "./lock-word.js";
import { abortReason, assertCanBlock, deadlineAfter, dispose, timeoutError, waitAsync } from "./wait.js";
import type { LockOptions } from "./mutex.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

// Cells after the turnstile's lock word.
const PERMITS = 0; // permits available now
const QUEUED = 1; // acquirers in the slow path (queued or head): the fast path is closed
const HEAD_WAITING = 2; // 1 while the head sleeps on PERMITS: release() must notify
const SEMAPHORE_CELLS = 3;

const permitKey = Symbol("SemaphorePermit");

/** Permits taken from a Semaphore; gives them back once, however often released or disposed. */
export class SemaphorePermit implements Disposable {
  #semaphore: Semaphore | null;
  readonly #amount: number;

  constructor(key: symbol, semaphore: Semaphore, amount: number) {
    if (key !== permitKey) throw new TypeError("experimental-threads: a SemaphorePermit comes from Semaphore.acquire()");
    this.#semaphore = semaphore;
    this.#amount = amount;
  }

  get amount(): number {
    return this.#amount;
  }

  release(): void {
    const semaphore = this.#semaphore;
    if (semaphore === null) return;
    this.#semaphore = null;
    semaphore.release(this.#amount);
  }

  [dispose](): void {
    this.release();
  }
}

export interface SemaphoreHandleData {
  state: SharedArrayBuffer;
}

let reviveSemaphore: (data: SemaphoreHandleData) => Semaphore;

export class Semaphore implements Transportable {
  #turn: Int32Array;
  #cells: Int32Array;

  constructor(permits: number) {
    checkCount(permits, "new Semaphore(permits)", 0);
    const state = new SharedArrayBuffer((LOCK_CELLS + SEMAPHORE_CELLS) * 4);
    this.#turn = new Int32Array(state, 0, LOCK_CELLS);
    this.#cells = new Int32Array(state, LOCK_CELLS * 4, SEMAPHORE_CELLS);
    this.#cells[PERMITS] = permits;
  }

  /** A permit for `amount` if that many are free and nobody is queued, else null. Never waits. */
  tryAcquire(amount = 1): SemaphorePermit | null {
    checkCount(amount, "Semaphore.tryAcquire(amount)", 1);
    return Atomics.load(this.#cells, QUEUED) === 0 && this.#take(amount) < 0
      ? new SemaphorePermit(permitKey, this, amount)
      : null;
  }

  /**
   * Waits without blocking the thread until `amount` permits are taken, in arrival order.
   * A request for more permits than will ever be free waits forever (or until timeout/abort),
   * and so does everyone queued behind it.
   */
  acquire(amount = 1, options?: LockOptions): Promise<SemaphorePermit> {
    checkOptions("Semaphore.acquire()", options, WAIT_OPTIONS);
    checkCount(amount, "Semaphore.acquire(amount)", 1);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (Atomics.load(this.#cells, QUEUED) === 0 && this.#take(amount) < 0) {
      return Promise.resolve(new SemaphorePermit(permitKey, this, amount));
    }
    return this.#acquireSlow(amount, options?.timeout, signal);
  }

  async #acquireSlow(amount: number, timeout: number | undefined, signal: AbortSignal | undefined): Promise<SemaphorePermit> {
    const what = `Semaphore.acquire(${amount})`;
    const deadline = deadlineAfter(timeout, what);
    const cells = this.#cells;
    Atomics.add(cells, QUEUED, 1);
    try {
      if (!(await acquireAsync(this.#turn, deadline, signal))) throw timeoutError(what, timeout);
      try {
        for (;;) {
          const available = this.#headSleepsOn(amount);
          if (available < 0) break;
          const time = deadline - performance.now();
          if (time <= 0) throw timeoutError(what, timeout);
          const result = waitAsync(cells, PERMITS, available, time, signal);
          if (typeof result !== "string") await result;
        }
      } finally {
        Atomics.store(cells, HEAD_WAITING, 0);
        releaseTurn(this.#turn);
      }
    } finally {
      Atomics.sub(cells, QUEUED, 1);
    }
    return new SemaphorePermit(permitKey, this, amount);
  }

  /** Blocks the thread (Atomics.wait) until `amount` permits are taken, in arrival order. */
  acquireSync(amount = 1, options?: { timeout?: number }): SemaphorePermit {
    checkOptions("Semaphore.acquireSync()", options, BLOCKING_WAIT_OPTIONS);
    checkCount(amount, "Semaphore.acquireSync(amount)", 1);
    assertCanBlock("Semaphore.acquireSync()");
    const cells = this.#cells;
    if (Atomics.load(cells, QUEUED) === 0 && this.#take(amount) < 0) return new SemaphorePermit(permitKey, this, amount);
    const timeout = options?.timeout;
    const what = `Semaphore.acquireSync(${amount})`;
    const deadline = deadlineAfter(timeout, what);
    Atomics.add(cells, QUEUED, 1);
    try {
      if (!acquireSync(this.#turn, deadline)) throw timeoutError(what, timeout);
      try {
        for (;;) {
          const available = this.#headSleepsOn(amount);
          if (available < 0) break;
          const time = deadline - performance.now();
          if (time <= 0) throw timeoutError(what, timeout);
          Atomics.wait(cells, PERMITS, available, time);
        }
      } finally {
        Atomics.store(cells, HEAD_WAITING, 0);
        releaseTurn(this.#turn);
      }
    } finally {
      Atomics.sub(cells, QUEUED, 1);
    }
    return new SemaphorePermit(permitKey, this, amount);
  }

  /** Returns `amount` permits (also beyond the initial count) and wakes the head if it waits. */
  release(amount = 1): void {
    checkCount(amount, "Semaphore.release(amount)", 1);
    Atomics.add(this.#cells, PERMITS, amount);
    if (Atomics.load(this.#cells, HEAD_WAITING) !== 0) Atomics.notify(this.#cells, PERMITS, 1);
  }

  // The head's attempt: announces it may sleep (so a release either is seen by the read below
  // or notifies), then takes the permits if it can.
  #headSleepsOn(amount: number): number {
    Atomics.store(this.#cells, HEAD_WAITING, 1);
    return this.#take(amount);
  }

  // Takes `amount` permits if available: -1, else the count available (the value to sleep on).
  #take(amount: number): number {
    for (;;) {
      const available = Atomics.load(this.#cells, PERMITS);
      if (available < amount) return available;
      if (Atomics.compareExchange(this.#cells, PERMITS, available, available - amount) === available) return -1;
    }
  }

  [toHandle](): Handle & { kind: "Semaphore"; data: SemaphoreHandleData } {
    return { kind: "Semaphore", data: { state: this.#cells.buffer as SharedArrayBuffer } };
  }

  static {
    reviveSemaphore = (data) => {
      const semaphore = new Semaphore(0);
      semaphore.#turn = new Int32Array(data.state, 0, LOCK_CELLS);
      semaphore.#cells = new Int32Array(data.state, LOCK_CELLS * 4, SEMAPHORE_CELLS);
      return semaphore;
    };
  }
}

registerHandleKind("Semaphore", (data: SemaphoreHandleData) => reviveSemaphore(data));

function checkCount(count: number, what: string, min: number): void {
  if (!Number.isInteger(count) || count < min || count > 0x7fffffff) {
    throw new RangeError(`experimental-threads: ${what} must be an integer from ${min} to 2^31-1, got ${String(count)}`);
  }
}
