// Condvar behaviours, with real worker_threads Workers sharing it (and its Mutex) through handles.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { Condvar } from "../../dist/sync/condvar.js";
import { Mutex } from "../../dist/sync/mutex.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { runPrimitiveWorker, SLOT } from "./fixtures/primitives.mjs";
import { dispose, sleep, until, countingNotify } from "./helpers.mjs";

// State cells, as documented in src/sync/condvar.ts.
const WAITERS = 1;
const waitersOf = (condvar) => Atomics.load(new Int32Array(condvar[toHandle]().data.state), WAITERS);

test("producers and consumers hand off every item through a one-slot buffer (no lost wake-up)", async () => {
  const perProducer = 3_000;
  const producers = 2;
  const total = producers * perProducer;
  const mutex = new Mutex(new SharedArrayBuffer(SLOT.length * 4));
  const notEmpty = new Condvar();
  const notFull = new Condvar();
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const handles = { mutex, notEmpty, notFull };
  const workers = [
    ...Array.from({ length: producers }, () => runPrimitiveWorker("produce", handles, { count: perProducer, gate: gate.buffer })),
    runPrimitiveWorker("consume", handles, { total, gate: gate.buffer }),
  ];
  await until(() => Atomics.load(gate, 1) === workers.length, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  // The main thread consumes too, with the async wait. Every wait has a timeout: a lost
  // wake-up fails the test instead of hanging it.
  let taken = 0;
  for (;;) {
    const guard = await mutex.lock();
    const slot = new Int32Array(guard.value);
    while (slot[SLOT.full] === 0 && slot[SLOT.consumed] < total) await notEmpty.wait(guard, { timeout: 10_000 });
    if (slot[SLOT.full] === 0) {
      guard.unlock();
      break;
    }
    slot[SLOT.sum] += slot[SLOT.value];
    slot[SLOT.full] = 0;
    taken++;
    if (++slot[SLOT.consumed] === total) notEmpty.notifyAll();
    notFull.notifyOne();
    guard.unlock();
  }
  const [, , workerTook] = await Promise.all(workers.map((worker) => worker.done));
  const slot = new Int32Array(mutex.tryLock().value);
  assert.equal(slot[SLOT.consumed], total);
  assert.equal(taken + workerTook, total);
  assert.equal(slot[SLOT.sum], producers * ((perProducer * (perProducer + 1)) / 2), "every item consumed once");
  assert.equal(waitersOf(notEmpty) + waitersOf(notFull), 0);
});

test("notifyAll wakes every waiter: three blocked workers and an async wait on the main thread", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const workers = [1, 2, 3].map(() => runPrimitiveWorker("waitOnce", { mutex, condvar }, { counts: counts.buffer }));
  const guard = await mutex.lock();
  const mainWait = condvar.wait(guard, { timeout: 10_000 });
  await until(() => waitersOf(condvar) === 4, "four waiters");
  await sleep(50); // let them fall asleep
  condvar.notifyAll();
  assert.equal(await mainWait, guard);
  guard.unlock();
  await Promise.all(workers.map((worker) => worker.done));
  assert.deepEqual(Array.from(counts), [3, 3]);
  assert.equal(waitersOf(condvar), 0);
});

test("notifyOne wakes one sleeping waiter at a time", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const workers = [1, 2, 3].map(() => runPrimitiveWorker("waitOnce", { mutex, condvar }, { counts: counts.buffer }));
  await until(() => waitersOf(condvar) === 3, "three waiters");
  await sleep(50);
  for (const woken of [1, 2, 3]) {
    condvar.notifyOne();
    await until(() => Atomics.load(counts, 1) === woken, `${woken} woken`);
    await sleep(50);
    assert.equal(Atomics.load(counts, 1), woken, "no other waiter woke");
  }
  await Promise.all(workers.map((worker) => worker.done));
});

test("wait() resolves with the same guard, locked again; while waiting the mutex is free", async () => {
  const mutex = new Mutex(new SharedArrayBuffer(4));
  const condvar = new Condvar();
  const guard = await mutex.lock();
  const waiting = condvar.wait(guard);
  const other = mutex.tryLock();
  assert.ok(other, "the wait released the mutex");
  guard.unlock(); // detached while waiting: does not unlock `other`'s lock
  assert.equal(mutex.tryLock(), null);
  condvar.notifyOne();
  other.unlock();
  const back = await waiting;
  assert.equal(back, guard);
  assert.equal(back.value, mutex[toHandle]().data.value);
  assert.equal(mutex.tryLock(), null, "held again by the guard");
  back[dispose]();
  assert.ok(mutex.tryLock());
});

