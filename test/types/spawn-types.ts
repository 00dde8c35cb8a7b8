// Compile-time checks of the public types (checked by types.test.mjs with tsc; never run).
import { spawn, Mutex, Semaphore, Global, configure, metrics, QueueFullError } from "experimental-threads";
import type { SpawnStream, TaskContext, WorkerScript } from "experimental-threads";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): void {}

export async function checks(): Promise<void> {
  // A sync closure: eval gives the promise of its result.
  const sync = eval(spawn(() => 42));
  expectType<Equal<typeof sync, Promise<number>>>();

  // An async closure: the promise of its awaited result, not a promise of a promise.
  const nested = eval(spawn(async () => "text"));
  expectType<Equal<typeof nested, Promise<string>>>();

  const script: WorkerScript<{ a: number[] }> = spawn(() => ({ a: [1] }));
  const value = await eval(script);
  expectType<Equal<typeof value, { a: number[] }>>();

  // Options are checked.
  spawn(() => 1, { transfer: false, timeout: 10, signal: new AbortController().signal });
  // @ts-expect-error: timeout is a number of milliseconds
  spawn(() => 1, { timeout: "1s" });
  // @ts-expect-error: spawn takes a function
  spawn(42);

  // The closure's one parameter is the task context.
  const cooperative = eval(spawn(({ signal }) => signal.aborted, { timeout: 100 }));
  expectType<Equal<typeof cooperative, Promise<boolean>>>();
  spawn((context: TaskContext) => context.signal.reason);
  // @ts-expect-error: the context has no other field
  spawn(({ values }) => values);
  // @ts-expect-error: a closure takes one parameter at most
  spawn((a: number, b: number) => a + b);
  configure({ cancelGraceMs: 0 });
  // @ts-expect-error: cancelGraceMs is a number of milliseconds
  configure({ cancelGraceMs: "soon" });

  // A generator closure streams: eval gives an async iterator of its yields, not a promise.
  const stream = eval(spawn(async function* () {
    yield 1;
    return "done";
  }));
  expectType<Equal<typeof stream, SpawnStream<number, string>>>();
  for await (const item of stream) expectType<Equal<typeof item, number>>();
  const fromSync = eval(spawn(function* () {
    yield Promise.resolve("a");
  }));
  expectType<Equal<typeof fromSync, SpawnStream<string, void>>>();
  const step = await fromSync.next();
  if (!step.done) expectType<Equal<typeof step.value, string>>();
  // @ts-expect-error: a stream is not a promise
  await eval(spawn(function* () { yield 1; })).then;
  // A closure typed any gives a promise of any.
  const untyped = eval(spawn((): any => 1));
  expectType<Equal<typeof untyped, Promise<any>>>();

  // A plain string still goes to the ordinary eval.
  const anything = eval("1 + 1");
  expectType<Equal<typeof anything, any>>();

  // Guards and permits.
  const mutex = new Mutex(new SharedArrayBuffer(4));
  const guard = await mutex.lock();
  expectType<Equal<typeof guard.value, SharedArrayBuffer>>();
  guard.unlock();
  const semaphore = new Semaphore(2);
  const permit = await semaphore.acquire(2);
  permit.release();
  const shared = new Global(new Mutex(new SharedArrayBuffer(8)));
  expectType<Equal<typeof shared.value, Mutex<SharedArrayBuffer>>>();

  // The pool's options and metrics.
  configure({ workers: 2, minWorkers: 1, maxQueue: 100 });
  // @ts-expect-error: an unknown option
  configure({ worker: 2 });
  const m = metrics();
  expectType<Equal<typeof m.runTime.p99, number>>();
  expectType<Equal<typeof m.workers, { threadId: number; utilization: number }[]>>();
  const full: Error = new QueueFullError("full");
  void full;
}
