// `spawn(fn)` and the eval bridge. `spawn` finds its call site, compiles it (once), and returns
// a snippet such as `__xthreads.run(3,[user,rounds])`; the caller's `eval` of that snippet reads
// the value captures in the caller's own scope and hands them to `run`, which submits the task.
import type { Transferable } from "../transport/transferable.js";
import { callerOf } from "../runtime/callsite.js";
import { displayPath, siteFor } from "./sites.js";
import type { Site } from "./sites.js";
import { SpawnError } from "../errors.js";
import { dispatcher } from "../task.js";
import type { Outcome, TaskContext } from "../task.js";
import { TaskStream } from "./stream.js";
import type { SpawnStream } from "./stream.js";
import { pack, unpack, UnclonableError } from "../transport/pack.js";
import { abortSignal, boolean, checkOptions, milliseconds } from "../options.js";

declare const result: unique symbol;

/**
 * What `spawn` returns: a script for `eval`, which then gives `Promise<Awaited<T>>`, or, for a
 * generator closure, a SpawnStream of what it yields.
 */
export type WorkerScript<T> = string & { readonly [result]: T };

/** What `eval` of a WorkerScript<T> gives: a generator's stream, else the promise of the result. */
export type SpawnResult<T> = 0 extends 1 & T
  ? Promise<any> // T is any: nothing is known of the closure
  : [T] extends [AsyncGenerator<infer Y, infer R, any>]
    ? SpawnStream<Y, R>
    : [T] extends [Generator<infer Y, infer R, any>]
      ? SpawnStream<Awaited<Y>, R>
      : Promise<Awaited<T>>;

export interface SpawnOptions {
  /**
   * Transfer the ArrayBuffers, MessagePorts and streams reachable from the captured values
   * (zero copy; they become detached here). Default true; false copies them instead.
   */
  transfer?: boolean;
  /**
   * Cancels the task: queued, it is dropped; running, the closure's context signal aborts and
   * its worker is terminated if it still runs `cancelGraceMs` later. Either way the promise
   * rejects at once with the signal's reason.
   */
  signal?: AbortSignal;
  /** Milliseconds before the task is cancelled (as by `signal`) with a TaskTimeoutError (Infinity: never). */
  timeout?: number;
}

const SPAWN_OPTIONS = { transfer: boolean, signal: abortSignal, timeout: milliseconds };

// The spawn whose snippet is about to be evaluated. `spawn` and the `eval` of its snippet run
// back to back in the same tick, so one slot is enough.
let pending: { site: Site; options: SpawnOptions | undefined } | undefined;
let warmed = false;

/**
 * Runs `fn` in a pooled worker: `await eval(spawn(() => work(x)))`. The closure's free
 * variables are captured by the caller's `eval` (values are cloned, functions and classes it
 * uses are re-created in the worker, imports are imported again there). Its one parameter, if
 * it takes one, is the task's context: `spawn(({ signal }) => work(signal), { timeout })`.
 * @throws SpawnError when the closure cannot run in a worker (the message says why and where)
 */
export function spawn<T>(fn: (context: TaskContext) => T, options?: SpawnOptions): WorkerScript<T> {
  const callsite = callerOf(spawn);
  if (typeof fn !== "function") {
    throw new SpawnError(
      `experimental-threads: spawn${callsite ? ` at ${displayPath(callsite.file)}:${callsite.line}:${callsite.column}` : ""} ` +
        `needs a function: spawn(() => work(x)), got ${fn === null ? "null" : typeof fn}`,
    );
  }
  if (callsite === null) {
    throw new SpawnError(
      "experimental-threads: spawn could not find where it was called from (no file position in the stack). " +
        "Call it directly in a module file: await eval(spawn(() => ...)).",
    );
  }
  if (fn.length > 1) {
    throw new SpawnError(
      `experimental-threads: spawn at ${displayPath(callsite.file)}:${callsite.line}:${callsite.column}: ` +
        `the closure takes ${fn.length} parameters; it may take one, the task context: spawn(({ signal }) => work(signal)). ` +
        "Pass values by capturing them instead",
    );
  }
  checkOptions("spawn(fn, options)", options, SPAWN_OPTIONS);
  if (!warmed) {
    // The first spawn compiles the capture compiler and the closure (tens of ms) while a worker
    // boots (tens of ms more): let both happen at once.
    warmed = true;
    dispatcher().warm?.();
  }
  const site = siteFor(callsite, fn);
  pending = { site, options };
  return site.snippet as WorkerScript<T>;
}

const describeCapture = (path: string) => `the captured value \`${path}\``;

/** The snippet's entry: the captured values, in the order of `site.values`. */
function run(siteId: number, values: unknown[]): Promise<unknown> | TaskStream {
  const current = pending;
  pending = undefined;
  if (current === undefined || current.site.id !== siteId) {
    throw new SpawnError(
      "experimental-threads: a spawn snippet was evaluated on its own: write eval(spawn(() => ...)) in one expression, " +
        "so that eval runs the snippet of that very spawn call",
    );
  }
  const { site, options } = current;
  const label = site.label;
  // An aborted signal rejects before anything is packed (no buffer is detached) or queued.
  const signal = options?.signal;
  const stream = site.streamed ? new TaskStream() : undefined;
  if (signal?.aborted) {
    const aborted = Promise.reject(signal.reason);
    return stream ? stream.follow(aborted) : aborted;
  }
  const transfer: Transferable[] | null = options?.transfer === false ? null : [];
  let packed;
  try {
    packed = pack(values, { transfer, describe: describeCapture, names: site.values });
  } catch (error) {
    if (error instanceof UnclonableError) {
      throw new SpawnError(`experimental-threads: spawn at ${label}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const outcome = dispatcher().submit({
    module: site.module,
    values: packed,
    transfer: transfer ?? [],
    options: { timeout: options?.timeout === Infinity ? undefined : options?.timeout },
    signal,
    label,
    stream,
  });
  return stream ? stream.follow(outcome) : outcome.then(settle);
}

function settle(outcome: Outcome): unknown {
  const value = unpack(outcome.result);
  if (outcome.ok) return value;
  throw value;
}

// The snippet reaches `run` through this global: its text may contain nothing but identifiers
// and the site id, and it runs in the caller's scope, where nothing of ours is in scope.
Object.defineProperty(globalThis, "__xthreads", {
  value: Object.freeze({ run }),
  configurable: true,
  enumerable: false,
  writable: false,
});
