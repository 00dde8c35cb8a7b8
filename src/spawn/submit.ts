// From a compiled site and its captured values to a submitted task: what eval mode's snippet
// and compile mode's rewritten call both end in (one runtime path).
import type { Transferable } from "../transport/transferable.js";
import { SpawnError } from "../errors.js";
import { dispatcher } from "../task.js";
import type { Outcome, SiteModule } from "../task.js";
import { TaskStream } from "./stream.js";
import { pack, unpack, UnclonableError } from "../transport/pack.js";
import { abortSignal, boolean, milliseconds } from "../options.js";

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

export const SPAWN_OPTIONS = { transfer: boolean, signal: abortSignal, timeout: milliseconds };

/** What a task needs of its site. */
export interface RunnableSite {
  module: SiteModule;
  /** The names whose values are captured, in the order of the values array. */
  values: string[];
  /** `file:line:column` of the spawn call, as error messages show it. */
  label: string;
  /** The closure is a generator (sync or async): its task streams what it yields. */
  streamed: boolean;
}

const describeCapture = (path: string) => `the captured value \`${path}\``;

/** Packs the captured values and submits the task: its promise, or for a generator its stream. */
export function submitSite(site: RunnableSite, values: unknown[], options: SpawnOptions | undefined): Promise<unknown> | TaskStream {
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
