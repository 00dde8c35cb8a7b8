// The one pool of the process, owned by the main thread. Workers start lazily, up to `workers`
// (default: the available parallelism); any worker runs any site and keeps each site's module
// once loaded; tasks queue when every worker is busy; an idle worker is unref'd (it never keeps
// the process alive) and ends after `idleTimeout`. A worker that dies rejects its tasks and is
// never reused; the next task starts a new one.
import type { Transferable } from "../transport/transferable.js";
import { Worker } from "node:worker_threads";
import type { Dispatcher, Outcome, SiteModule, StreamControl, StreamSink, Submission } from "../task.js";
import { TASK_CANCELLABLE, TASK_STREAMED } from "./protocol.js";
import type { DoneMessage, FromWorker, RunMessage, ToWorker } from "./protocol.js";
import type { Packed } from "../transport/pack.js";
import { pack, unpack } from "../transport/pack.js";
import { QueueFullError, ShutdownError, TaskTimeoutError, WorkerCrashError } from "../errors.js";
import { Histogram, type HistogramSummary } from "./histogram.js";
import { loaderKind, runtime } from "../runtime/detect.js";
import { globalsCount, globalsSince, recordGlobal } from "../sync/global-registry.js";
import { deathTable, markDead } from "../sync/threads.js";
import { setLongTimeout, type LongTimer } from "../runtime/timers.js";
import { checkOptions, milliseconds, type OptionSpec } from "../options.js";
import { lazyBuiltin } from "../runtime/builtin.js";

// node:os is needed only to size the pool, at the first spawn (see runtime/builtin.ts).
const os = lazyBuiltin<typeof import("node:os")>("node:os");

export interface PoolOptions {
  /** Most workers at once. Default: the available parallelism. */
  workers?: number;
  /** Milliseconds an idle worker lives. Default: 30 000. */
  idleTimeout?: number;
  /**
   * Heap limit of each worker, in MB (`resourceLimits.maxOldGenerationSizeMb`): a closure that
   * exceeds it ends its worker with a WorkerCrashError instead of exhausting the process.
   * Node honours it; on Deno and Bun it is not applied (Bun ignores it; Deno would leave the
   * task unsettled, see #start). Applies to workers started afterwards.
   */
  maxHeapMb?: number;
  /**
   * Most tasks waiting for a worker. Beyond it, `eval(spawn(...))` rejects at once with a
   * QueueFullError. Default: Infinity.
   */
  maxQueue?: number;
  /**
   * Workers kept started and warm even when idle (they never keep the process alive). Default 0.
   * At most `workers`.
   */
  minWorkers?: number;
  /**
   * Milliseconds a cancelled task's code may still run after its context's signal aborted,
   * before its worker is terminated. Code that stops in time keeps its worker. Default 300;
   * 0 terminates the worker at once.
   */
  cancelGraceMs?: number;
}

/** What `metrics()` returns: counts since the pool started, and the workers alive now. */
export interface PoolMetrics {
  /** Tasks that returned a result. */
  completed: number;
  /** Tasks whose closure threw, whose worker died, or that shutdown() ended. */
  failed: number;
  /** Tasks cancelled by their signal or their timeout. */
  cancelled: number;
  /** Tasks waiting for a worker now. */
  queued: number;
  /** Tasks running (or waiting for their nested spawns) on a worker now; not cancelled ones. */
  running: number;
  /** Run time of completed tasks, ms: from being sent to a worker to their result. */
  runTime: HistogramSummary;
  /** Wait of started tasks, ms: from spawn to being sent to a worker. */
  waitTime: HistogramSummary;
  /** Each worker alive now, and the share of its life it had a task (0..1). */
  workers: { threadId: number; utilization: number }[];
}

interface Task extends Submission {
  id: number;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
  slot: PooledWorker | undefined;
  timer: LongTimer | undefined;
  onAbort: (() => void) | undefined;
  /** When it was posted (performance.now()), to learn how long the site's tasks take. */
  sent: number;
  /** When it was submitted (performance.now()): its wait is sent - submitted. */
  submitted: number;
  /**
   * Cancelled while running: its promise has rejected, its code was asked to stop, and its
   * worker takes nothing else until it does (or is terminated when `timer`, the grace, ends).
   */
  stopping: boolean;
  /** A streamed task's consumer awaits an item (see #streamControl). */
  awaited: boolean;
}

