// Where a thread's tasks go: the main thread owns the pool; a worker relays its nested spawns
// to the main thread, so that the whole process shares one pool.
import type { Transferable } from "../transport/transferable.js";
import type { SiteModule } from "./sites.js";
import type { Packed } from "../transport/pack.js";
import type { TaskOptions } from "../pool/protocol.js";

export interface Submission {
  module: SiteModule;
  values: Packed;
  transfer: Transferable[];
  options: TaskOptions;
  signal?: AbortSignal;
  /** `file:line:column` of the spawn call, for error messages. */
  label: string;
}

/** The packed result (ok) or the packed thrown value (not ok), and its transferables. */
export interface Outcome {
  ok: boolean;
  result: Packed;
  transfer: Transferable[];
}

export interface Dispatcher {
  submit(task: Submission): Promise<Outcome>;
  /** Starts a worker ahead of the first task, if none runs yet. */
  warm?(): void;
}

let current: Dispatcher | undefined;
let makeDefault: (() => Dispatcher) | undefined;

export function setDispatcher(dispatcher: Dispatcher): void {
  current = dispatcher;
}

/** The main thread's pool is created on first use (so importing the library starts nothing). */
export function setDefaultDispatcher(factory: () => Dispatcher): void {
  makeDefault = factory;
}

export function dispatcher(): Dispatcher {
  return (current ??= makeDefault!());
}
