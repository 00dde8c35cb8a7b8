// The task contract: what `spawn` submits and what a dispatcher (the main thread's pool, or a
// worker relaying nested spawns to it) gives back. spawn/ and pool/ both build on this module;
// neither imports the other.
import type { Transferable } from "./transport/transferable.js";
import type { Packed } from "./transport/pack.js";

/** What a worker needs to load a site's module: plain, cloneable data. */
export interface SiteModule {
  /** Content hash of `text` and `url`: the same module is loaded once per worker. */
  hash: string;
  /** The user's file URL: the module's imports resolve from here. */
  url: string;
  /** The generated module, its original-URL slot already filled. */
  text: string;
  /** Import specifiers, as quoted string literals at [begin, end) of `text`. */
  imports: { begin: number; end: number; specifier: string }[];
  /** The names of the value captures: a task's values come in this order. */
  names: string[];
  /**
   * A closure written inside a declaration it needs runs from a copy in the module's epilogue:
   * module lines from `line` on are the user's lines from `originalLine` on.
   */
  copy?: { line: number; originalLine: number };
  /** The module keeps JSX (only Bun loads it: its loader transforms JSX). */
  jsx?: boolean;
  /**
   * Compile mode, bundled: the module is part of the worker script a bundler made (`text` is
   * empty); the worker finds it by `hash` in that script's table of sites.
   */
  bundled?: boolean;
  /**
   * Compile mode through the hook: the module's closure holds this same site again (a recursive
   * closure). There the site names the module by `hash` alone, with an empty `text`; the pool
   * keeps the module and fills it in.
   */
  recursive?: boolean;
}

/**
 * The one parameter a spawned closure may take: `eval(spawn(({ signal }) => work(signal),
 * { timeout: 1000 }))`.
 */
export interface TaskContext {
  /**
   * Aborts when the task is cancelled (its `signal` aborts or its `timeout` elapses), with the
   * same reason the caller's promise rejects with. Code that stops when it aborts keeps its
   * worker; code still running `cancelGraceMs` later ends it.
   */
  readonly signal: AbortSignal;
}

/** Options of one task, as they travel (a nested spawn sends them to the main thread). */
export interface TaskOptions {
  /** Milliseconds before the task is cancelled (as by its signal) with a TaskTimeoutError. */
  timeout?: number;
}

/**
 * A streamed task (the closure is a generator): what it yields goes to `item`, and the
 * dispatcher gives `control` to the consumer's side when the task is submitted.
 */
export interface StreamSink {
  /** A value the generator yielded, packed, with its transferables. */
  item(value: Packed, transfer: Transferable[]): void;
  control: StreamControl | undefined;
}

/** The consumer's side of a stream, towards the worker running the generator. */
export interface StreamControl {
  /** The consumer took `n` items: the worker may run `n` yields further ahead. */
  more(n: number): void;
  /** The consumer is gone (`break`, `return()`): the generator's `return()` runs in the worker. */
  stop(): void;
  /** Whether someone awaits the next item: only then does the stream keep the process alive. */
  awaited(on: boolean): void;
}

/** Yields a worker may run ahead of its consumer. */
export const STREAM_WINDOW = 4;

export interface Submission {
  module: SiteModule;
  values: Packed;
  transfer: Transferable[];
  options: TaskOptions;
  signal?: AbortSignal;
  /** `file:line:column` of the spawn call, for error messages. */
  label: string;
  /** Set for a generator closure: the task streams its yields here. */
  stream: StreamSink | undefined;
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
  /**
   * Compile mode, bundled: workers started from now on run this script (the bundler's worker
   * bundle, which holds the sites' modules) instead of the package's own worker.
   */
  useWorkerScript?(url: string): void;
}

// Where a thread's tasks go: the main thread owns the pool; a worker relays its nested spawns
// to the main thread, so that the whole process shares one pool.
let current: Dispatcher | undefined;
let makeDefault: (() => Dispatcher) | undefined;

/** A worker's relay to the main thread. */
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