/** Sites whose tasks take less than this (round trip, ms) may queue inside a busy worker. */
const SHORT_TASK_MS = 1;
/** Most tasks in flight on one worker when they are short. */
const PIPELINE_DEPTH = 32;

const WORKER_URL = new URL("./worker.js", import.meta.url);

class PooledWorker {
  readonly worker: Worker;
  readonly tasks = new Map<number, Task>();
  /** The sites this worker has loaded: module hash → the number messages use for it. */
  readonly sites = new Map<string, number>();
  /** When it last became idle (performance.now()), or -1 while it has tasks. */
  idleSince = -1;
  /** Index into the global registry's log: what this worker already knows. */
  globalsSent = 0;
  /** Tasks of this worker that wait for a nested spawn: they hold no CPU. */
  waiting = 0;
  /**
   * Tasks of this worker that run on a worker of their own: nothing else is sent there. Those
   * that can be cancelled (a signal or a timeout: cancelling running code may end its thread)
   * and streams (a generator waits for its consumer as long as the consumer likes).
   */
  exclusive = 0;
  /** Tasks cancelled while running that have not stopped yet (see Task.stopping). */
  stopping = 0;
  /** Nested spawns of this worker, by request number, to cancel them when the worker asks. */
  readonly cancels = new Map<number, AbortController>();
  /** Run messages of this job not posted yet (see Pool.#send), their tasks and transferables. */
  readonly outbox: RunMessage[] = [];
  readonly outboxTasks: Task[] = [];
  readonly outboxTransfer: Transferable[] = [];
  flushQueued = false;
  /** Nested streamed spawns of this worker, by request number: the worker steers them. */
  readonly nestedStreams = new Map<number, StreamSink>();
  idleTimer: LongTimer | undefined;
  dead = false;
  referenced = true;
  readonly started = performance.now();
  /** Since when it has had a task (performance.now()), and how long it had tasks before. */
  busySince = 0;
  busyTotal = 0;

  constructor(worker: Worker) {
    this.worker = worker;
  }

  get busy(): boolean {
    return this.tasks.size - this.waiting > 0;
  }
}

export class Pool implements Dispatcher {
  #size: number;
  #idleTimeout: number;
  #maxHeapMb: number | undefined;
  readonly #slots: PooledWorker[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  /** The script workers start from: the package's worker, or a bundle's (useWorkerScript). */
  #script: URL = WORKER_URL;
  #maxQueue = Infinity;
  #warmTimer: LongTimer | undefined;
  #minWorkers = 0;
  #cancelGraceMs = 300;
  #completed = 0;
  #failed = 0;
  #cancelled = 0;
  readonly #runTime = new Histogram();
  readonly #waitTime = new Histogram();
  /** Tasks of every worker that wait for a nested spawn: each leaves a core free. */
  #waiting = 0;

