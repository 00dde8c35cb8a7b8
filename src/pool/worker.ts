// The pool worker's entry. It runs tasks as the main thread sends them: load the site's module
// (once per instance), revive the captured values, call the closure, send back the result or
// the thrown value. A closure that spawns relays that task to the main thread's pool.
import { parentPort } from "node:worker_threads";
import type { Transferable } from "../transport/transferable.js";
import { TASK_CANCELLABLE, TASK_STREAMED } from "./protocol.js";
import type { DoneMessage, FromWorker, RunMessage, ToWorker } from "./protocol.js";
import { importSite, rewriteStack } from "./loader.js";
import type { SiteExports } from "./loader.js";
import { pack, setStackRewriter, unpack } from "../transport/pack.js";
import type { Packed } from "../transport/pack.js";
import { receiveGlobals, setGlobalAnnouncer } from "../sync/global-registry.js";
import { setDispatcher, STREAM_WINDOW } from "../task.js";
import type { Outcome, SiteModule, StreamSink, TaskContext } from "../task.js";
// Global registers its handle kind as it loads; the other primitives load with the first
// message that may hold one of their handles (see `whenRevivable`).
import "../sync/global.js";

const port = parentPort!;
const post = (message: FromWorker, transfer: Transferable[] = []) => port.postMessage(message, transfer);

setStackRewriter(rewriteStack);
setGlobalAnnouncer((id, value) => post({ t: "global", id, value }));

