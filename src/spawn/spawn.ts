// `spawn(fn)` and the eval bridge. `spawn` finds its call site, compiles it (once), and returns
// a snippet such as `__xthreads.run(3,[user,rounds])`; the caller's `eval` of that snippet reads
// the value captures in the caller's own scope and hands them to `run`, which submits the task.
import type { Transferable } from "../transport/transferable.js";
import { callerOf } from "../runtime/callsite.js";
import { displayPath, siteFor } from "./sites.js";
import type { Site } from "./sites.js";
import { SpawnError } from "../errors.js";
import { dispatcher } from "../task.js";
import type { TaskContext } from "../task.js";
import type { TaskStream } from "./stream.js";
import type { SpawnStream } from "./stream.js";
import { checkOptions } from "../options.js";
import { SPAWN_OPTIONS, submitSite } from "./submit.js";
import type { SpawnOptions } from "./submit.js";

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

export type { SpawnOptions };

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
  entry.current = run;
  return site.snippet as WorkerScript<T>;
}

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
  return submitSite(current.site, values, current.options);
}

// The snippet reaches `run` through this global: its text may contain nothing but identifiers
// and the site id, and it runs in the caller's scope, where nothing of ours is in scope. A process
// may hold two copies of the package (a bundle that inlines it beside a library that imports it):
// they share the one global, and each spawn points it at its own copy's `run` (the snippet is
// evaluated right after, in the same tick).
interface SnippetEntry {
  current: typeof run;
  run(siteId: number, values: unknown[]): Promise<unknown> | TaskStream;
}
const existing = (globalThis as { __xthreads?: Partial<SnippetEntry> }).__xthreads;
// An entry of another shape (an older version of the package) cannot be pointed elsewhere: ours
// replaces it, as any copy's did before entries were shared.
const entry: SnippetEntry =
  existing !== undefined && "current" in existing && Object.isExtensible(existing)
    ? (existing as SnippetEntry)
    : (() => {
        const created: SnippetEntry = {
          current: run,
          run(siteId, values) {
            return created.current(siteId, values);
          },
        };
        Object.defineProperty(globalThis, "__xthreads", { value: created, configurable: true, enumerable: false, writable: false });
        return created;
      })();
