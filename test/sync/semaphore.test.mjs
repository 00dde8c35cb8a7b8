// Semaphore behaviours, with real worker_threads Workers sharing it through its handle.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { Semaphore } from "../../dist/sync/semaphore.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { runWorker } from "./fixtures/run-worker.mjs";
import { holdPermits } from "./fixtures/critical-sections.mjs";
import { dispose, sleep, until } from "./helpers.mjs";

// Cells after the turnstile's 4 lock cells, as documented in src/sync/semaphore.ts.
const QUEUED = 4 + 1;
const stateOf = (semaphore) => new Int32Array(semaphore[toHandle]().data.state);

test("holders never exceed the permits (workers acquireSync, main await acquire)", async () => {
  const permits = 3;
  const iterations = 5_000;
  const semaphore = new Semaphore(permits);
  const counters = new SharedArrayBuffer(12);
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const amounts = [1, 1, 2, 1];
  const running = amounts.map((amount) => runWorker("permits", semaphore, { iterations, amount, counters, gate: gate.buffer }).done);
  await until(() => Atomics.load(gate, 1) === amounts.length, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  const cells = new Int32Array(counters);
  for (let i = 0; i < iterations; i++) {
    const permit = await semaphore.acquire(1);
    holdPermits(cells, 1);
    permit.release();
  }
  await Promise.all(running);
  assert.ok(Atomics.load(cells, 1) <= permits, `at most ${permits} held at once, saw ${cells[1]}`);
  assert.ok(Atomics.load(cells, 1) >= 2, "the holders did overlap");
  assert.ok(semaphore.tryAcquire(permits), "every permit came back");
});

test("tryAcquire returns a permit when enough are free and null otherwise", () => {
  const semaphore = new Semaphore(2);
  const permit = semaphore.tryAcquire(2);
  assert.equal(permit.amount, 2);
  assert.equal(semaphore.tryAcquire(1), null);
  permit.release();
  assert.equal(semaphore.tryAcquire(3), null);
  assert.ok(semaphore.tryAcquire(2));
});

test("a permit disposed twice and released again gives its permits back once", () => {
  const semaphore = new Semaphore(2);
  const permit = semaphore.tryAcquire(2);
  permit[dispose]();
  permit[dispose]();
  permit.release();
  assert.equal(semaphore.tryAcquire(3), null, "not 4 or 6 permits");
  assert.ok(semaphore.tryAcquire(2));
});

test("release(n) lets exactly as many single-permit waiters through as it returns", async () => {
  const semaphore = new Semaphore(0);
  const through = new SharedArrayBuffer(4);
  const count = new Int32Array(through);
  const workers = [1, 2, 3].map(() => runWorker("acquireAndKeep", semaphore, { through }));
  await until(() => Atomics.load(stateOf(semaphore), QUEUED) === 3, "three queued acquirers");
  semaphore.release(1);
  await until(() => Atomics.load(count, 0) === 1, "one waiter through");
  await sleep(50);
  assert.equal(Atomics.load(count, 0), 1);
  semaphore.release(2);
  await Promise.all(workers.map((worker) => worker.done));
  assert.equal(Atomics.load(count, 0), 3);
});

test("a large request is not starved by a stream of small ones", async () => {
  const permits = 4;
  const semaphore = new Semaphore(permits);
  const stop = new SharedArrayBuffer(4);
  // Six workers each hold 1 permit for 1 ms, over and over: all 4 are rarely free at once.
  const workers = Array.from({ length: 6 }, () => runWorker("smallStream", semaphore, { stop, ms: 1 }));
  try {
    await until(() => Atomics.load(stateOf(semaphore), QUEUED) > 0, "the stream to queue up");
    const permit = await semaphore.acquire(permits, { timeout: 10_000 });
    permit.release();
  } finally {
    Atomics.store(new Int32Array(stop), 0, 1);
  }
  await Promise.all(workers.map((worker) => worker.done));
});

test("acquire({ timeout }) rejects with a TimeoutError and leaves the semaphore usable", async () => {
  const semaphore = new Semaphore(1);
  const held = semaphore.tryAcquire();
  await assert.rejects(semaphore.acquire(1, { timeout: 30 }), { name: "TimeoutError" });
  assert.throws(() => semaphore.acquireSync(1, { timeout: 20 }), { name: "TimeoutError" });
  assert.equal(Atomics.load(stateOf(semaphore), QUEUED), 0);
  held.release();
  assert.ok(semaphore.tryAcquire(), "the fast path is open again");
});

test("acquire({ signal }) rejects with the signal's reason and leaves the semaphore usable", async () => {
  const semaphore = new Semaphore(1);
  const held = semaphore.tryAcquire();
  const controller = new AbortController();
  const pending = semaphore.acquire(1, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { name: "AbortError" });
  const reason = new Error("gave up");
  await assert.rejects(semaphore.acquire(1, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
  held.release();
  (await semaphore.acquire(1, { timeout: 1000 })).release();
  assert.ok(semaphore.tryAcquire());
});

test("a revived handle shares the permits", () => {
  const semaphore = new Semaphore(1);
  const twin = reviveHandle(semaphore[toHandle]());
  const permit = twin.acquireSync();
  assert.equal(semaphore.tryAcquire(), null);
  permit.release();
  assert.ok(semaphore.tryAcquire());
});