// Nested spawns go to the main thread, which owns the one pool.
const requests = new Map<number, (outcome: Outcome) => void>();
/** Nested streamed spawns, by request: their items arrive as "spawned-item" messages. */
const nestedStreams = new Map<number, StreamSink>();
let nextRequest = 1;
setDispatcher({
  submit(task) {
    return new Promise((resolve) => {
      const request = nextRequest++;
      const { signal, stream } = task;
      if (stream) {
        nestedStreams.set(request, stream);
        stream.control = {
          more: (n) => post({ t: "spawn-more", request, n }),
          stop: () => post({ t: "spawn-stop", request }),
          awaited() {}, // this worker is referenced while its own task runs
        };
      }
      const onAbort = () =>
        post({ t: "cancel", request, reason: pack(signal!.reason, { transfer: null, describe: () => "the abort reason" }) });
      requests.set(request, (outcome) => {
        signal?.removeEventListener("abort", onAbort);
        nestedStreams.delete(request);
        resolve(outcome);
      });
      post(
        {
          t: "spawn",
          request,
          module: task.module,
          values: task.values,
          transfer: task.transfer,
          options: task.options,
          label: task.label,
          stream: stream !== undefined,
        },
        task.transfer,
      );
      if (signal) {
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  },
});

interface LoadedSite {
  module: SiteModule;
  /** Loaded instances not running a task. */
  free: SiteExports[];
  instances: number;
}
/** By the number the main thread gave each site for this worker. */
const sites: LoadedSite[] = [];

/**
 * The closure's one parameter. Its signal is made on first use (most closures never look at
 * it) and aborts when the caller's signal does or the task's timeout elapses: code that
 * watches it can stop cleanly, and its worker lives on.
 */
class Context implements TaskContext {
  #controller: AbortController | undefined;
  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }
  abort(reason: unknown): void {
    (this.#controller ??= new AbortController()).abort(reason);
  }
}

/** Contexts of the running tasks that can be cancelled, by task id. */
const cancellable = new Map<number, Context>();

/** A running generator's state: how far it may run ahead, and whether its consumer is gone. */
interface Stream {
  credit: number;
  stopped: boolean;
  /** Wakes the generator's driver waiting for credit or a stop. */
  wake: (() => void) | undefined;
}
/** Streamed tasks running now, by task id. */
const streams = new Map<number, Stream>();

const describeYield = (path: string) => `a yielded value${path ? ` (at ${path})` : ""}`;

/**
 * Runs a generator (sync or async) to its end, sending each yielded value as it comes, at most
 * STREAM_WINDOW ahead of what the consumer took; returns what the generator returns.
 */
async function drive(id: number, generator: Generator | AsyncGenerator): Promise<unknown> {
  const stream: Stream = { credit: STREAM_WINDOW, stopped: false, wake: undefined };
  streams.set(id, stream);
  try {
    for (;;) {
      while (stream.credit === 0 && !stream.stopped) await new Promise<void>((resolve) => (stream.wake = resolve));
      if (stream.stopped) return (await generator.return(undefined)).value;
      const step = await generator.next();
      if (step.done) return step.value;
      // A sync generator may yield promises: the consumer's `for await` would await them.
      const value = await step.value;
      if (stream.stopped) return (await generator.return(undefined)).value;
      const transfer: Transferable[] = [];
      let packed: Packed;
      try {
        packed = pack(value, { transfer, describe: describeYield });
      } catch (error) {
        try {
          await generator.return(undefined); // its finally blocks run
        } catch {}
        throw error;
      }
      stream.credit--;
      post({ t: "yield", id, value: packed.value, tagged: packed.tagged, transfer }, transfer);
    }
  } finally {
    streams.delete(id);
  }
}

function wakeStream(id: number, change: (stream: Stream) => void): void {
  const stream = streams.get(id);
  if (stream === undefined) return;
  change(stream);
  const wake = stream.wake;
  stream.wake = undefined;
  wake?.();
}

// The primitives register their handle kinds when their modules load, so a captured Mutex
// revives here even when the closure's module does not import the package. Their code is a third
// of what a worker would load at start, and most tasks capture none: they load (once) before the
// first message that carries a tagged value (handles are tagged; so are Buffers, Maps and
// the like, which then pay this one import) or Globals. Messages that arrive meanwhile wait, in
// order, behind it.
let kinds: "unloaded" | Promise<void> | "loaded" = "unloaded";
let waiting: ToWorker[] = [];

function mayHoldHandles(message: ToWorker): boolean {
  if (Array.isArray(message)) {
    const tasks = (Array.isArray(message[0]) ? message : [message]) as RunMessage[];
    return tasks.some(([, , , tagged, , globals]) => tagged || globals !== undefined);
  }
  switch (message.t) {
    case "spawned":
      return message.result.tagged;
    case "abort":
      return message.reason.tagged;
    case "spawned-item":
      return message.value.tagged;
    default:
      return false;
  }
}

port.on("message", (message: ToWorker) => {
  if (kinds === "loaded") return receive(message);
  if (kinds === "unloaded") {
    if (!mayHoldHandles(message)) return receive(message);
    // A failed import leaves the kinds unregistered: unpacking then says which one is missing.
    kinds = import("../sync/kinds.js")
      .catch(() => {})
      .then(() => {
        kinds = "loaded";
        for (const held of waiting.splice(0)) receive(held);
      });
  }
  waiting.push(message);
});

function receive(message: ToWorker): void {
  if (Array.isArray(message)) {
    // One task, or several sent in one job (a batch, see Pool.#send).
    if (Array.isArray(message[0])) for (const task of message as RunMessage[]) void run(task);
    else void run(message as RunMessage);
  }
  else if (message.t === "spawned") {
    const settle = requests.get(message.request);
    requests.delete(message.request);
    settle?.({ ok: message.ok, result: message.result, transfer: message.transfer });
  } else if (message.t === "abort") {
    let reason: unknown;
    try {
      reason = unpack(message.reason);
    } catch (error) {
      reason = error; // the reason's class is not known here: abort with why
    }
    cancellable.get(message.id)?.abort(reason);
    // Nobody consumes a cancelled stream: its generator stops at its next yield.
    wakeStream(message.id, (s) => (s.stopped = true));
  } else if (message.t === "more") {
    wakeStream(message.id, (s) => (s.credit += message.n));
  } else if (message.t === "stop") {
    wakeStream(message.id, (s) => (s.stopped = true));
  } else if (message.t === "spawned-item") {
    nestedStreams.get(message.request)?.item(message.value, message.transfer);
  }
}

const describeResult = (path: string) => `the result${path ? ` (at ${path})` : ""}`;
const describeThrown = (path: string) => `the thrown value${path ? ` (at ${path})` : ""}`;

async function run([id, number, values, tagged, module, globals, flags]: RunMessage): Promise<void> {
  let ok = true;
  let result: unknown;
  const canCancel = (flags & TASK_CANCELLABLE) !== 0;
  const context = new Context();
  if (canCancel) cancellable.set(id, context);
  try {
    if (globals) receiveGlobals(globals);
    const site = (sites[number] ??= { module: module!, free: [], instances: 0 });
    const instance = site.free.pop() ?? (await importSite(site.module, site.instances++));
    try {
      const list = (tagged ? unpack({ value: values, tagged }) : values) as unknown[];
      const names = site.module.names;
      const captured: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) captured[names[i]] = list[i];
      if (flags & TASK_STREAMED) result = await drive(id, instance.__xt_run(captured, context) as Generator | AsyncGenerator);
      else result = await instance.__xt_run(captured, context);
    } finally {
      site.free.push(instance);
    }
  } catch (error) {
    ok = false;
    result = error;
  }
  if (canCancel) cancellable.delete(id);
  const transfer: Transferable[] = [];
  let packed: Packed;
  try {
    packed = pack(result, { transfer: ok ? transfer : null, describe: ok ? describeResult : describeThrown });
  } catch (error) {
    ok = false;
    transfer.length = 0;
    packed = pack(error, { transfer: null, describe: String });
  }
  const done: DoneMessage = [id, ok, packed.value, packed.tagged, transfer];
  outbox.push(done);
  for (const t of transfer) outboxTransfer.push(t);
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flushDone);
  }
}

// Outcomes of this job's tasks go back in one message: a batch of short tasks that finish in the
// same job costs one message, as it came in one.
const outbox: DoneMessage[] = [];
const outboxTransfer: Transferable[] = [];
let flushQueued = false;
function flushDone(): void {
  flushQueued = false;
  const dones = outbox.splice(0);
  const transfer = outboxTransfer.splice(0);
  port.postMessage(dones.length === 1 ? dones[0] : dones, transfer);
}
