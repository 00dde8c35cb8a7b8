// Channel<T>: a bounded multi-producer multi-consumer queue of messages across threads.
//
//   const ch = new Channel<Job>(16);                       // at most 16 messages queued,
//                                                          // 64 KiB of them serialized (default)
//   const ch = new Channel<Job>(16, { bytes: 1 << 20 });   // ...or at most 1 MiB of them
//   capacity: 1 to 2^24 messages; bytes: 1 to 2^30
//
//   await ch.send(value, { signal, timeout })  waits while full; rejects with ChannelClosedError
//                                              once closed (also a send still waiting for space)
//   ch.sendSync(value, { timeout })            blocks the thread (Atomics.wait) instead
//   ch.trySend(value)                          true if queued now; false if full (or other
//                                              senders wait for space); throws if closed
//   await ch.recv({ signal, timeout })         { value, done: false }, or { value: undefined,
//                                              done: true } once closed and drained
//   ch.recvSync({ timeout })                   blocks the thread instead
//   ch.tryRecv()                               a result as recv() gives, or null if empty and open
//                                              (the try* forms and close() never wait for space or
//                                              messages, only for the lock, held for a copy)
//   ch.close()                                 idempotent; queued messages are still received
//   for await (const value of ch) ...          until closed and drained (leaving the loop early
//                                              does not close the channel)
//   ch.capacity, ch.bytes, ch.length, ch.closed
//
// Timeouts are in ms and reject (throw) with a "TimeoutError" DOMException; an abort rejects
// with the signal's reason. Either leaves the channel as it was: the value was not sent, or no
// message was taken. The synchronous forms throw where the thread may not block.
//
// Messages are copies: each value is serialized with node:v8 `serialize` (the structured clone
// algorithm: null, undefined, falsy values, objects, arrays, Maps, Sets, Dates, RegExps, Errors,
// bigints, ArrayBuffers and typed arrays; class instances arrive as plain objects) into a ring of
// bytes in the channel's SharedArrayBuffer, and deserialized by the receiver. A value that cannot
// be cloned (a function, a symbol) is refused with a "DataCloneError" DOMException, and so is
// one that contains shared memory or a library object: a SharedArrayBuffer, a view of one, a
// Mutex, a Channel... Bytes cannot carry shared memory (v8 would copy a view's bytes silently,
// Bun would copy a SharedArrayBuffer): capture those in the spawned closure or a Global instead.
// A value whose serialized form exceeds the byte ring is refused with a RangeError. (node:v8
// round-trips all of these on Node 20+, Deno 2 and Bun 1; Bun writes its own format, which is
// fine: every thread of a channel runs in the same process and runtime.)
//
// Sending waits while the channel holds `capacity` messages or the message does not fit in the
// free bytes. Senders that have to wait queue in arrival order (a turnstile, as in Semaphore), so
// a large message is not overtaken forever by small ones; meanwhile trySend() returns false.
//
// A Channel travels between threads as a handle (kind "Channel"): every copy shares the memory.
// As with Mutex, a thread terminated in the middle of a send or receive (worker.terminate())
// can leave the channel's lock held, and the channel stuck.
//
// Speed: serialization dominates. Small messages between two workers run at roughly 55-180k/s
// (Node 20 to Bun, on 2 cores); v8.serialize alone is ~4 µs per small object on Node.
//
// Memory (one SharedArrayBuffer): the lock word (lock-word.ts) guarding the ring, the senders'
// turnstile (another lock word), the control cells below, a ring of `capacity` message lengths,
// then the ring of `bytes` bytes. Every change to the ring is made holding the lock; the two
// sequence cells change with it, and waiters sleep on them (futex style): a waiter reads the
// sequence and registers while holding the lock, so a change made after it looked either shows
// in the cell or finds it registered and notifies it. Nothing spins.

