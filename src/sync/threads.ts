// Which threads of the process have died, readable from every thread: lets a waiter see that
// the holder of a lock is gone (the lock is then poisoned, not waited on forever). The main
// thread owns the table and marks a pool worker when it exits; workers receive the table in
// their workerData. Thread ids only grow; the table is a bitmap over the low 20 bits, so an id
// is checked against the right thread for the first million threads of the process.
import { isMainThread, threadId, workerData } from "node:worker_threads";

const BITS = 1 << 20;

function createTable(): Int32Array {
  const shared = (workerData as { xtDeaths?: SharedArrayBuffer } | null | undefined)?.xtDeaths;
  return new Int32Array(shared ?? new SharedArrayBuffer(BITS / 8));
}

const table: Int32Array = ((globalThis as Record<symbol, unknown>)[Symbol.for("experimental-threads.deaths")] ??=
  createTable()) as Int32Array;

/** This thread's id (the main thread's is 0). */
export const currentThread: number = threadId;

/** The table, for the workerData of a new pool worker. */
export function deathTable(): SharedArrayBuffer {
  return table.buffer as SharedArrayBuffer;
}

/** Main thread: `thread` has exited; locks it held are now poisoned. */
export function markDead(thread: number): void {
  if (!isMainThread || thread <= 0) return;
  const bit = thread % BITS;
  Atomics.or(table, bit >> 5, 1 << (bit & 31));
}

export function isDead(thread: number): boolean {
  if (thread <= 0) return false;
  const bit = thread % BITS;
  return (Atomics.load(table, bit >> 5) & (1 << (bit & 31))) !== 0;
}
