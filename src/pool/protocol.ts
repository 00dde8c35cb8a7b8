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
  /** The task has a signal or a timeout: an "abort" message may follow for it. */
  cancellable: boolean,
];

/** A task's outcome: its result (ok) or what it threw, and what was transferred with it. */
export type DoneMessage = [id: number, ok: boolean, value: unknown, tagged: boolean, transfer: Transferable[]];

export type ToWorker =
  | RunMessage
  | { t: "spawned"; request: number; ok: boolean; result: Packed; transfer: Transferable[] }
  /** The task was cancelled: abort its context's signal with the reason (it may still finish). */
  | { t: "abort"; id: number; reason: Packed };

export type FromWorker =
  | DoneMessage
  | {
      t: "spawn";
      request: number;
      module: SiteModule;
      values: Packed;
      transfer: Transferable[];
      options: TaskOptions;
      label: string;
    }
  | { t: "global"; id: string; value: Packed }
  /** The signal of a nested spawn was aborted in the worker: cancel that task. */
  | { t: "cancel"; request: number; reason: Packed };
