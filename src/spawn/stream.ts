// The caller's side of a streamed task: `eval(spawn(async function* () { ... }))` is an async
// iterator of what the generator yields in its worker. Items arrive packed and are unpacked as
// the consumer takes them; each one taken lets the worker run one yield further (it runs at
// most STREAM_WINDOW ahead); `break` / `return()` runs the generator's `return()` there.
import type { Outcome, StreamControl, StreamSink } from "../task.js";
import type { Transferable } from "../transport/transferable.js";
import { unpack } from "../transport/pack.js";
import type { Packed } from "../transport/pack.js";

/** What `eval(spawn(generator))` gives: `for await (const item of eval(spawn(function* () {...})))`. */
export interface SpawnStream<T, R = unknown> extends AsyncIterator<T, R, undefined> {
  /** The next yielded value; rejects with what the generator threw, or why the task failed. */
  next(): Promise<IteratorResult<T, R>>;
  /** Stops the generator in its worker (its `finally` blocks run) and resolves once it has. */
  return(value?: R): Promise<IteratorResult<T, R>>;
  /** Stops the generator as `return()` does, then rejects with `error`. */
  throw(error?: unknown): Promise<IteratorResult<T, R>>;
  [Symbol.asyncIterator](): SpawnStream<T, R>;
}

type End = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Waiter {
  resolve(result: IteratorResult<unknown, unknown>): void;
  reject(error: unknown): void;
}

export class TaskStream implements StreamSink, SpawnStream<unknown, unknown> {
  control: StreamControl | undefined;
  /** Yielded values not taken yet (at most STREAM_WINDOW). */
  readonly #items: Packed[] = [];
  /** `next()` calls waiting for an item. */
  readonly #waiters: Waiter[] = [];
  /** How the task ended, once it has; the consumer gets it after the items before it. */
  #end: End | undefined;
  /** The consumer has had the end, or stopped: later items and ends go nowhere. */
  #closed = false;
  #settled: Promise<void> = Promise.resolve();

  /** Follows the task's outcome: the generator's return value, or what it threw. */
  follow(outcome: Promise<Outcome>): this {
    this.#settled = outcome.then(
      (result) => {
        let value: unknown;
        try {
          value = unpack(result.result);
        } catch (error) {
          return this.#finish({ ok: false, error });
        }
        this.#finish(result.ok ? { ok: true, value } : { ok: false, error: value });
      },
      (error: unknown) => this.#finish({ ok: false, error }),
    );
    return this;
  }

  item(value: Packed, _transfer: Transferable[]): void {
    if (this.#closed) return;
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#items.push(value);
      return;
    }
    if (this.#waiters.length === 0) this.control?.awaited(false);
    this.#deliver(value, waiter);
  }

  next(): Promise<IteratorResult<unknown, unknown>> {
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      const item = this.#items.shift();
      if (item !== undefined) return this.#deliver(item, waiter);
      if (this.#end !== undefined || this.#closed) return this.#deliverEnd(waiter);
      this.#waiters.push(waiter);
      if (this.#waiters.length === 1) this.control?.awaited(true);
    });
  }

  async return(value?: unknown): Promise<IteratorResult<unknown, unknown>> {
    if (!this.#closed) {
      const running = this.#end === undefined;
      this.#close();
      if (running) {
        this.control?.awaited(true); // the caller awaits the generator's end
        this.control?.stop();
        await this.#settled; // the generator's finally blocks have run in the worker
        const end = this.#end as End | undefined;
        if (end !== undefined && !end.ok) throw end.error;
      }
    }
    return { done: true, value };
  }

  async throw(error?: unknown): Promise<IteratorResult<unknown, unknown>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #deliver(item: Packed, waiter: Waiter): void {
    this.control?.more(1);
    let value: unknown;
    try {
      value = unpack(item);
    } catch (error) {
      return waiter.reject(error);
    }
    waiter.resolve({ done: false, value });
  }

  // The end, to the first waiter after the last item: the return value, or the error (once);
  // every later call gets `done`.
  #deliverEnd(waiter: Waiter): void {
    const end = this.#closed ? undefined : this.#end;
    this.#close();
    if (end !== undefined && !end.ok) waiter.reject(end.error);
    else waiter.resolve({ done: true, value: end?.value });
  }

  #finish(end: End): void {
    if (this.#end !== undefined) return;
    this.#end = end;
    if (this.#closed) return;
    // Waiters exist only while no item is buffered, so the end comes after every item.
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) this.#deliverEnd(waiter);
  }

  #close(): void {
    this.#closed = true;
    this.#items.length = 0;
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) waiter.resolve({ done: true, value: undefined });
  }
}
