// RwLock<T>: many readers or one writer across threads, guarding a value (typically a
// SharedArrayBuffer). Its state is a small SharedArrayBuffer of its own, so an RwLock travels
// between threads as a handle and every copy shares the lock.
//
// Cells of the Int32Array:
//   STATE         0 free, n > 0 held by n readers, WRITE_LOCKED (-1) held by a writer
//   WRITERS       writers inside the slow path (registered before they try): while any is
//                 there, new readers wait, so a stream of readers cannot starve a writer
//   READERS       readers inside the slow path
//   WRITER_SEQ    bumped to wake a writer; waiting writers sleep on it
//   READER_SEQ    bumped to wake the readers; waiting readers sleep on it
//
// Waiters register, read their sequence cell, try, and sleep while the sequence is unchanged.
// A releaser changes STATE first and then looks at the counts, so (every Atomics operation
// being sequentially consistent) either the waiter's try sees the release, or the releaser sees
// the waiter and bumps the sequence after the waiter read it: no lost wake-up. The uncontended
// unlocks (nobody registered) are an atomic update and two loads, with no Atomics.notify.
//
// Wake policy: a releaser that leaves the lock free wakes one writer if writers wait, else all
// waiting readers. A writer that gives up (timeout, abort) wakes the readers it was holding back.

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import type { LockOptions } from "./mutex.js";
import { abortReason, assertCanBlock, deadlineAfter, dispose, timeoutError, waitAsync } from "./wait.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

const STATE = 0;
const WRITERS = 1;
const READERS = 2;
const WRITER_SEQ = 3;
const READER_SEQ = 4;
const RWLOCK_CELLS = 5;

const FREE = 0;
const WRITE_LOCKED = -1;
const MAX_READERS = 0x7fffffff;

// One read-lock attempt: succeeds only while no writer holds or waits.
function tryReadLock(cells: Int32Array): boolean {
  for (;;) {
    const state = Atomics.load(cells, STATE);
    if (state < 0 || Atomics.load(cells, WRITERS) !== 0) return false;
    if (state === MAX_READERS) throw new RangeError("experimental-threads: too many readers hold the RwLock");
    if (Atomics.compareExchange(cells, STATE, state, state + 1) === state) return true;
  }
}

function tryWriteLock(cells: Int32Array): boolean {
  return Atomics.compareExchange(cells, STATE, FREE, WRITE_LOCKED) === FREE;
}

function wakeWriter(cells: Int32Array): void {
  Atomics.add(cells, WRITER_SEQ, 1);
  Atomics.notify(cells, WRITER_SEQ, 1);
}

function wakeReaders(cells: Int32Array): void {
  Atomics.add(cells, READER_SEQ, 1);
  Atomics.notify(cells, READER_SEQ);
}

function readUnlock(cells: Int32Array): void {
  // The last reader out hands the lock to a waiting writer (readers wait only behind writers).
  if (Atomics.sub(cells, STATE, 1) === 1 && Atomics.load(cells, WRITERS) !== 0) wakeWriter(cells);
}

function writeUnlock(cells: Int32Array): void {
  Atomics.store(cells, STATE, FREE);
  if (Atomics.load(cells, WRITERS) !== 0) wakeWriter(cells);
  else if (Atomics.load(cells, READERS) !== 0) wakeReaders(cells);
}

// A writer leaves the slow path without the lock: if it was the last writer waiting, the
// readers it held back may enter now; if the lock is free, another writer may have slept
// through a wake meant for it.
function writerDeparts(cells: Int32Array): void {
  const writers = Atomics.sub(cells, WRITERS, 1) - 1;
  const state = Atomics.load(cells, STATE);
  if (state === WRITE_LOCKED) return; // its unlock wakes whoever waits
  if (writers !== 0) {
    if (state === FREE) wakeWriter(cells);
  } else if (Atomics.load(cells, READERS) !== 0) {
    wakeReaders(cells);
  }
}

