// RwLock behaviours, with real worker_threads Workers sharing the lock through its handle.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { RwLock } from "../../dist/sync/rwlock.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { readSection, recordMax, runPrimitiveWorker, RW, writeSection } from "./fixtures/primitives.mjs";
import { dispose, sleep, until, countingNotify } from "./helpers.mjs";

// State cells, as documented in src/sync/rwlock.ts.
const STATE = 0;
const WRITERS = 1;
const READERS = 2;
const stateOf = (lock) => new Int32Array(lock[toHandle]().data.state);

test("readers hold the lock together: 3 worker readers and the main thread are inside at once", async () => {
  const lock = new RwLock();
  const cells = new Int32Array(new SharedArrayBuffer(RW.length * 4));
  const parties = 4;
  const workers = [1, 2, 3].map(() => runPrimitiveWorker("readTogether", { lock }, { cells: cells.buffer, parties }));
  const guard = await lock.read({ timeout: 10_000 });
  recordMax(cells, RW.maxReaders, Atomics.add(cells, RW.readers, 1) + 1);
  Atomics.add(cells, RW.scratch, 1);
  await until(() => Atomics.load(cells, RW.scratch) === parties, "all four readers to enter");
  recordMax(cells, RW.maxReaders, Atomics.load(cells, RW.readers));
  Atomics.sub(cells, RW.readers, 1);
  guard.unlock();
  await Promise.all(workers.map((worker) => worker.done));
  assert.equal(Atomics.load(cells, RW.maxReaders), parties);
  assert.equal(Atomics.load(stateOf(lock), STATE), 0, "every reader unlocked");
});

