// Barrier: n parties wait until all n have arrived, then all pass together; the last to arrive
// is the generation's leader. Cyclic: the next n waits form the next generation. Its state is a
// small SharedArrayBuffer of its own, so a Barrier travels between threads as a handle.
//
// Cells of the Int32Array:
//   STATE     generation (high bits, wrapping) and arrivals in this generation (low COUNT_BITS),
//             one word so that an arrival, a withdrawal (timeout, abort) and the leader's
//             advance to the next generation are each a single compare-and-swap
//   PARTIES   n
//
// Waiters sleep on STATE; the leader advances the generation (count back to 0) and wakes them
// all. A waiter passes once the generation it arrived in is over.

import { registerHandleKind, toHandle, type Handle, type Transportable } from "../transport/handles.js";
import type { LockOptions } from "./mutex.js";
import { abortReason, assertCanBlock, deadlineAfter, timeoutError, waitAsync } from "./wait.js";
import { BLOCKING_WAIT_OPTIONS, WAIT_OPTIONS, checkOptions } from "../options.js";

const STATE = 0;
const PARTIES = 1;
const BARRIER_CELLS = 2;

const COUNT_BITS = 20;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
const GENERATION = 1 << COUNT_BITS;
/** The most parties a Barrier can have (2^20 - 1). */
const MAX_PARTIES = COUNT_MASK;

export interface BarrierWaitResult {
  /** True for exactly one party of each generation: the last to arrive. */
  readonly isLeader: boolean;
}

const LEADER: BarrierWaitResult = Object.freeze({ isLeader: true });
const FOLLOWER: BarrierWaitResult = Object.freeze({ isLeader: false });

const generationOf = (state: number) => state & ~COUNT_MASK;

export interface BarrierHandleData {
  state: SharedArrayBuffer;
}

let reviveBarrier: (data: BarrierHandleData) => Barrier;

/**
 * A cyclic barrier for `parties` waiters across threads. A wait that times out or is aborted
 * withdraws its arrival, so the generation still needs `parties` waits; if the generation
 * completed before the withdrawal could happen, the wait resolves as passed instead.
 * Meant for exactly `parties` participants per generation: more concurrent waiters would count
 * into the next generation.
 */
export class Barrier implements Transportable {
  #cells: Int32Array;

  constructor(parties: number) {
    if (!Number.isInteger(parties) || parties < 1 || parties > MAX_PARTIES) {
      throw new RangeError(`experimental-threads: new Barrier(parties): parties must be an integer from 1 to ${MAX_PARTIES}, got ${String(parties)}`);
    }
    this.#cells = new Int32Array(new SharedArrayBuffer(BARRIER_CELLS * 4));
    this.#cells[PARTIES] = parties;
  }

  /** How many waits make a generation. */
  get parties(): number {
    return this.#cells[PARTIES]!;
  }

  /**
   * Arrives and waits, without blocking the thread, until all parties of this generation have
   * arrived. The last to arrive resolves at once (synchronously decided) as the leader.
   */
  wait(options?: LockOptions): Promise<BarrierWaitResult> {
    checkOptions("Barrier.wait()", options, WAIT_OPTIONS);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const timeout = options?.timeout;
    let deadline: number;
    try {
      deadline = deadlineAfter(timeout, "Barrier.wait()");
    } catch (error) {
      return Promise.reject(error);
    }
    const generation = this.#arrive();
    if (generation === null) return Promise.resolve(LEADER);
    return this.#waitAsync(generation, deadline, signal, timeout);
  }

  async #waitAsync(
    generation: number,
    deadline: number,
    signal: AbortSignal | undefined,
    timeout: number | undefined,
  ): Promise<BarrierWaitResult> {
    const cells = this.#cells;
    try {
      for (;;) {
        const state = Atomics.load(cells, STATE);
        if (generationOf(state) !== generation) return FOLLOWER;
        const time = deadline - performance.now();
        if (time <= 0) break;
        const result = waitAsync(cells, STATE, state, time, signal);
        if (typeof result !== "string") await result;
      }
    } catch (error) {
      if (this.#withdraw(generation)) throw error;
      return FOLLOWER;
    }
    if (this.#withdraw(generation)) throw timeoutError("Barrier.wait()", timeout);
    return FOLLOWER;
  }

  /** Arrives and blocks the thread (Atomics.wait) until all parties of this generation have arrived. */
  waitSync(options?: { timeout?: number }): BarrierWaitResult {
    checkOptions("Barrier.waitSync()", options, BLOCKING_WAIT_OPTIONS);
    assertCanBlock("Barrier.waitSync()");
    const timeout = options?.timeout;
    const deadline = deadlineAfter(timeout, "Barrier.waitSync()");
    const generation = this.#arrive();
    if (generation === null) return LEADER;
    const cells = this.#cells;
    for (;;) {
      const state = Atomics.load(cells, STATE);
      if (generationOf(state) !== generation) return FOLLOWER;
      const time = deadline - performance.now();
      if (time <= 0) break;
      Atomics.wait(cells, STATE, state, time);
    }
    if (this.#withdraw(generation)) throw timeoutError("Barrier.waitSync()", timeout);
    return FOLLOWER;
  }

  // Counts this arrival: null for the leader (who has started the next generation and woken
  // the others), else the generation to wait out.
  #arrive(): number | null {
    const cells = this.#cells;
    const parties = cells[PARTIES]!;
    for (;;) {
      const state = Atomics.load(cells, STATE);
      const last = (state & COUNT_MASK) + 1 === parties;
      // The leader's advance wraps around in the sign bit: generations are only compared.
      const next = last ? (generationOf(state) + GENERATION) | 0 : state + 1;
      if (Atomics.compareExchange(cells, STATE, state, next) !== state) continue;
      if (!last) return generationOf(state);
      if (parties > 1) Atomics.notify(cells, STATE);
      return null;
    }
  }

  // Takes back an arrival in `generation`: false if that generation is already over (passed).
  #withdraw(generation: number): boolean {
    const cells = this.#cells;
    for (;;) {
      const state = Atomics.load(cells, STATE);
      if (generationOf(state) !== generation) return false;
      if (Atomics.compareExchange(cells, STATE, state, state - 1) === state) return true;
    }
  }

  [toHandle](): Handle & { kind: "Barrier"; data: BarrierHandleData } {
    return { kind: "Barrier", data: { state: this.#cells.buffer as SharedArrayBuffer } };
  }

  static {
    reviveBarrier = (data) => {
      const barrier = new Barrier(1);
      barrier.#cells = new Int32Array(data.state);
      return barrier;
    };
  }
}

registerHandleKind("Barrier", (data: BarrierHandleData) => reviveBarrier(data));