  constructor(options: PoolOptions = {}) {
    checkOptions("configure(options)", options, POOL_OPTIONS);
    this.#size = options.workers ?? Math.max(1, os().availableParallelism());
    this.#idleTimeout = options.idleTimeout ?? 30_000;
    this.#maxHeapMb = options.maxHeapMb;
    this.#maxQueue = options.maxQueue ?? Infinity;
    this.#minWorkers = options.minWorkers ?? 0;
    this.#cancelGraceMs = options.cancelGraceMs ?? 300;
    checkSizes(this.#size, this.#minWorkers);
  }

  configure(options: PoolOptions = {}): void {
    checkOptions("configure(options)", options, POOL_OPTIONS);
    checkSizes(options.workers ?? this.#size, options.minWorkers ?? this.#minWorkers);
    if (options.workers !== undefined) this.#size = options.workers;
    if (options.maxHeapMb !== undefined) this.#maxHeapMb = options.maxHeapMb;
    if (options.maxQueue !== undefined) this.#maxQueue = options.maxQueue;
    if (options.minWorkers !== undefined) this.#minWorkers = options.minWorkers;
    if (options.idleTimeout !== undefined) this.#idleTimeout = options.idleTimeout;
    if (options.cancelGraceMs !== undefined) this.#cancelGraceMs = options.cancelGraceMs;
    // Idle timers start again from each worker's idle time (a kept-warm worker's had stopped).
    if (options.idleTimeout !== undefined || options.minWorkers !== undefined) {
      for (const slot of this.#slots) {
        slot.idleTimer?.clear();
        slot.idleTimer = undefined;
        if (slot.idleSince >= 0) this.#armIdleTimer(slot, Math.max(0, this.#idleTimeout - (performance.now() - slot.idleSince)));
      }
    }
    this.#drain();
    this.#keepWarm();
    this.#trim();
  }

  // Starts workers up to minWorkers; each idles as after a task: unref'd, with its idle timer.
  #keepWarm(): void {
    while (this.#slots.length < this.#minWorkers) this.#afterTask(this.#start());
  }

  metrics(): PoolMetrics {
    const now = performance.now();
    let running = 0;
    const workers = this.#slots.map((slot) => {
      running += slot.tasks.size - slot.stopping;
      const busy = slot.busyTotal + (slot.tasks.size > 0 ? now - slot.busySince : 0);
      return { threadId: slot.worker.threadId, utilization: Math.min(1, busy / Math.max(now - slot.started, 1e-3)) };
    });
    return {
      completed: this.#completed,
      failed: this.#failed,
      cancelled: this.#cancelled,
      queued: this.#queue.length,
      running,
      runTime: this.#runTime.summary(),
      waitTime: this.#waitTime.summary(),
      workers,
    };
  }

  /**
   * Compile mode through the hook: modules whose own closure holds their site again (recursion),
   * by hash. That inner site names its module by hash alone (its text would contain itself);
   * every spawn reaches this pool, so the module is filled in here.
   */
  readonly #recursiveModules = new Map<string, SiteModule>();

