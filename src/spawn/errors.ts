// The errors the library itself throws. Errors thrown by the user's closure are not wrapped:
// they arrive as themselves (see transport/errors.ts).

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

/** The task's `timeout` elapsed; its worker was terminated. */
export class TaskTimeoutError extends Error {
  override name = "TaskTimeoutError";
}
