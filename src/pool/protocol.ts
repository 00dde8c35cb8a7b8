// The messages between a thread that submits tasks and a pool worker. Plain data only.
import type { Transferable } from "../transport/transferable.js";
import type { SiteModule } from "../spawn/sites.js";
import type { Packed } from "../transport/pack.js";

/** Options of one task, as they travel (a nested spawn sends them to the main thread). */
export interface TaskOptions {
  /** Milliseconds before the task is abandoned and its worker terminated. */
  timeout?: number;
}

export type ToWorker =
  | {
      t: "run";
      id: number;
      /** Sent the first time this worker runs the site; afterwards only `hash`. */
      module?: SiteModule;
      hash: string;
      values: Packed;
      /** `Global`s this worker has not been told about yet: [identity, value]. */
      globals?: [string, Packed][];
    }
  | { t: "spawned"; request: number; ok: boolean; result: Packed; transfer: Transferable[] };

export type FromWorker =
  | { t: "done"; id: number; ok: boolean; result: Packed; transfer: Transferable[] }
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
