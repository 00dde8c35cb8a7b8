// The messages between a thread that submits tasks and a pool worker. Plain data only.
import type { Transferable } from "../transport/transferable.js";
import type { SiteModule, TaskOptions } from "../task.js";
import type { Packed } from "../transport/pack.js";

// The two messages of every task are tuples: structured clone writes an array's elements but
// an object's keys too, and these two are on the hot path.

/** Run a task. The captured values are in the order of `module.names`. */
export type RunMessage = [
  id: number,
  /** The site's number on this worker, given by the main thread with its first task. */
  site: number,
  values: unknown[],
  tagged: boolean,
  /** Only with the first task of the site on this worker. */
  module: SiteModule | undefined,
  /** `Global`s this worker has not been told about yet: [identity, value]. */
  globals: [string, Packed][] | undefined,
  /** TASK_CANCELLABLE (a signal or a timeout: an "abort" may follow) | TASK_STREAMED (a generator). */
  flags: number,
];

export const TASK_CANCELLABLE = 1;
/** The closure is a generator: its yields are sent as "yield" messages, STREAM_WINDOW ahead at most. */
export const TASK_STREAMED = 2;

/** A task's outcome: its result (ok) or what it threw, and what was transferred with it. */
export type DoneMessage = [id: number, ok: boolean, value: unknown, tagged: boolean, transfer: Transferable[]];

export type ToWorker =
  | RunMessage
  | RunMessage[]
  | { t: "spawned"; request: number; ok: boolean; result: Packed; transfer: Transferable[] }
  /** The task was cancelled: abort its context's signal with the reason (it may still finish). */
  | { t: "abort"; id: number; reason: Packed }
  /** A streamed task's consumer took `n` items: the generator may run `n` yields further. */
  | { t: "more"; id: number; n: number }
  /** A streamed task's consumer is gone: run the generator's return(). */
  | { t: "stop"; id: number }
  /** An item of a nested streamed spawn (see FromWorker "spawn"). */
  | { t: "spawned-item"; request: number; value: Packed; transfer: Transferable[] };

export type FromWorker =
  | DoneMessage
  | DoneMessage[]
  | {
      t: "spawn";
      request: number;
      module: SiteModule;
      values: Packed;
      transfer: Transferable[];
      options: TaskOptions;
      label: string;
      /** A generator closure: its items come back as "spawned-item" messages. */
      stream: boolean;
    }
  /** A value a streamed task yielded (the task's outcome follows as a DoneMessage). */
  | { t: "yield"; id: number; value: unknown; tagged: boolean; transfer: Transferable[] }
  /** The consumer of a nested streamed spawn took `n` items / is gone. */
  | { t: "spawn-more"; request: number; n: number }
  | { t: "spawn-stop"; request: number }
  | { t: "global"; id: string; value: Packed }
  /** The signal of a nested spawn was aborted in the worker: cancel that task. */
  | { t: "cancel"; request: number; reason: Packed };
