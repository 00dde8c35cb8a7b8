// The `Global`s of this thread, by identity (`<original module URL>:<line>:<column>` of the
// `new Global` expression). The main thread also keeps a log of every Global it knows, packed,
// and sends each worker the part of the log it has not seen, before that worker's next task;
// a Global first created in a worker is sent to the main thread, and so reaches the others.
import { pack, unpack } from "../transport/pack.js";
import type { Packed } from "../transport/pack.js";

interface Registry {
  values: Map<string, unknown>;
  log: [string, Packed][];
  /** Set in workers: tells the main thread about a Global created here. */
  announce?: (id: string, value: Packed) => void;
}

const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("experimental-threads.globals")] ??= {
  values: new Map(),
  log: [],
}) as Registry;

/** The value already bound to `id` in this thread, if any. */
export function existingGlobal(id: string): { value: unknown } | undefined {
  return registry.values.has(id) ? { value: registry.values.get(id) } : undefined;
}

/** A `new Global` ran here first: bind it, and make it known to the other threads. */
export function createdGlobal(id: string, value: unknown): void {
  registry.values.set(id, value);
  let packed: Packed;
  try {
    packed = pack(value, { transfer: null, describe: () => `the value of the Global at ${id}` });
  } catch {
    return; // cannot travel: it stays this thread's own (its captures will report why)
  }
  if (registry.announce) registry.announce(id, packed);
  else registry.log.push([id, packed]);
}

/** Main thread: a Global a worker created; the first one bound to an identity wins. */
export function recordGlobal(id: string, value: Packed): void {
  if (registry.values.has(id)) return;
  let revived: unknown;
  try {
    revived = unpack(value);
  } catch {
    // Not revivable here (e.g. a class registered only in the worker's modules): other workers
    // still get it; this thread keeps its own if it ever evaluates that declaration.
    registry.log.push([id, value]);
    return;
  }
  registry.values.set(id, revived);
  registry.log.push([id, value]);
}

/** Worker: Globals sent by the main thread, bound before the module that declares them runs. */
export function receiveGlobals(entries: [string, Packed][]): void {
  for (const [id, value] of entries) {
    if (!registry.values.has(id)) registry.values.set(id, unpack(value));
  }
}

/** How many Globals the log holds: a worker that has seen as many needs none. */
export function globalsCount(): number {
  return registry.log.length;
}

export function globalsSince(index: number): { entries: [string, Packed][]; next: number } {
  return { entries: index < registry.log.length ? registry.log.slice(index) : [], next: registry.log.length };
}

export function setGlobalAnnouncer(announce: (id: string, value: Packed) => void): void {
  registry.announce = announce;
}