import { lazyBuiltin } from "../runtime/builtin.js";
import { isTransportable, registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import { acquireAsync, acquireSync, LOCK_CELLS, release, tryAcquire } from "./lock-word.js";
import { abortReason, assertCanBlock, deadlineAfter, timeoutError, waitAsync } from "./wait.js";
import { ChannelClosedError } from "../errors.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

// node:v8 loads on the first message, not with the package (see runtime/builtin.ts).
const v8 = lazyBuiltin<typeof import("node:v8")>("node:v8");

export interface ChannelOptions {
  /** Size of the ring of serialized messages in bytes (default 64 KiB). */
  bytes?: number;
}

export interface ChannelWaitOptions {
  /** Rejects a pending send (the value is not sent) or recv (nothing is taken) with the signal's reason. */
  signal?: AbortSignal;
  /** Gives up after this many ms with a "TimeoutError" DOMException. */
  timeout?: number;
}

export type RecvResult<T> = { value: T; done: false } | { value: undefined; done: true };

export interface ChannelHandleData {
  state: SharedArrayBuffer;
}

const DEFAULT_BYTES = 64 * 1024;
const MAX_BYTES = 2 ** 30;
const MAX_CAPACITY = 2 ** 24;

// Control cells, after the lock word and the turnstile.
const HEAD_SLOT = 0; // slot of the oldest message in the lengths ring
const COUNT = 1; // messages queued
const HEAD_BYTE = 2; // offset of the oldest message in the byte ring
const USED = 3; // bytes queued
const CLOSED = 4;
const NOT_EMPTY = 5; // sequence: changes when a message is queued or on close; receivers sleep on it
const NOT_FULL = 6; // sequence: changes when a message is taken or on close; the head sender sleeps on it
const RECV_WAITERS = 7; // receivers registered to sleep on NOT_EMPTY
const SEND_HEAD_WAITING = 8; // 1 while the head sender may sleep on NOT_FULL
const SEND_QUEUED = 9; // senders in the slow path: the fast path is closed
const CAPACITY = 10;
const BYTES = 11;
const CONTROL_CELLS = 12;

const TURN_OFFSET = LOCK_CELLS * 4;
const CONTROL_OFFSET = 2 * LOCK_CELLS * 4;
const LENGTHS_OFFSET = CONTROL_OFFSET + CONTROL_CELLS * 4;

// Sequences stay within 30 bits so that they never collide with the codes below.
const SEQUENCE_MASK = 0x3fffffff;
/** The attempt succeeded (a message was queued or taken). */
const DONE = -1;
/** The channel is closed (and, for a receiver, drained). */
const SHUT = -2;

const DONE_RESULT: { value: undefined; done: true } = Object.freeze({ value: undefined, done: true });

let reviveChannel: (data: ChannelHandleData) => Channel<unknown>;

export class Channel<T = unknown> implements Transportable, AsyncIterable<T> {
  #lock!: Int32Array;
  #turn!: Int32Array;
  #cells!: Int32Array;
  #lengths!: Int32Array;
  #bytes!: Uint8Array;
  #capacity!: number;
  /** What recv/tryRecv took last (filled by #take under the lock). */
  #taken: Uint8Array | null = null;

  constructor(capacity: number, options?: ChannelOptions) {
    checkSize(capacity, "new Channel(capacity)", MAX_CAPACITY);
    checkOptions("new Channel(capacity, options)", options, CHANNEL_OPTIONS);
    const bytes = options?.bytes ?? DEFAULT_BYTES;
    checkSize(bytes, "new Channel(capacity, { bytes })", MAX_BYTES);
    const state = new SharedArrayBuffer(LENGTHS_OFFSET + capacity * 4 + bytes);
    const cells = new Int32Array(state, CONTROL_OFFSET, CONTROL_CELLS);
    cells[CAPACITY] = capacity;
    cells[BYTES] = bytes;
    this.#attach(state);
  }

  #attach(state: SharedArrayBuffer): void {
    this.#lock = new Int32Array(state, 0, LOCK_CELLS);
    this.#turn = new Int32Array(state, TURN_OFFSET, LOCK_CELLS);
    this.#cells = new Int32Array(state, CONTROL_OFFSET, CONTROL_CELLS);
    this.#capacity = this.#cells[CAPACITY];
    this.#lengths = new Int32Array(state, LENGTHS_OFFSET, this.#capacity);
    this.#bytes = new Uint8Array(state, LENGTHS_OFFSET + this.#capacity * 4, this.#cells[BYTES]);
  }

  /** The most messages the channel holds. */
  get capacity(): number {
    return this.#capacity;
  }

  /** The size of the ring of serialized messages, in bytes. */
  get bytes(): number {
    return this.#bytes.length;
  }

  /** Messages queued right now. */
  get length(): number {
    return Atomics.load(this.#cells, COUNT);
  }

  get closed(): boolean {
    return Atomics.load(this.#cells, CLOSED) !== 0;
  }

  // ---- sending

  /** Queues `value`, waiting (without blocking the thread) while the channel is full. */
  send(value: T, options?: ChannelWaitOptions): Promise<void> {
    checkOptions("Channel.send()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let message: Uint8Array;
    try {
      message = this.#encode(value, "Channel.send()");
      if (Atomics.load(this.#cells, SEND_QUEUED) === 0 && tryAcquire(this.#lock)) {
        if (this.#pushAndUnlock(message, false, "Channel.send()") === DONE) return Promise.resolve();
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#sendSlow(message, options?.timeout, signal);
  }

  async #sendSlow(message: Uint8Array, timeout: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    const what = "Channel.send()";
    const deadline = deadlineAfter(timeout, what);
    const cells = this.#cells;
    if (Atomics.load(cells, SEND_QUEUED) === 0) {
      // Maybe only the lock was busy: one more try before queueing.
      if (!tryAcquire(this.#lock)) await acquireAsync(this.#lock, Infinity, undefined);
      if (this.#pushAndUnlock(message, false, what) === DONE) return;
    }
    Atomics.add(cells, SEND_QUEUED, 1);
    try {
      if (!(await acquireAsync(this.#turn, deadline, signal))) throw timeoutError(what, timeout);
      try {
        for (;;) {
          if (!tryAcquire(this.#lock)) await acquireAsync(this.#lock, Infinity, undefined);
          const sequence = this.#pushAndUnlock(message, true, what);
          if (sequence === DONE) return;
          const time = deadline - performance.now();
          if (time <= 0) throw timeoutError(what, timeout);
          const result = waitAsync(cells, NOT_FULL, sequence, time, signal);
          if (typeof result !== "string") await result;
        }
      } finally {
        Atomics.store(cells, SEND_HEAD_WAITING, 0);
        release(this.#turn);
      }
    } finally {
      Atomics.sub(cells, SEND_QUEUED, 1);
    }
  }

  /** Queues `value`, blocking the thread (Atomics.wait) while the channel is full. */
  sendSync(value: T, options?: { timeout?: number }): void {
    checkOptions("Channel.sendSync()", options, BLOCKING_WAIT_OPTIONS);
    const what = "Channel.sendSync()";
    assertCanBlock(what);
    const message = this.#encode(value, what);
    const cells = this.#cells;
    if (Atomics.load(cells, SEND_QUEUED) === 0) {
      if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
      if (this.#pushAndUnlock(message, false, what) === DONE) return;
    }
    const timeout = options?.timeout;
    const deadline = deadlineAfter(timeout, what);
    Atomics.add(cells, SEND_QUEUED, 1);
    try {
      if (!acquireSync(this.#turn, deadline)) throw timeoutError(what, timeout);
      try {
        for (;;) {
          if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
          const sequence = this.#pushAndUnlock(message, true, what);
          if (sequence === DONE) return;
          const time = deadline - performance.now();
          if (time <= 0) throw timeoutError(what, timeout);
          Atomics.wait(cells, NOT_FULL, sequence, time);
        }
      } finally {
        Atomics.store(cells, SEND_HEAD_WAITING, 0);
        release(this.#turn);
      }
    } finally {
      Atomics.sub(cells, SEND_QUEUED, 1);
    }
  }

  /** Queues `value` if it fits now and no sender is waiting: true, else false. Never waits for space. */
  trySend(value: T): boolean {
    const what = "Channel.trySend()";
    const message = this.#encode(value, what);
    if (Atomics.load(this.#cells, SEND_QUEUED) !== 0) {
      if (Atomics.load(this.#cells, CLOSED) !== 0) throw new ChannelClosedError(what);
      return false;
    }
    // The lock is held only for a copy: wait for it rather than report a full channel.
    if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
    return this.#pushAndUnlock(message, false, what) === DONE;
  }

  // Holding the lock: queues the message if it fits (DONE) or returns the NOT_FULL sequence to
  // sleep on; throws ChannelClosedError if closed. Releases the lock, then wakes a receiver.
  // The head sender announces that it may sleep, so that a receiver notifies it.
  #pushAndUnlock(message: Uint8Array, head: boolean, what: string): number {
    const cells = this.#cells;
    let wake = false;
    let outcome: number;
    try {
      const count = Atomics.load(cells, COUNT);
      const used = Atomics.load(cells, USED);
      const size = this.#bytes.length;
      const length = message.length;
      if (Atomics.load(cells, CLOSED) !== 0) {
        outcome = SHUT;
      } else if (count === this.#capacity || used + length > size) {
        if (head) Atomics.store(cells, SEND_HEAD_WAITING, 1);
        outcome = Atomics.load(cells, NOT_FULL);
      } else {
        const slot = (Atomics.load(cells, HEAD_SLOT) + count) % this.#capacity;
        this.#lengths[slot] = length;
        let tail = Atomics.load(cells, HEAD_BYTE) + used;
        if (tail >= size) tail -= size;
        const first = size - tail;
        if (length <= first) {
          this.#bytes.set(message, tail);
        } else {
          this.#bytes.set(message.subarray(0, first), tail);
          this.#bytes.set(message.subarray(first), 0);
        }
        Atomics.store(cells, COUNT, count + 1);
        Atomics.store(cells, USED, used + length);
        bump(cells, NOT_EMPTY);
        wake = Atomics.load(cells, RECV_WAITERS) !== 0;
        outcome = DONE;
      }
    } finally {
      release(this.#lock);
    }
    if (wake) Atomics.notify(this.#cells, NOT_EMPTY, 1);
    if (outcome === SHUT) throw new ChannelClosedError(what);
    return outcome;
  }

  #encode(value: T, what: string): Uint8Array {
    refuseShared(value, what);
    let message: Uint8Array;
    try {
      message = v8().serialize(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const refused = new DOMException(`experimental-threads: ${what}: the value cannot be cloned: ${reason}`, "DataCloneError");
      (refused as { cause?: unknown }).cause = error;
      throw refused;
    }
    if (message.length > this.#bytes.length) {
      throw new RangeError(
        `experimental-threads: ${what}: the message is ${message.length} bytes serialized, larger than the ` +
          `channel's buffer of ${this.#bytes.length} bytes (raise it with new Channel(capacity, { bytes }))`,
      );
    }
    return message;
  }

  // ---- receiving

  /** The next message, waiting (without blocking the thread) while the channel is empty. */
  recv(options?: ChannelWaitOptions): Promise<RecvResult<T>> {
    checkOptions("Channel.recv()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (tryAcquire(this.#lock)) {
      try {
        const outcome = this.#takeAndUnlock(false);
        if (outcome === DONE) return Promise.resolve(this.#decode());
        if (outcome === SHUT) return Promise.resolve(DONE_RESULT);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#recvSlow(options?.timeout, signal);
  }

  async #recvSlow(timeout: number | undefined, signal: AbortSignal | undefined): Promise<RecvResult<T>> {
    const what = "Channel.recv()";
    const deadline = deadlineAfter(timeout, what);
    const cells = this.#cells;
    for (;;) {
      if (!tryAcquire(this.#lock)) await acquireAsync(this.#lock, Infinity, undefined);
      const sequence = this.#takeAndUnlock(true);
      if (sequence === DONE) return this.#decode();
      if (sequence === SHUT) return DONE_RESULT;
      // Registered in RECV_WAITERS: a sender that queues from now on notifies.
      try {
        const time = deadline - performance.now();
        if (time <= 0) throw timeoutError(what, timeout);
        const result = waitAsync(cells, NOT_EMPTY, sequence, time, signal);
        if (typeof result !== "string") await result;
      } finally {
        Atomics.sub(cells, RECV_WAITERS, 1);
      }
    }
  }

  /** The next message, blocking the thread (Atomics.wait) while the channel is empty. */
  recvSync(options?: { timeout?: number }): RecvResult<T> {
    checkOptions("Channel.recvSync()", options, BLOCKING_WAIT_OPTIONS);
    const what = "Channel.recvSync()";
    assertCanBlock(what);
    const timeout = options?.timeout;
    const deadline = deadlineAfter(timeout, what);
    const cells = this.#cells;
    for (;;) {
      if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
      const sequence = this.#takeAndUnlock(true);
      if (sequence === DONE) return this.#decode();
      if (sequence === SHUT) return DONE_RESULT;
      try {
        const time = deadline - performance.now();
        if (time <= 0) throw timeoutError(what, timeout);
        Atomics.wait(cells, NOT_EMPTY, sequence, time);
      } finally {
        Atomics.sub(cells, RECV_WAITERS, 1);
      }
    }
  }

  /** The next message if one is queued; done once closed and drained; else null. Never waits for one. */
  tryRecv(): RecvResult<T> | null {
    if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
    const outcome = this.#takeAndUnlock(false);
    if (outcome === DONE) return this.#decode();
    return outcome === SHUT ? DONE_RESULT : null;
  }

  // Holding the lock: takes the oldest message into #taken (DONE), or SHUT if closed and
  // drained, or the NOT_EMPTY sequence to sleep on (registering in RECV_WAITERS if `register`).
  // Releases the lock, then wakes the head sender if it may be asleep.
  #takeAndUnlock(register: boolean): number {
    const cells = this.#cells;
    let wake = false;
    let outcome: number;
    try {
      const count = Atomics.load(cells, COUNT);
      if (count === 0) {
        if (Atomics.load(cells, CLOSED) !== 0) {
          outcome = SHUT;
        } else {
          if (register) Atomics.add(cells, RECV_WAITERS, 1);
          outcome = Atomics.load(cells, NOT_EMPTY);
        }
      } else {
        const slot = Atomics.load(cells, HEAD_SLOT);
        const length = this.#lengths[slot];
        const head = Atomics.load(cells, HEAD_BYTE);
        const size = this.#bytes.length;
        const first = size - head;
        let taken: Uint8Array;
        if (length <= first) {
          taken = this.#bytes.slice(head, head + length);
        } else {
          taken = new Uint8Array(length);
          taken.set(this.#bytes.subarray(head, size));
          taken.set(this.#bytes.subarray(0, length - first), first);
        }
        this.#taken = taken;
        Atomics.store(cells, HEAD_SLOT, slot + 1 === this.#capacity ? 0 : slot + 1);
        Atomics.store(cells, COUNT, count - 1);
        const used = Atomics.load(cells, USED) - length;
        Atomics.store(cells, USED, used);
        // An empty ring starts over at 0, so that messages wrap around its end less often.
        Atomics.store(cells, HEAD_BYTE, used === 0 ? 0 : length < first ? head + length : length - first);
        bump(cells, NOT_FULL);
        wake = Atomics.load(cells, SEND_HEAD_WAITING) !== 0;
        outcome = DONE;
      }
    } finally {
      release(this.#lock);
    }
    if (wake) Atomics.notify(cells, NOT_FULL, 1);
    return outcome;
  }

  #decode(): { value: T; done: false } {
    const bytes = this.#taken!;
    this.#taken = null;
    return { value: v8().deserialize(bytes) as T, done: false };
  }

  // ---- closing and iterating

  /**
   * Closes the channel: sends (and sends still waiting for space) fail with ChannelClosedError;
   * receivers take the messages still queued, then get done. Idempotent.
   */
  close(): void {
    const cells = this.#cells;
    if (!tryAcquire(this.#lock)) acquireSync(this.#lock, Infinity);
    let first = false;
    try {
      if (Atomics.load(cells, CLOSED) === 0) {
        first = true;
        Atomics.store(cells, CLOSED, 1);
        bump(cells, NOT_EMPTY);
        bump(cells, NOT_FULL);
      }
    } finally {
      release(this.#lock);
    }
    if (first) {
      Atomics.notify(cells, NOT_EMPTY);
      Atomics.notify(cells, NOT_FULL);
    }
  }

  /** Yields each message until the channel is closed and drained. Breaking out does not close it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      const result = await this.recv();
      if (result.done) return;
      yield result.value;
    }
  }

  [toHandle](): Handle & { kind: "Channel"; data: ChannelHandleData } {
    return { kind: "Channel", data: { state: this.#cells.buffer as SharedArrayBuffer } };
  }

  static {
    reviveChannel = (data) => {
      // Private fields exist only on constructed objects: construct a minimal one, then attach.
      const channel = new Channel<unknown>(1, { bytes: 1 });
      channel.#attach(data.state);
      return channel;
    };
  }
}

registerHandleKind("Channel", (data: ChannelHandleData) => reviveChannel(data));

/** Advances a sequence cell (holding the channel's lock, so a load and a store suffice). */
function bump(cells: Int32Array, index: number): void {
  Atomics.store(cells, index, (Atomics.load(cells, index) + 1) & SEQUENCE_MASK);
}

// Sizes are checked by checkSize, which names the range.
const CHANNEL_OPTIONS = { bytes: { expected: "a number of bytes", type: (value: unknown) => typeof value === "number" } };

function checkSize(value: number, what: string, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`experimental-threads: ${what} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
}

/** Arrays up to this length are walked by index (a longer one may be sparse). */
const DENSE_WALK = 1 << 20;

// Refuses shared memory and library objects anywhere in `value`, before serializing: bytes
// cannot share memory, and v8 (and Bun's node:v8) would copy some of it silently.
function refuseShared(value: unknown, what: string): void {
  if (value === null || typeof value !== "object") return;
  const seen = new Set<object>();
  const stack: object[] = [value];
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (seen.has(object)) continue;
    seen.add(object);
    if (object instanceof SharedArrayBuffer) refuse(what, "a SharedArrayBuffer");
    if (ArrayBuffer.isView(object)) {
      if (object.buffer instanceof SharedArrayBuffer) refuse(what, `a ${object.constructor.name} on a SharedArrayBuffer`);
      continue;
    }
    if (object instanceof ArrayBuffer) continue;
    if (isTransportable(object)) {
      refuse(what, `a ${object.constructor?.name ?? "library object"} (it travels only as a captured value or in a Global)`);
    }
    const push = (item: unknown) => {
      if (item !== null && typeof item === "object") stack.push(item);
    };
    if (object instanceof Map) {
      for (const [key, item] of object) {
        push(key);
        push(item);
      }
    } else if (object instanceof Set) {
      for (const item of object) push(item);
    }
    if (object instanceof Error && "cause" in object) push(object.cause);
    if (Array.isArray(object) && object.length <= DENSE_WALK) {
      // By index: Object.keys would make a string per element.
      for (let i = 0; i < object.length; i++) push(object[i]);
    } else {
      for (const key of Object.keys(object)) push((object as Record<string, unknown>)[key]);
    }
  }
}

function refuse(what: string, thing: string): never {
  throw new DOMException(
    `experimental-threads: ${what}: the value contains ${thing}, and a Channel copies bytes, so it cannot share ` +
      `memory; capture shared memory in the spawned closure or a Global instead, or send a copy`,
    "DataCloneError",
  );
}