// The slow paths. `mode` picks the cells: a writer waits on WRITER_SEQ, a reader on READER_SEQ.
interface Side {
  readonly count: number;
  readonly seq: number;
  readonly attempt: (cells: Int32Array) => boolean;
  readonly depart: (cells: Int32Array) => void;
}

const writerSide: Side = { count: WRITERS, seq: WRITER_SEQ, attempt: tryWriteLock, depart: writerDeparts };
const readerSide: Side = {
  count: READERS,
  seq: READER_SEQ,
  attempt: tryReadLock,
  depart: (cells) => void Atomics.sub(cells, READERS, 1),
};

function acquireSync(cells: Int32Array, side: Side, deadline: number): boolean {
  Atomics.add(cells, side.count, 1);
  let registered = true;
  try {
    for (;;) {
      const seq = Atomics.load(cells, side.seq);
      if (side.attempt(cells)) {
        registered = false;
        Atomics.sub(cells, side.count, 1);
        return true;
      }
      const time = deadline - performance.now();
      if (time <= 0) return false;
      Atomics.wait(cells, side.seq, seq, time);
    }
  } finally {
    if (registered) side.depart(cells);
  }
}

async function acquireAsync(
  cells: Int32Array,
  side: Side,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  Atomics.add(cells, side.count, 1);
  let registered = true;
  try {
    for (;;) {
      const seq = Atomics.load(cells, side.seq);
      if (side.attempt(cells)) {
        registered = false;
        Atomics.sub(cells, side.count, 1);
        return true;
      }
      const time = deadline - performance.now();
      if (time <= 0) return false;
      const result = waitAsync(cells, side.seq, seq, time, signal);
      if (typeof result !== "string") await result;
    }
  } finally {
    if (registered) side.depart(cells);
  }
}

const guardKey = Symbol("RwLockGuard");

// The read and write guards differ only in how they release: one class holds the rest.
abstract class RwLockGuard<T> implements Disposable {
  #cells: Int32Array | null;
  readonly #value: T;

  constructor(key: symbol, cells: Int32Array, value: T, method: string) {
    if (key !== guardKey) throw new TypeError(`experimental-threads: an ${new.target.name} comes from RwLock.${method}()`);
    this.#cells = cells;
    this.#value = value;
  }

  /** The value the lock guards (a read guard's holder promises not to write: nothing enforces it). */
  get value(): T {
    return this.#value;
  }

  /** Releases this lock once; later calls are no-ops. */
  unlock(): void {
    const cells = this.#cells;
    if (cells === null) return;
    this.#cells = null;
    this.release(cells);
  }

  [dispose](): void {
    this.unlock();
  }

  protected abstract release(cells: Int32Array): void;
}

type MakeGuard<T, G> = (cells: Int32Array, value: T) => G;
// Module-level, so that taking a lock allocates no closure.
const readGuard = <T>(cells: Int32Array, value: T) => new RwLockReadGuard(guardKey, cells, value);
const writeGuard = <T>(cells: Int32Array, value: T) => new RwLockWriteGuard(guardKey, cells, value);

/** Proof of holding an RwLock for reading, and access to its value. Unlock with unlock() or `using`. */
export class RwLockReadGuard<T> extends RwLockGuard<T> {
  constructor(key: symbol, cells: Int32Array, value: T) {
    super(key, cells, value, "read");
  }

  protected release(cells: Int32Array): void {
    readUnlock(cells);
  }
}

/** Proof of holding an RwLock for writing, and access to its value. Unlock with unlock() or `using`. */
export class RwLockWriteGuard<T> extends RwLockGuard<T> {
  constructor(key: symbol, cells: Int32Array, value: T) {
    super(key, cells, value, "write");
  }

  protected release(cells: Int32Array): void {
    writeUnlock(cells);
  }
}

export interface RwLockHandleData<T> {
  state: SharedArrayBuffer;
  value: T;
}

let reviveRwLock: (data: RwLockHandleData<unknown>) => RwLock<unknown>;