  #moduleOf(submission: Submission): SiteModule {
    const { module } = submission;
    if (module.recursive) this.#recursiveModules.set(module.hash, module);
    if (module.text !== "" || module.bundled) return module;
    const known = this.#recursiveModules.get(module.hash);
    if (known === undefined) {
      throw new Error(`experimental-threads: spawn at ${submission.label}: its worker module ${module.hash} is not known to the pool`);
    }
    return known;
  }

  submit(submission: Submission): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      // Every field listed, none added later: V8 keeps the object's shape fast (a spread plus
      // later additions cost microseconds per task on Node 20).
      const task: Task = {
        id: this.#nextId++,
        module: this.#moduleOf(submission),
        values: submission.values,
        transfer: submission.transfer,
        options: submission.options,
        signal: submission.signal,
        label: submission.label,
        stream: submission.stream,
        resolve,
        reject,
        slot: undefined,
        timer: undefined,
        onAbort: undefined,
        sent: 0,
        submitted: performance.now(),
        stopping: false,
        awaited: false,
      };
      const { signal, options } = submission;
      if (this.#queue.length >= this.#maxQueue && !this.#canStartNow()) {
        return reject(
          new QueueFullError(
            `experimental-threads: spawn at ${task.label}: the queue is full: ${this.#queue.length} tasks wait for a ` +
              `worker (configure({ maxQueue: ${this.#maxQueue} })); nothing was queued`,
          ),
        );
      }
      if (signal) {
        if (signal.aborted) {
          this.#cancelled++;
          return reject(signal.reason);
        }
        task.onAbort = () => this.#cancel(task, signal.reason);
        signal.addEventListener("abort", task.onAbort, { once: true });
      }
      if (options.timeout !== undefined) {
        task.timer = setLongTimeout(() => {
          this.#cancel(
            task,
            new TaskTimeoutError(`experimental-threads: spawn at ${task.label}: the task did not finish within ${options.timeout} ms`),
          );
        }, options.timeout);
      }
      if (task.stream) task.stream.control = this.#streamControl(task);
      this.#queue.push(task);
      this.#drain();
    });
  }

  // The consumer's side of a streamed task: credit and stop go to its worker; the worker keeps
  // the process alive only while the consumer awaits an item (an abandoned stream must not).
  #streamControl(task: Task): StreamControl {
    return {
      more: (n) => {
        if (task.slot?.tasks.get(task.id) === task) this.#post(task.slot, { t: "more", id: task.id, n } satisfies ToWorker);
      },
      stop: () => {
        const queued = this.#queue.indexOf(task);
        if (queued >= 0) {
          // Never started: nothing to stop; the stream ends empty.
          this.#queue.splice(queued, 1);
          this.#settle(task);
          this.#cancelled++;
          task.resolve({ ok: true, result: pack(undefined, { transfer: null, describe: String }), transfer: [] });
          return;
        }
        if (task.slot?.tasks.get(task.id) === task) this.#post(task.slot, { t: "stop", id: task.id } satisfies ToWorker);
      },
      awaited: (on) => {
        task.awaited = on;
        const slot = task.slot;
        if (slot !== undefined && !slot.dead && slot.tasks.get(task.id) === task) this.#reference(slot, on);
      },
    };
  }

  useWorkerScript(url: string): void {
    // Workers already running keep their script: a bundle's sites run only in workers started
    // from its worker bundle, which are all the workers of a bundled program.
    this.#script = new URL(url);
  }

  warm(): void {
    if (this.#slots.length === 0) {
      const slot = this.#start();
      this.#afterTask(slot); // idle until its first task: unref'd, with its idle timer
    }
  }

  /** Terminates every worker; queued and running tasks reject with a ShutdownError. */
  async shutdown(): Promise<void> {
    this.#warmTimer?.clear();
    this.#warmTimer = undefined;
    const queued = this.#queue.splice(0);
    for (const task of queued) {
      this.#settle(task);
      this.#failed++;
      task.reject(new ShutdownError(`experimental-threads: spawn at ${task.label}: shutdown() was called while the task was queued`));
    }
    const slots = this.#slots.splice(0);
    await Promise.all(
      slots.map((slot) => {
        this.#retire(slot, (task) => new ShutdownError(`experimental-threads: spawn at ${task.label}: shutdown() was called while the task was running`));
        return slot.worker.terminate().catch(() => {});
      }),
    );
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      const task = this.#queue[0];
      const exclusive = isExclusive(task);
      // An idle worker, else a new one.
      let slot = this.#slots.find((s) => s.tasks.size === 0);
      if (slot === undefined && this.#slots.length < this.#size) slot = this.#start();
      if (slot === undefined && !exclusive) {
        // A worker whose tasks all wait for nested spawns has a free core's worth of time
        // (without it nested spawns could deadlock the pool); not one that runs a cancellable task.
        slot = this.#slots.find((s) => !s.busy && s.exclusive === 0);
        // Short tasks (a site whose round trips take < 1 ms) also queue inside busy workers, a
        // few each, so a burst is not held to one round trip per task per worker. Long ones wait
        // here, to go to whichever worker frees first.
        slot ??= this.#pipelineSlot(task);
      }
      // Tasks waiting for nested spawns leave cores free: one thread more per waiting task keeps
      // nested spawns moving when the workers they could share cannot take them.
      if (slot === undefined && this.#slots.length < this.#size + this.#waiting) slot = this.#start();
      if (slot === undefined) return;
      this.#send(slot, this.#queue.shift()!);
    }
  }

  // A task that can be cancelled never waits inside a worker (cancelling it would end the
  // worker, and the tasks ahead of it); nor does a short task wait behind a long one.
  #pipelineSlot(task: Task): PooledWorker | undefined {
    if (!this.#short(task)) return undefined;
    let best: PooledWorker | undefined;
    for (const slot of this.#slots) {
      if (slot.exclusive > 0 || slot.tasks.size >= PIPELINE_DEPTH || (best !== undefined && slot.tasks.size >= best.tasks.size)) continue;
      let allShort = true;
      for (const other of slot.tasks.values()) allShort &&= this.#short(other);
      if (allShort) best = slot;
    }
    return best;
  }

  #short(task: Task): boolean {
    const typical = this.#durations.get(task.module.hash);
    return typical !== undefined && typical < SHORT_TASK_MS;
  }

  // Round-trip time per site (ms), smoothed; measured on tasks that ran alone on their worker.
  readonly #durations = new Map<string, number>();

  #learn(slot: PooledWorker, task: Task): void {
    if (slot.tasks.size > 0) return;
    const took = performance.now() - task.sent;
    const before = this.#durations.get(task.module.hash);
    this.#durations.set(task.module.hash, before === undefined ? took : before * 0.8 + took * 0.2);
  }

  #send(slot: PooledWorker, task: Task): void {
    task.slot = slot;
    task.sent = performance.now();
    this.#waitTime.record(task.sent - task.submitted);
    if (slot.tasks.size === 0) slot.busySince = task.sent;
    slot.tasks.set(task.id, task);
    if (isExclusive(task)) slot.exclusive++;
    slot.idleSince = -1;
    // A stream keeps the process alive only while its consumer awaits (see #streamControl).
    this.#reference(slot, task.stream === undefined || task.awaited);
    const { module } = task;
    let site = slot.sites.get(module.hash);
    const first = site === undefined;
    if (site === undefined) {
      site = slot.sites.size;
      slot.sites.set(module.hash, site);
    }
    let globals: [string, Packed][] | undefined;
    if (globalsCount() > slot.globalsSent) {
      const since = globalsSince(slot.globalsSent);
      globals = since.entries;
      slot.globalsSent = since.next;
    }
    const message: RunMessage = [
      task.id, site, task.values.value as unknown[], task.values.tagged, first ? module : undefined, globals,
      (isCancellable(task) ? TASK_CANCELLABLE : 0) | (task.stream ? TASK_STREAMED : 0),
    ];
    // Sent at the end of this job, with whatever else this job sends the worker, in one message:
    // a burst costs a message per batch, not per task.
    slot.outbox.push(message);
    slot.outboxTasks.push(task);
    for (const t of task.transfer) slot.outboxTransfer.push(t);
    if (!slot.flushQueued) {
      slot.flushQueued = true;
      queueMicrotask(() => this.#flush(slot));
    }
  }

  #flush(slot: PooledWorker): void {
    slot.flushQueued = false;
    if (slot.outbox.length === 0) return;
    const messages = slot.outbox.splice(0);
    const tasks = slot.outboxTasks.splice(0);
    const transfer = slot.outboxTransfer.splice(0);
    if (slot.dead) return; // its tasks were rejected when it was retired
    try {
      slot.worker.postMessage(messages.length === 1 ? messages[0] : messages, transfer);
      return;
    } catch {
      // One task's transferables cannot be sent: send one by one, so only that task fails.
    }
    for (let k = 0; k < messages.length; k++) {
      const task = tasks[k];
      try {
        slot.worker.postMessage(messages[k], task.transfer);
      } catch (error) {
        if (slot.tasks.get(task.id) !== task) continue;
        this.#detach(slot, task);
        if (messages[k][4] !== undefined) slot.sites.delete(task.module.hash);
        this.#settle(task);
        this.#failed++;
        task.reject(error);
        this.#afterTask(slot);
      }
    }
  }

  /** Any other message to a worker: after the tasks this job already gave it, in order. */
  #post(slot: PooledWorker, message: ToWorker, transfer: Transferable[] = []): void {
    this.#flush(slot);
    slot.worker.postMessage(message, transfer);
  }

  #start(): PooledWorker {
    const execArgv = loaderKind === "data-url" ? ["--experimental-import-meta-resolve"] : undefined;
    // Deno honours the limit but reports nothing (no "error", no "exit") when a worker reaches
    // it inside a promise job, so the task would never settle: there the limit is not applied.
    const resourceLimits =
      this.#maxHeapMb === undefined || runtime === "deno" ? undefined : { maxOldGenerationSizeMb: this.#maxHeapMb };
    const workerData = { xtDeaths: deathTable() };
    let worker: Worker;
    try {
      worker = new Worker(this.#script, { execArgv: execArgv && [...process.execArgv, ...execArgv], resourceLimits, workerData });
    } catch {
      // Some of the parent's flags are not allowed in workers.
      worker = new Worker(this.#script, { execArgv, resourceLimits, workerData });
    }
    const thread = worker.threadId;
    const slot = new PooledWorker(worker);
    this.#slots.push(slot);
    worker.on("message", (message: FromWorker) => this.#onMessage(slot, message));
    worker.on("error", (error: unknown) => {
      this.#fail(slot, (task) =>
        new WorkerCrashError(
          `experimental-threads: spawn at ${task.label}: the worker running the task crashed: ${describeError(error)}`,
          { cause: error },
        ),
      );
    });
    worker.on("exit", (code: number) => {
      markDead(thread);
      this.#fail(slot, (task) =>
        new WorkerCrashError(
          `experimental-threads: spawn at ${task.label}: the worker running the task exited with code ${code} before the task ` +
            `finished (process.exit() in the closure, or the worker was terminated)`,
        ),
      );
    });
    return slot;
  }

  #onMessage(slot: PooledWorker, message: FromWorker): void {
    // A worker retired (shutdown, cancel, crash) may still have messages on the way: its nested
    // spawns and Globals must not start anything any more.
    if (slot.dead) return;
    if (Array.isArray(message)) {
      if (Array.isArray(message[0])) {
        for (const done of message as DoneMessage[]) this.#done(slot, done);
      } else this.#done(slot, message as DoneMessage);
      return;
    }
    switch (message.t) {
      case "yield":
        slot.tasks.get(message.id)?.stream?.item({ value: message.value, tagged: message.tagged }, message.transfer);
        return;
      case "spawn-more":
        slot.nestedStreams.get(message.request)?.control?.more(message.n);
        return;
      case "spawn-stop":
        slot.nestedStreams.get(message.request)?.control?.stop();
        return;
      case "spawn":
        return this.#nested(slot, message);
      case "global":
        recordGlobal(message.id, message.value);
        return;
      case "cancel": {
        let reason: unknown;
        try {
          reason = unpack(message.reason);
        } catch (error) {
          reason = error; // the reason's class is not known here: abort with why
        }
        slot.cancels.get(message.request)?.abort(reason);
        return;
      }
    }
  }

  // A task's outcome: settle it, and give its worker the next task.
  #done(slot: PooledWorker, [id, ok, value, tagged, transfer]: DoneMessage): void {
    const task = slot.tasks.get(id);
    if (task === undefined) return;
    if (task.stopping) {
      // A cancelled task stopped within its grace: its worker lives on; its caller has had
      // its rejection already, so the outcome goes nowhere.
      task.timer?.clear();
      task.timer = undefined;
      this.#detach(slot, task);
      this.#afterTask(slot);
      return;
    }
    this.#detach(slot, task);
    this.#learn(slot, task);
    this.#settle(task);
    if (ok) {
      this.#completed++;
      this.#runTime.record(performance.now() - task.sent);
    } else this.#failed++;
    task.resolve({ ok, result: { value, tagged }, transfer });
    this.#afterTask(slot);
  }

  // A worker's own spawn: run it in the pool like any task; while it waits, the worker's task
  // holds no CPU, so another task may run on that worker (else nested spawns could deadlock).
  #nested(slot: PooledWorker, message: Extract<FromWorker, { t: "spawn" }>): void {
    slot.waiting++;
    this.#waiting++;
    this.#drain();
    const cancel = new AbortController();
    slot.cancels.set(message.request, cancel);
    // A nested stream's items go on to the worker that spawned it.
    let stream: StreamSink | undefined;
    if (message.stream) {
      stream = {
        item: (value, transfer) => {
          if (!slot.dead) this.#post(slot, { t: "spawned-item", request: message.request, value, transfer } satisfies ToWorker, transfer);
        },
        control: undefined,
      };
      slot.nestedStreams.set(message.request, stream);
    }
    const reply = (ok: boolean, result: Packed, transfer: Transferable[] = []) => {
      slot.cancels.delete(message.request);
      slot.nestedStreams.delete(message.request);
      if (slot.dead) return;
      slot.waiting--;
      this.#waiting--;
      try {
        this.#post(slot, { t: "spawned", request: message.request, ok, result, transfer } satisfies ToWorker, transfer);
      } catch (error) {
        this.#post(slot, { t: "spawned", request: message.request, ok: false, result: packFailure(error), transfer: [] } satisfies ToWorker);
      }
    };
    this.submit({
      module: message.module,
      values: message.values,
      transfer: message.transfer,
      options: message.options,
      signal: cancel.signal,
      label: message.label,
      stream,
    }).then(
      (outcome) => reply(outcome.ok, outcome.result, outcome.transfer),
      (error) => reply(false, packFailure(error)),
    );
  }

  #afterTask(slot: PooledWorker): void {
    this.#drain();
    if (slot.tasks.size === 0 && !slot.dead) {
      this.#reference(slot, false);
      slot.idleSince = performance.now();
      if (slot.idleTimer === undefined) this.#armIdleTimer(slot, this.#idleTimeout);
    }
    this.#trim();
  }

  // Threads beyond the size (started for nested spawns, or left by configure({ workers })
  // making the pool smaller) end once idle, the longest idle first: the warm ones stay.
  #trim(): void {
    while (this.#slots.length > this.#size + this.#waiting) {
      let coldest: PooledWorker | undefined;
      for (const s of this.#slots) {
        if (s.tasks.size === 0 && (coldest === undefined || s.idleSince < coldest.idleSince)) coldest = s;
      }
      if (coldest === undefined) return;
      this.#idle(coldest);
    }
  }

  // One timer per worker, armed when it becomes idle and re-armed when it fires early (the
  // worker worked in between): no timer is created or cleared per task.
  #armIdleTimer(slot: PooledWorker, delay: number): void {
    slot.idleTimer = setLongTimeout(() => {
      slot.idleTimer = undefined;
      if (slot.dead || slot.idleSince < 0) return;
      const idleFor = performance.now() - slot.idleSince;
      if (idleFor >= this.#idleTimeout) this.#idle(slot);
      else this.#armIdleTimer(slot, this.#idleTimeout - idleFor);
    }, delay);
    slot.idleTimer.unref();
  }

  #idle(slot: PooledWorker): void {
    if (slot.tasks.size > 0 || slot.dead) return;
    if (this.#slots.length <= this.#minWorkers) return; // kept warm
    this.#remove(slot);
    slot.dead = true;
    void slot.worker.terminate();
  }

  // Busy workers keep the process alive (their results are awaited); idle ones never do.
  #reference(slot: PooledWorker, on: boolean): void {
    if (slot.referenced === on) return;
    slot.referenced = on;
    if (on) slot.worker.ref();
    else slot.worker.unref();
  }

  #cancel(task: Task, reason: unknown): void {
    this.#settle(task);
    this.#cancelled++;
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      task.reject(reason);
      return;
    }
    const slot = task.slot;
    if (slot === undefined || !slot.tasks.has(task.id) || task.stopping) return;
    task.reject(reason);
    if (this.#cancelGraceMs === 0) return this.#terminateFor(slot, task);
    // First ask: the worker aborts the task's context signal, and code that watches it stops
    // cleanly. The worker takes nothing else meanwhile (the task stays on it); code still
    // running when the grace ends is stopped the only way running code can be: its thread ends.
    task.stopping = true;
    slot.stopping++;
    let packed: Packed;
    try {
      packed = pack(reason, { transfer: null, describe: () => "the abort reason" });
    } catch (error) {
      packed = packFailure(error);
    }
    this.#post(slot, { t: "abort", id: task.id, reason: packed } satisfies ToWorker);
    task.timer = setLongTimeout(() => {
      task.timer = undefined;
      if (slot.tasks.get(task.id) === task) this.#terminateFor(slot, task);
    }, this.#cancelGraceMs);
  }

  // Ends the worker running a cancelled task. A cancellable task runs on a worker of its own
  // (see #drain), so no other task is there.
  #terminateFor(slot: PooledWorker, task: Task): void {
    this.#detach(slot, task);
    this.#fail(slot, (other) =>
      new WorkerCrashError(`experimental-threads: spawn at ${other.label}: the worker running the task was terminated to cancel another task`),
    );
    void slot.worker.terminate();
  }

  #fail(slot: PooledWorker, reason: (task: Task) => Error): void {
    if (slot.dead) return;
    this.#remove(slot);
    this.#retire(slot, reason);
    this.#drain();
    // A replacement for a kept-warm worker, a little later: a worker that dies as it starts must
    // not be restarted in a loop.
    if (this.#slots.length < this.#minWorkers && this.#warmTimer === undefined) {
      this.#warmTimer = setLongTimeout(() => {
        this.#warmTimer = undefined;
        this.#keepWarm();
      }, 100);
      this.#warmTimer.unref();
    }
  }

  #retire(slot: PooledWorker, reason: (task: Task) => Error): void {
    slot.dead = true;
    this.#waiting -= slot.waiting;
    slot.idleTimer?.clear();
    for (const task of slot.tasks.values()) {
      this.#settle(task);
      if (task.stopping) continue; // rejected when it was cancelled
      this.#failed++;
      task.reject(reason(task));
    }
    slot.tasks.clear();
    // Nested spawns of this worker's tasks have nobody left to answer: stop them too.
    for (const cancel of slot.cancels.values()) {
      cancel.abort(new WorkerCrashError("experimental-threads: the worker that spawned this task ended before it finished"));
    }
    slot.cancels.clear();
  }

  #detach(slot: PooledWorker, task: Task): void {
    slot.tasks.delete(task.id);
    if (isExclusive(task)) slot.exclusive--;
    if (task.stopping) slot.stopping--;
    if (slot.tasks.size === 0) slot.busyTotal += performance.now() - slot.busySince;
  }

  // Whether a new task would go to a worker at once rather than wait (then the queue limit does
  // not apply to it).
  #canStartNow(): boolean {
    return this.#slots.length < this.#size || this.#slots.some((s) => s.tasks.size === 0);
  }

  #remove(slot: PooledWorker): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
  }

  #settle(task: Task): void {
    task.timer?.clear();
    if (task.onAbort) task.signal!.removeEventListener("abort", task.onAbort);
    task.timer = undefined;
    task.onAbort = undefined;
  }
}

