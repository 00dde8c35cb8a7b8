// Mutex behaviours, with real worker_threads Workers sharing the lock through its handle.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Mutex } from "../../dist/sync/mutex.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { runWorker } from "./fixtures/run-worker.mjs";
import { increment } from "./fixtures/critical-sections.mjs";
import { dispose, sleep, until, countingNotify } from "./helpers.mjs";

// Lock state cells, as documented in src/sync/lock-word.ts.
const WAITERS = 1;
const stateOf = (mutex) => new Int32Array(mutex[toHandle]().data.state);

test("workers with lockSync and the main thread with await lock() count exactly N×M", async () => {
  const workers = 3;
  const iterations = 20_000;
  const mutex = new Mutex(new SharedArrayBuffer(8));
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const running = Array.from({ length: workers }, () => runWorker("count", mutex, { iterations, gate: gate.buffer }).done);
  await until(() => Atomics.load(gate, 1) === workers, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  for (let i = 0; i < iterations; i++) {
    const guard = await mutex.lock();
    increment(new Int32Array(guard.value));
    guard.unlock();
  }
  await Promise.all(running);
  assert.equal(new Int32Array(mutex.tryLock().value)[0], (workers + 1) * iterations);
});

test("tryLock returns a guard when free and null while held", () => {
  const mutex = new Mutex();
  const guard = mutex.tryLock();
  assert.ok(guard);
  assert.equal(mutex.tryLock(), null);
  guard.unlock();
  assert.ok(mutex.tryLock());
});

test("guard.value is the guarded value, and undefined without one", async () => {
  const buffer = new SharedArrayBuffer(4);
  assert.equal((await new Mutex(buffer).lock()).value, buffer);
  assert.equal(new Mutex().lockSync().value, undefined);
});

test("uncontended unlock never calls Atomics.notify, contended unlock does", async () => {
  const mutex = new Mutex();
  const spy = countingNotify();
  try {
    for (let i = 0; i < 1000; i++) {
      (await mutex.lock()).unlock();
      mutex.lockSync().unlock();
      mutex.tryLock().unlock();
    }
    assert.equal(spy.calls, 0);
    // Control: the same spy sees the wake-up of a worker blocked on the lock.
    const guard = mutex.tryLock();
    const blocked = runWorker("lockOnce", mutex);
    await until(() => Atomics.load(stateOf(mutex), WAITERS) === 1, "the worker to wait");
    guard.unlock();
    await blocked.done;
    assert.ok(spy.calls >= 1, "the contended unlock notified");
  } finally {
    spy.restore();
  }
});

test("a second unlock through the same guard is a no-op and keeps the next holder's lock", () => {
  const mutex = new Mutex();
  const first = mutex.lockSync();
  first.unlock();
  const second = mutex.tryLock();
  assert.ok(second);
  first.unlock();
  assert.equal(mutex.tryLock(), null, "still held by the second guard");
  second.unlock();
  assert.ok(mutex.tryLock());
});

test("Symbol.dispose on the guard unlocks (what `using` calls)", async () => {
  const mutex = new Mutex();
  const guard = await mutex.lock();
  guard[dispose]();
  assert.ok(mutex.tryLock());
});

test("lock({ timeout }) rejects with a TimeoutError and leaves the lock usable", async () => {
  const mutex = new Mutex();
  const held = mutex.tryLock();
  await assert.rejects(mutex.lock({ timeout: 30 }), { name: "TimeoutError" });
  assert.equal(Atomics.load(stateOf(mutex), WAITERS), 0);
  held.unlock();
  const spy = countingNotify();
  try {
    (await mutex.lock({ timeout: 30 })).unlock();
  } finally {
    spy.restore();
  }
  assert.equal(spy.calls, 0, "no waiter left behind to wake");
});

test("lock({ signal }) rejects with the signal's reason on abort and leaves the lock usable", async () => {
  const mutex = new Mutex();
  const held = mutex.tryLock();
  const controller = new AbortController();
  const pending = mutex.lock({ signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { name: "AbortError" });
  const reason = new Error("gave up");
  await assert.rejects(mutex.lock({ signal: AbortSignal.abort(reason) }), (error) => error === reason);
  assert.equal(Atomics.load(stateOf(mutex), WAITERS), 0);
  held.unlock();
  (await mutex.lock({ timeout: 1000 })).unlock();
});

test("lockSync({ timeout }) throws a TimeoutError and leaves the lock usable", () => {
  const mutex = new Mutex();
  const held = mutex.lockSync();
  assert.throws(() => mutex.lockSync({ timeout: 20 }), { name: "TimeoutError" });
  held.unlock();
  mutex.lockSync({ timeout: 20 }).unlock();
});

test("a revived handle is the same lock over the same value", () => {
  const mutex = new Mutex(new SharedArrayBuffer(4));
  const twin = reviveHandle(mutex[toHandle]());
  const guard = twin.lockSync();
  assert.equal(guard.value, mutex[toHandle]().data.value);
  assert.equal(mutex.tryLock(), null);
  guard.unlock();
  assert.ok(mutex.tryLock());
});

test("every contender is served while workers hold the lock and re-lock at once", async () => {
  const mutex = new Mutex();
  const stop = new SharedArrayBuffer(4);
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const workers = [0, 1].map((slot) => runWorker("relock", mutex, { stop, busyMs: 0.05, counts: counts.buffer, slot }));
  try {
    await until(() => counts.every((count) => count > 0), "both workers to hold the lock");
    const before = Array.from(counts);
    // At least 200 ms, far beyond a scheduling gap, so a worker left at its count was starved.
    for (let i = 0, start = performance.now(); i < 100 || performance.now() - start < 200; i++) {
      (await mutex.lock()).unlock();
    }
    const after = Array.from(counts);
    assert.ok(after.every((count, slot) => count > before[slot]), `each worker got the lock meanwhile: ${before} -> ${after}`);
  } finally {
    Atomics.store(new Int32Array(stop), 0, 1);
  }
  await Promise.all(workers.map((worker) => worker.done));
});

test("a pending lock() keeps the process alive until the holder unlocks", () => {
  const script = fileURLToPath(new URL("./fixtures/keep-alive.mjs", import.meta.url));
  for (const mode of ["worker", "timer"]) {
    const child = spawnSync(process.execPath, [script, mode], { encoding: "utf8", timeout: 20_000 });
    assert.equal(child.status, 0, `${mode}: ${child.stderr}`);
    assert.match(child.stdout, /^acquired after \d+ ms$/m, mode);
  }
});
