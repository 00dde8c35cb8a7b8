// experimental-threads: run an inline closure on a worker thread.
//   const result = await eval(spawn(async () => work(input)));
import { spawn } from "./spawn/spawn.js";
import type { SpawnResult, WorkerScript } from "./spawn/spawn.js";
import { setDefaultDispatcher } from "./task.js";
import { Pool } from "./pool/pool.js";
import type { PoolMetrics, PoolOptions } from "./pool/pool.js";

export { spawn };
export type { SpawnOptions, SpawnResult, WorkerScript } from "./spawn/spawn.js";
export type { SpawnStream } from "./spawn/stream.js";
export type { TaskContext } from "./task.js";
export { SpawnError, WorkerCrashError, ShutdownError, TaskTimeoutError, QueueFullError, PoisonError, ChannelClosedError } from "./errors.js";
export { Global } from "./sync/global.js";
export { Mutex, MutexGuard } from "./sync/mutex.js";
export type { LockOptions } from "./sync/mutex.js";
export { Semaphore, SemaphorePermit } from "./sync/semaphore.js";
export { registerClass } from "./transport/classes.js";
export type { ClassCodec } from "./transport/classes.js";
export type { PoolOptions, PoolMetrics } from "./pool/pool.js";
export type { HistogramSummary } from "./pool/histogram.js";
export { RwLock, RwLockReadGuard, RwLockWriteGuard } from "./sync/rwlock.js";
export { Condvar } from "./sync/condvar.js";
export { Barrier, type BarrierWaitResult } from "./sync/barrier.js";
export { Channel, type ChannelOptions, type ChannelWaitOptions, type RecvResult } from "./sync/channel.js";

let pool: Pool | undefined;
setDefaultDispatcher(() => (pool ??= new Pool()));

/**
 * Terminates every worker of the pool. Tasks still queued or running reject with a
 * ShutdownError. Idempotent; `spawn` works again afterwards (new workers start on demand).
 */
export async function shutdown(): Promise<void> {
  await pool?.shutdown();
}

/**
 * Sets the pool's size, warm workers, queue limit, idle timeout, heap limit and the grace of
 * cancelled tasks (main thread).
 */
export function configure(options: PoolOptions = {}): void {
  (pool ??= new Pool(options)).configure(options);
}

/**
 * Counts of the tasks since the pool started, the queue and the running tasks now, histograms of
 * run and wait times (ms), and each worker's utilization (main thread; cheap enough to call often).
 */
export function metrics(): PoolMetrics {
  return (pool ??= new Pool()).metrics();
}

declare global {
  // `eval(spawn(fn))` is typed as the promise of the closure's awaited result, or for a
  // generator closure as the stream of what it yields.
  function eval<T>(script: WorkerScript<T>): SpawnResult<T>;
}