test("a notify with nobody waiting calls no Atomics.notify and is not remembered", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const spy = countingNotify();
  try {
    for (let i = 0; i < 1000; i++) {
      condvar.notifyOne();
      condvar.notifyAll();
    }
  } finally {
    spy.restore();
  }
  assert.equal(spy.calls, 0);
  const guard = mutex.lockSync();
  await assert.rejects(condvar.wait(guard, { timeout: 30 }), { name: "TimeoutError" });
  guard.unlock();
});

test("wait({ timeout }) and waitSync({ timeout }) reject with a TimeoutError, with the mutex locked again", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const guard = await mutex.lock();
  await assert.rejects(condvar.wait(guard, { timeout: 30 }), { name: "TimeoutError" });
  assert.equal(mutex.tryLock(), null, "the guard holds the lock again");
  assert.throws(() => condvar.waitSync(guard, { timeout: 20 }), { name: "TimeoutError" });
  assert.equal(mutex.tryLock(), null, "the guard holds the lock again");
  assert.equal(waitersOf(condvar), 0);
  guard.unlock();
  assert.ok(mutex.tryLock(), "and unlocks it");
});

test("wait({ signal }) rejects with the signal's reason, with the mutex locked again", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const guard = await mutex.lock();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(condvar.wait(guard, { signal: controller.signal }), { name: "AbortError" });
  assert.equal(mutex.tryLock(), null, "the guard holds the lock again");
  const reason = new Error("gave up");
  await assert.rejects(condvar.wait(guard, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
  assert.equal(mutex.tryLock(), null, "an aborted signal does not even unlock");
  assert.equal(waitersOf(condvar), 0);
  guard.unlock();
  assert.ok(mutex.tryLock());
});

test("an aborted wait does not swallow a notifyOne meant for another waiter", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const worker = runPrimitiveWorker("waitOnce", { mutex, condvar }, { counts: counts.buffer });
  await until(() => waitersOf(condvar) === 1, "the worker to wait");
  const guard = await mutex.lock();
  const controller = new AbortController();
  const aborted = assert.rejects(condvar.wait(guard, { signal: controller.signal }), { name: "AbortError" });
  await sleep(20);
  controller.abort();
  await aborted;
  guard.unlock();
  condvar.notifyOne();
  await worker.done;
  assert.equal(Atomics.load(counts, 1), 1);
});

test("waitWhile() waits until the condition is false, rechecking it under the lock", async () => {
  const mutex = new Mutex(new SharedArrayBuffer(4));
  const condvar = new Condvar();
  const guard = await mutex.lock();
  const cell = new Int32Array(guard.value);
  const done = condvar.waitWhile(guard, (value) => new Int32Array(value)[0] < 3, { timeout: 10_000 });
  for (let i = 1; i <= 3; i++) {
    await sleep(5);
    const g = await mutex.lock();
    cell[0] = i;
    condvar.notifyAll();
    g.unlock();
  }
  assert.equal(await done, guard);
  assert.equal(cell[0], 3);
  assert.equal(mutex.tryLock(), null);
  guard.unlock();
  assert.throws(() => condvar.waitWhileSync(mutex.lockSync(), () => true, { timeout: 20 }), { name: "TimeoutError" });
});

test("wait with a guard that is not held (or not a MutexGuard) throws a TypeError", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const guard = mutex.lockSync();
  guard.unlock();
  await assert.rejects(condvar.wait(guard), TypeError);
  assert.throws(() => condvar.waitSync({}), TypeError);
  assert.ok(mutex.tryLock(), "nothing was unlocked or locked");
});

test("a revived handle shares the waiters and the notifications", async () => {
  const mutex = new Mutex();
  const condvar = new Condvar();
  const twin = reviveHandle(condvar[toHandle]());
  const guard = await mutex.lock();
  const waiting = condvar.wait(guard, { timeout: 10_000 });
  assert.equal(waitersOf(twin), 1);
  twin.notifyOne();
  await waiting;
  guard.unlock();
});