function checkSizes(workers: number, minWorkers: number): void {
  if (minWorkers > workers) {
    throw new RangeError(
      `experimental-threads: configure(options): option \`minWorkers\` (${minWorkers}) must be at most \`workers\` (${workers})`,
    );
  }
}

/** A task with a signal or a timeout: cancelling it while it runs may end its worker. */
function isCancellable(task: Task): boolean {
  return task.signal !== undefined || task.options.timeout !== undefined;
}

/** A task that runs on a worker of its own (see PooledWorker.exclusive). */
function isExclusive(task: Task): boolean {
  return task.stream !== undefined || isCancellable(task);
}

const POOL_OPTIONS: OptionSpec = {
  workers: {
    expected: "an integer >= 1",
    type: (value) => typeof value === "number",
    range: (value: number) => Number.isInteger(value) && value >= 1,
  },
  idleTimeout: milliseconds,
  maxHeapMb: {
    expected: "a number of megabytes > 0",
    type: (value) => typeof value === "number",
    range: (value: number) => value > 0 && value < Infinity,
  },
  maxQueue: {
    expected: "an integer >= 0 or Infinity",
    type: (value) => typeof value === "number",
    range: (value: number) => value === Infinity || (Number.isInteger(value) && value >= 0),
  },
  minWorkers: {
    expected: "an integer >= 0 (at most workers)",
    type: (value) => typeof value === "number",
    range: (value: number) => Number.isInteger(value) && value >= 0,
  },
  cancelGraceMs: milliseconds,
};

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function packFailure(error: unknown): Packed {
  return pack(error, { transfer: null, describe: (path) => `the error${path ? ` (${path})` : ""}` });
}
