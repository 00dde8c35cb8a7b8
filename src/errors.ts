// Every error class the package throws and exports. Errors thrown by the user's closure are not
// wrapped: they arrive as themselves (see transport/pack.ts). Messages start with the call that
// was wrong or whose task failed (`spawn at file:line:column`, `configure({ workers })`, ...).
import type { MutexGuard } from "./sync/mutex.js";

/** `spawn` could not turn the closure into a task: thrown at the call site, before any worker. */
export class SpawnError extends Error {
  override name = "SpawnError";
}

/** The worker running the task died (uncaught error, `process.exit`, out of memory). */
export class WorkerCrashError extends Error {
  override name = "WorkerCrashError";
}

/** `shutdown()` was called while the task was queued or running. */
export class ShutdownError extends Error {
  override name = "ShutdownError";
}

/** The task's `timeout` elapsed: the closure's context signal aborts with this error too. */
export class TaskTimeoutError extends Error {
  override name = "TaskTimeoutError";
}

/** `configure({ maxQueue })` tasks already wait for a worker: this one was not queued. */
export class QueueFullError extends Error {
  override name = "QueueFullError";
}

/**
 * The previous holder of the lock died while holding it (its thread crashed, exited or was
 * terminated), so the guarded value may be half-updated. The lock is now held by the caller:
 * `guard` is its guard. Check or repair the value, then `mutex.clearPoison()` and unlock.
 */
export class PoisonError<T> extends Error {
  override name = "PoisonError";
  readonly guard: MutexGuard<T>;
  constructor(guard: MutexGuard<T>) {
    super(
      "experimental-threads: the Mutex is poisoned: a thread died while holding it, so the value it " +
        "guards may be inconsistent. The lock is now yours (error.guard); repair the value, call " +
        "mutex.clearPoison(), and unlock.",
    );
    this.guard = guard;
  }
}

/** Sending on a closed channel. */
export class ChannelClosedError extends Error {
  constructor(what: string) {
    super(`experimental-threads: ${what}: the channel is closed`);
    this.name = "ChannelClosedError";
  }
}