/**
 * A readers-writer lock shared across threads. Writer-preferring: once a writer waits, new
 * readers wait behind it, so writers are not starved by a stream of readers (readers can be
 * starved by a stream of writers instead). Not reentrant: a thread that holds it and asks again
 * waits for itself.
 */
export class RwLock<T = SharedArrayBuffer> implements Transportable {
  #cells: Int32Array;
  readonly #value: T;

  constructor(value?: T) {
    this.#cells = new Int32Array(new SharedArrayBuffer(RWLOCK_CELLS * 4));
    this.#value = value as T;
  }

  /** A read guard if no writer holds or waits right now, else null. Never waits. */
  tryRead(): RwLockReadGuard<T> | null {
    return tryReadLock(this.#cells) ? readGuard(this.#cells, this.#value) : null;
  }

  /** A write guard if the lock is free right now, else null. Never waits. */
  tryWrite(): RwLockWriteGuard<T> | null {
    return tryWriteLock(this.#cells) ? writeGuard(this.#cells, this.#value) : null;
  }

  /** Waits without blocking the thread for a read lock; taken synchronously when available. */
  read(options?: LockOptions): Promise<RwLockReadGuard<T>> {
    checkOptions("RwLock.read()", options, WAIT_OPTIONS);
    return this.#take(readerSide, "RwLock.read()", readGuard<T>, options);
  }

  /** Waits without blocking the thread for the write lock; taken synchronously when free. */
  write(options?: LockOptions): Promise<RwLockWriteGuard<T>> {
    checkOptions("RwLock.write()", options, WAIT_OPTIONS);
    return this.#take(writerSide, "RwLock.write()", writeGuard<T>, options);
  }

  /** Blocks the thread (Atomics.wait) until a read lock is taken; throws where blocking is not allowed. */
  readSync(options?: { timeout?: number }): RwLockReadGuard<T> {
    checkOptions("RwLock.readSync()", options, BLOCKING_WAIT_OPTIONS);
    return this.#takeSync(readerSide, "RwLock.readSync()", readGuard<T>, options?.timeout);
  }

  /** Blocks the thread (Atomics.wait) until the write lock is taken; throws where blocking is not allowed. */
  writeSync(options?: { timeout?: number }): RwLockWriteGuard<T> {
    checkOptions("RwLock.writeSync()", options, BLOCKING_WAIT_OPTIONS);
    return this.#takeSync(writerSide, "RwLock.writeSync()", writeGuard<T>, options?.timeout);
  }

  // One side's lock, awaited: taken synchronously when possible, else the slow path.
  #take<G>(side: Side, method: string, guard: MakeGuard<T, G>, options?: LockOptions): Promise<G> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (side.attempt(this.#cells)) return Promise.resolve(guard(this.#cells, this.#value));
    return this.#takeSlow(side, method, guard, options?.timeout, signal);
  }

  async #takeSlow<G>(
    side: Side,
    method: string,
    guard: MakeGuard<T, G>,
    timeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<G> {
    if (!(await acquireAsync(this.#cells, side, deadlineAfter(timeout, method), signal))) {
      throw timeoutError(method, timeout);
    }
    return guard(this.#cells, this.#value);
  }

  #takeSync<G>(side: Side, method: string, guard: MakeGuard<T, G>, timeout: number | undefined): G {
    assertCanBlock(method);
    if (!side.attempt(this.#cells) && !acquireSync(this.#cells, side, deadlineAfter(timeout, method))) {
      throw timeoutError(method, timeout);
    }
    return guard(this.#cells, this.#value);
  }

  [toHandle](): Handle & { kind: "RwLock"; data: RwLockHandleData<T> } {
    return { kind: "RwLock", data: { state: this.#cells.buffer as SharedArrayBuffer, value: this.#value } };
  }

  static {
    reviveRwLock = (data) => {
      const lock = new RwLock(data.value);
      lock.#cells = new Int32Array(data.state);
      return lock;
    };
  }
}

registerHandleKind("RwLock", (data: RwLockHandleData<unknown>) => reviveRwLock(data));