test("a writer is alone: workers and the main thread read and write, no overlap, no lost update", async () => {
  const lock = new RwLock();
  const cells = new Int32Array(new SharedArrayBuffer(RW.length * 4));
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const iterations = 4_000;
  const roles = [true, false, false, true]; // writer?
  const workers = roles.map((writer) =>
    runPrimitiveWorker("readWrite", { lock }, { cells: cells.buffer, iterations, writer, gate: gate.buffer }),
  );
  await until(() => Atomics.load(gate, 1) === roles.length, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  let writes = 0;
  for (let i = 0; i < iterations; i++) {
    if (i % 4 === 0) {
      const guard = await lock.write();
      writeSection(cells);
      guard.unlock();
      writes++;
    } else {
      const guard = await lock.read();
      readSection(cells);
      guard.unlock();
    }
  }
  await Promise.all(workers.map((worker) => worker.done));
  const expected = writes + roles.reduce((sum, writer) => sum + (writer ? iterations : iterations / 8), 0);
  assert.equal(Atomics.load(cells, RW.violations), 0, "a reader saw a writer, or a writer saw anyone");
  assert.equal(cells[RW.counter], expected);
  assert.deepEqual(Array.from(stateOf(lock).subarray(0, 3)), [0, 0, 0], "free, nobody registered");
});

test("a waiting writer blocks new readers until it has had the lock", async () => {
  const lock = new RwLock();
  const through = new Int32Array(new SharedArrayBuffer(4));
  const held = lock.tryRead();
  const writer = runPrimitiveWorker("writeOnce", { lock }, { through: through.buffer });
  await until(() => Atomics.load(stateOf(lock), WRITERS) === 1, "the writer to wait");
  assert.equal(lock.tryRead(), null, "tryRead refuses while a writer waits");
  await assert.rejects(lock.read({ timeout: 30 }), { name: "TimeoutError" });
  assert.equal(Atomics.load(through, 0), 0);
  const reading = lock.read({ timeout: 10_000 });
  held.unlock();
  (await reading).unlock();
  await writer.done;
  assert.equal(Atomics.load(through, 0), 1, "the writer went first");
});

test("a waiting writer is not starved by a stream of overlapping readers", async () => {
  const lock = new RwLock();
  const stop = new SharedArrayBuffer(4);
  const rounds = new Int32Array(new SharedArrayBuffer(4));
  // Four workers each hold a read lock for 2 ms, over and over: the lock is almost never free.
  const readers = [1, 2, 3, 4].map(() => runPrimitiveWorker("readStream", { lock }, { stop, ms: 2, rounds: rounds.buffer }));
  try {
    await until(() => Atomics.load(rounds, 0) > 20, "the readers to stream");
    const guard = await lock.write({ timeout: 10_000 });
    guard.unlock();
    const guardSync = lock.writeSync({ timeout: 10_000 });
    guardSync.unlock();
  } finally {
    Atomics.store(new Int32Array(stop), 0, 1);
  }
  await Promise.all(readers.map((reader) => reader.done));
});

test("tryRead and tryWrite: readers share, a writer excludes everyone", () => {
  const lock = new RwLock();
  const r1 = lock.tryRead();
  const r2 = lock.tryRead();
  assert.ok(r1 && r2);
  assert.equal(lock.tryWrite(), null);
  r1.unlock();
  assert.equal(lock.tryWrite(), null);
  r2.unlock();
  const w = lock.tryWrite();
  assert.ok(w);
  assert.equal(lock.tryRead(), null);
  assert.equal(lock.tryWrite(), null);
  w.unlock();
  assert.ok(lock.tryRead());
});

test("guards unlock once: a second unlock or dispose is a no-op", () => {
  const lock = new RwLock();
  const r1 = lock.readSync();
  const r2 = lock.readSync();
  r1.unlock();
  r1.unlock();
  r1[dispose]();
  assert.equal(Atomics.load(stateOf(lock), STATE), 1, "r2 still reads");
  r2[dispose]();
  const w1 = lock.writeSync();
  w1.unlock();
  const w2 = lock.tryWrite();
  w1.unlock();
  assert.equal(lock.tryWrite(), null, "still held by w2");
  w2[dispose]();
  assert.ok(lock.tryWrite());
});

test("guard.value is the guarded value, and undefined without one", async () => {
  const buffer = new SharedArrayBuffer(4);
  const lock = new RwLock(buffer);
  const r = await lock.read();
  assert.equal(r.value, buffer);
  r.unlock();
  assert.equal((await lock.write()).value, buffer);
  assert.equal(new RwLock().readSync().value, undefined);
});

test("uncontended read and write unlocks never call Atomics.notify", async () => {
  const lock = new RwLock();
  const spy = countingNotify();
  try {
    for (let i = 0; i < 1000; i++) {
      (await lock.read()).unlock();
      (await lock.write()).unlock();
      lock.readSync().unlock();
      lock.writeSync().unlock();
      const a = lock.tryRead();
      const b = lock.tryRead();
      a.unlock();
      b.unlock();
    }
  } finally {
    spy.restore();
  }
  assert.equal(spy.calls, 0);
});

test("write({ timeout }) and read({ timeout }) reject with a TimeoutError and leave the lock usable", async () => {
  const lock = new RwLock();
  const reader = lock.tryRead();
  await assert.rejects(lock.write({ timeout: 30 }), { name: "TimeoutError" });
  assert.throws(() => lock.writeSync({ timeout: 20 }), { name: "TimeoutError" });
  reader.unlock();
  const writer = lock.tryWrite();
  await assert.rejects(lock.read({ timeout: 30 }), { name: "TimeoutError" });
  assert.throws(() => lock.readSync({ timeout: 20 }), { name: "TimeoutError" });
  await assert.rejects(lock.write({ timeout: 30 }), { name: "TimeoutError" });
  assert.deepEqual(Array.from(stateOf(lock).subarray(1, 3)), [0, 0], "nobody left registered");
  writer.unlock();
  (await lock.read({ timeout: 30 })).unlock();
  (await lock.write({ timeout: 30 })).unlock();
});

test("read() and write() with { signal } reject with the signal's reason and leave the lock usable", async () => {
  const lock = new RwLock();
  const writer = lock.tryWrite();
  const controller = new AbortController();
  const pendingRead = lock.read({ signal: controller.signal });
  const pendingWrite = lock.write({ signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pendingRead, { name: "AbortError" });
  await assert.rejects(pendingWrite, { name: "AbortError" });
  const reason = new Error("gave up");
  await assert.rejects(lock.write({ signal: AbortSignal.abort(reason) }), (error) => error === reason);
  await assert.rejects(lock.read({ signal: AbortSignal.abort(reason) }), (error) => error === reason);
  assert.deepEqual(Array.from(stateOf(lock).subarray(1, 3)), [0, 0], "nobody left registered");
  writer.unlock();
  (await lock.read({ timeout: 1000 })).unlock();
  (await lock.write({ timeout: 1000 })).unlock();
});

test("a writer that gives up lets in the readers queued behind it", async () => {
  const lock = new RwLock();
  const reader = lock.tryRead();
  const controller = new AbortController();
  const timedOut = assert.rejects(lock.write({ timeout: 50 }), { name: "TimeoutError" });
  const aborted = assert.rejects(lock.write({ signal: controller.signal }), { name: "AbortError" });
  const queued = lock.read({ timeout: 10_000 }); // behind the waiting writers
  await until(() => Atomics.load(stateOf(lock), READERS) === 1, "the reader to queue");
  controller.abort();
  await Promise.all([timedOut, aborted]);
  const second = await queued;
  assert.equal(Atomics.load(stateOf(lock), STATE), 2, "both readers inside");
  second.unlock();
  reader.unlock();
  assert.ok(lock.tryWrite());
});

test("a revived handle is the same lock over the same value", () => {
  const lock = new RwLock(new SharedArrayBuffer(4));
  const twin = reviveHandle(lock[toHandle]());
  const guard = twin.writeSync();
  assert.equal(guard.value, lock[toHandle]().data.value);
  assert.equal(lock.tryRead(), null);
  guard.unlock();
  assert.ok(lock.tryWrite());
});
