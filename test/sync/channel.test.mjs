// Channel behaviours, with real worker_threads Workers sharing channels through their handles.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Channel } from "../../dist/sync/channel.js";
import { ChannelClosedError } from "../../dist/errors.js";
import { Mutex } from "../../dist/sync/mutex.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { runChannelWorker } from "./fixtures/channel-worker.mjs";
import { sleep, until } from "./helpers.mjs";

// Settles to "pending" if `promise` has not settled within `ms`.
const stateAfter = (promise, ms) =>
  Promise.race([promise.then(() => "fulfilled", (error) => `rejected ${error.name}`), sleep(ms).then(() => "pending")]);

async function drain(channel) {
  const values = [];
  for (let result = await channel.recv(); !result.done; result = await channel.recv()) values.push(result.value);
  return values;
}

test("one producer and one consumer: messages arrive in the order sent", async () => {
  const count = 20_000;
  // Small enough that the producer waits for space and messages wrap around the byte ring.
  const channel = new Channel(8, { bytes: 100 });
  const producer = runChannelWorker("produce", [channel], { count });
  const received = [];
  for (let i = 0; i < count; i++) {
    const result = await channel.recv();
    assert.equal(result.done, false);
    received.push(result.value);
  }
  assert.equal(await producer.done, count);
  assert.deepEqual(received, Array.from({ length: count }, (_, i) => i));
  assert.equal(channel.tryRecv(), null, "nothing more");
});

test("messages of varying size wrap around the end of the byte ring intact", () => {
  const channel = new Channel(4, { bytes: 100 });
  const sent = [];
  for (let i = 0; i < 500; i++) {
    const value = "x".repeat(i % 37) + String(i);
    assert.equal(channel.trySend(value), true, `message ${i} fits`);
    sent.push(value);
    if (i % 2 === 1) {
      assert.equal(channel.tryRecv().value, sent.shift());
      assert.equal(channel.tryRecv().value, sent.shift());
    }
  }
});

test("N producers × M consumers deliver every message exactly once", async () => {
  const producers = 4;
  const perProducer = 20_000;
  const total = producers * perProducer;
  const channel = new Channel(64, { bytes: 1024 });
  const seen = new SharedArrayBuffer(total * 4);
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const modes = ["sync", "async", "sync", "async"];
  const producing = modes.map((mode, p) =>
    runChannelWorker("produce", [channel], { from: p, step: producers, count: perProducer, mode, gate: gate.buffer }).done,
  );
  const consuming = ["sync", "async", "iterate"].map((mode) => runChannelWorker("consume", [channel], { mode, seen, gate: gate.buffer }).done);
  await until(() => Atomics.load(gate, 1) === producers + 3, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  await Promise.all(producing);
  channel.close();
  const results = await Promise.all(consuming);
  const marks = new Int32Array(seen);
  const missing = marks.findIndex((times) => times !== 1);
  assert.equal(missing, -1, `value ${missing} received ${marks[missing]} times`);
  assert.equal(results.reduce((n, r) => n + r.count, 0), total);
  assert.equal(results.reduce((n, r) => n + r.sum, 0), (total * (total - 1)) / 2);
  assert.ok(results.every((r) => r.count > 0), `every consumer received some: ${results.map((r) => r.count)}`);
});

test("null, undefined, falsy and complex values round-trip through a worker", async () => {
  const values = [
    null,
    undefined,
    0,
    -0,
    NaN,
    "",
    false,
    0n,
    12345678901234567890n,
    "héllo 😀",
    { nested: { list: [1, "two", null, undefined], empty: {} } },
    [1, , 3],
    new Map([[1, { a: 1 }], ["k", new Set([1, 2])]]),
    new Set(["a", 1, null]),
    new Date(1_700_000_000_000),
    /ab+c/gi,
    new Uint8Array([1, 2, 255]),
    new Float64Array([1.5, -0, Infinity]),
    new Uint8Array([9, 8, 7]).buffer,
    new RangeError("boom"),
  ];
  const there = new Channel(4);
  const back = new Channel(4);
  const echo = runChannelWorker("echo", [there, back]);
  for (const value of values) {
    await there.send(value);
    const result = await back.recv();
    assert.equal(result.done, false);
    if (value instanceof Error) {
      assert.ok(result.value instanceof RangeError);
      assert.equal(result.value.message, "boom");
    } else {
      assert.deepStrictEqual(result.value, value);
    }
  }
  // A cycle, and a Buffer that stays a Buffer in Node.
  const cyclic = { name: "loop" };
  cyclic.self = cyclic;
  await there.send(cyclic);
  const got = (await back.recv()).value;
  assert.equal(got.self, got);
  await there.send(Buffer.from("buf"));
  const buffer = (await back.recv()).value;
  assert.equal(Buffer.from(buffer).toString(), "buf");
  there.close();
  await echo.done;
});

test("send waits while the channel holds capacity messages and resumes when a consumer receives", async () => {
  const channel = new Channel(2);
  channel.sendSync("a");
  await channel.send("b");
  const sent = new Int32Array(new SharedArrayBuffer(4));
  const producer = runChannelWorker("sendOnce", [channel], { value: "c", sent: sent.buffer });
  await sleep(150);
  assert.equal(Atomics.load(sent, 0), 0, "the worker's sendSync is still waiting");
  assert.equal(channel.length, 2);
  assert.equal(channel.trySend("d"), false, "trySend does not wait");
  assert.equal((await channel.recv()).value, "a");
  await producer.done;
  assert.equal(Atomics.load(sent, 0), 1);
  assert.deepEqual([channel.tryRecv().value, channel.tryRecv().value], ["b", "c"]);
});

test("an async send waits for space and resolves when a worker receives", async () => {
  const channel = new Channel(1);
  await channel.send(1);
  const pending = channel.send(2);
  assert.equal(await stateAfter(pending, 100), "pending");
  const consumer = runChannelWorker("recvOnce", [channel], {});
  assert.deepEqual(await consumer.done, { value: 1, done: false });
  assert.equal(await stateAfter(pending, 5_000), "fulfilled");
  assert.equal(channel.tryRecv().value, 2);
});

test("send waits while the message does not fit in the free bytes", async () => {
  const channel = new Channel(100, { bytes: 256 });
  const big = "x".repeat(150);
  channel.sendSync(big);
  const pending = channel.send(big);
  assert.equal(await stateAfter(pending, 100), "pending");
  assert.equal(channel.trySend("small"), false, "a queued sender closes the fast path");
  assert.equal(channel.tryRecv().value, big);
  assert.equal(await stateAfter(pending, 5_000), "fulfilled");
  assert.equal(channel.length, 1);
});

test("close lets receivers drain the queued messages, then reports done", async () => {
  const channel = new Channel(8);
  for (const value of [1, 2, 3]) channel.sendSync(value);
  channel.close();
  channel.close(); // idempotent
  assert.equal(channel.closed, true);
  assert.deepEqual(await channel.recv(), { value: 1, done: false });
  assert.deepEqual(channel.recvSync(), { value: 2, done: false });
  assert.deepEqual(channel.tryRecv(), { value: 3, done: false });
  assert.deepEqual(await channel.recv(), { value: undefined, done: true });
  assert.deepEqual(channel.recvSync(), { value: undefined, done: true });
  assert.deepEqual(channel.tryRecv(), { value: undefined, done: true });
});

test("receivers waiting on an empty channel get done when it closes", async () => {
  const channel = new Channel(4);
  const started = new Int32Array(new SharedArrayBuffer(4));
  const blocked = runChannelWorker("recvOnce", [channel], { started: started.buffer });
  const waiting = channel.recv();
  await until(() => Atomics.load(started, 0) === 1, "the worker to start receiving");
  await sleep(50);
  channel.close();
  assert.deepEqual(await waiting, { value: undefined, done: true });
  assert.deepEqual(await blocked.done, { value: undefined, done: true });
});

test("send after close rejects with ChannelClosedError", async () => {
  const channel = new Channel(4);
  channel.close();
  await assert.rejects(channel.send(1), (error) => error instanceof ChannelClosedError && /closed/.test(error.message));
  assert.throws(() => channel.sendSync(1), { name: "ChannelClosedError" });
  assert.throws(() => channel.trySend(1), { name: "ChannelClosedError" });
});

test("a send waiting for space rejects with ChannelClosedError when the channel closes", async () => {
  const channel = new Channel(1);
  channel.sendSync("queued");
  const pending = channel.send("never");
  const started = new Int32Array(new SharedArrayBuffer(4));
  const blocked = runChannelWorker("sendUntilClosed", [channel], { value: "never either", started: started.buffer });
  await until(() => Atomics.load(started, 0) === 1, "the worker to start sending");
  await sleep(50);
  channel.close();
  await assert.rejects(pending, { name: "ChannelClosedError" });
  assert.equal(await blocked.done, "ChannelClosedError");
  assert.deepEqual(await drain(channel), ["queued"]);
});

test("async iteration yields every message and ends when the channel is closed and drained", async () => {
  const channel = new Channel(4);
  const producer = runChannelWorker("produce", [channel], { count: 100 });
  const closing = producer.done.then(() => channel.close());
  const values = [];
  for await (const value of channel) values.push(value);
  await closing;
  assert.deepEqual(values, Array.from({ length: 100 }, (_, i) => i));
});

test("breaking out of async iteration leaves the channel open and its messages queued", async () => {
  const channel = new Channel(4);
  for (const value of [1, 2, 3]) channel.sendSync(value);
  for await (const value of channel) if (value === 1) break;
  assert.equal(channel.closed, false);
  assert.deepEqual([channel.tryRecv().value, channel.tryRecv().value], [2, 3]);
});

test("a recv timeout rejects with TimeoutError and the channel stays usable", async () => {
  const channel = new Channel(2);
  const start = performance.now();
  await assert.rejects(channel.recv({ timeout: 50 }), { name: "TimeoutError" });
  assert.ok(performance.now() - start >= 45, "waited for the timeout");
  assert.throws(() => channel.recvSync({ timeout: 20 }), { name: "TimeoutError" });
  channel.sendSync("after");
  assert.deepEqual(await channel.recv({ timeout: 50 }), { value: "after", done: false });
});

test("a send timeout rejects with TimeoutError, sends nothing, and the channel stays usable", async () => {
  const channel = new Channel(1);
  channel.sendSync("first");
  await assert.rejects(channel.send("late", { timeout: 50 }), { name: "TimeoutError" });
  assert.throws(() => channel.sendSync("late", { timeout: 20 }), { name: "TimeoutError" });
  assert.equal(channel.length, 1);
  assert.equal(channel.tryRecv().value, "first");
  await channel.send("second", { timeout: 50 });
  assert.equal(channel.tryRecv().value, "second");
  assert.equal(channel.tryRecv(), null);
});

test("abort rejects a pending recv with the signal's reason, and a later message still reaches a waiting worker", async () => {
  const channel = new Channel(2);
  const started = new Int32Array(new SharedArrayBuffer(4));
  const worker = runChannelWorker("recvOnce", [channel], { started: started.buffer });
  await until(() => Atomics.load(started, 0) === 1, "the worker to start receiving");
  const controller = new AbortController();
  const pending = channel.recv({ signal: controller.signal });
  await sleep(30);
  const reason = new Error("stop receiving");
  controller.abort(reason);
  await assert.rejects(pending, (error) => error === reason);
  await assert.rejects(channel.recv({ signal: controller.signal }), (error) => error === reason, "already aborted");
  channel.sendSync("for the worker");
  assert.deepEqual(await worker.done, { value: "for the worker", done: false });
});

test("abort rejects a pending send with the signal's reason and sends nothing", async () => {
  const channel = new Channel(1);
  channel.sendSync(1);
  const controller = new AbortController();
  const pending = channel.send(2, { signal: controller.signal });
  const queued = channel.send(3);
  await sleep(30);
  controller.abort();
  await assert.rejects(pending, { name: "AbortError" });
  assert.equal(channel.tryRecv().value, 1);
  assert.equal(await stateAfter(queued, 5_000), "fulfilled", "the sender queued behind it went ahead");
  assert.equal(channel.tryRecv().value, 3);
  assert.equal(channel.tryRecv(), null);
});

test("sends and receives that time out or abort under traffic lose and duplicate no message", async () => {
  const total = 3_000;
  const channel = new Channel(4, { bytes: 128 });
  const seen = new SharedArrayBuffer(total * 4);
  const churn = new SharedArrayBuffer(12);
  const producing = [0, 1, 2].map((p) =>
    runChannelWorker("produceChurn", [channel], { from: p, step: 3, count: Math.ceil((total - p) / 3), churn }).done,
  );
  const consuming = [0, 1, 2].map(() => runChannelWorker("consumeChurn", [channel], { seen, churn }).done);
  await Promise.all(producing);
  channel.close();
  const received = (await Promise.all(consuming)).reduce((n, count) => n + count, 0);
  const marks = new Int32Array(seen);
  const wrong = marks.findIndex((times) => times !== 1);
  assert.equal(wrong, -1, `value ${wrong} received ${marks[wrong]} times`);
  assert.equal(received, total);
  const [sendTimeouts, recvTimeouts, aborts] = new Int32Array(churn);
  assert.ok(sendTimeouts + recvTimeouts + aborts > 0, "some calls gave up");
});

test("a message larger than the byte buffer is rejected with a RangeError naming the sizes", async () => {
  const channel = new Channel(4, { bytes: 128 });
  const big = new Uint8Array(200);
  assert.throws(() => channel.trySend(big), (error) => error instanceof RangeError && /\d+ bytes serialized.*buffer of 128 bytes/.test(error.message));
  assert.throws(() => channel.sendSync(big), RangeError);
  await assert.rejects(channel.send(big), RangeError);
  assert.equal(channel.length, 0);
  assert.equal(channel.trySend(new Uint8Array(10)), true, "still usable");
});

test("shared memory, library objects and functions are refused with DataCloneError", async () => {
  const channel = new Channel(4);
  const shared = new SharedArrayBuffer(8);
  for (const value of [shared, new Int32Array(shared), { deep: [new Map([["k", new DataView(shared)]])] }, new Mutex(), channel]) {
    assert.throws(() => channel.trySend(value), (error) => error.name === "DataCloneError" && /Channel\.trySend\(\)/.test(error.message));
  }
  await assert.rejects(channel.send({ f() {} }), { name: "DataCloneError" });
  assert.throws(() => channel.sendSync(Symbol("s")), { name: "DataCloneError" });
  assert.equal(channel.length, 0);
});

test("tryRecv returns null on an empty open channel and trySend false on a full one", () => {
  const channel = new Channel(1);
  assert.equal(channel.tryRecv(), null);
  assert.equal(channel.trySend(1), true);
  assert.equal(channel.trySend(2), false);
  assert.deepEqual(channel.tryRecv(), { value: 1, done: false });
});

test("a revived handle shares the channel's memory", () => {
  const channel = new Channel(4, { bytes: 512 });
  const handle = channel[toHandle]();
  assert.equal(handle.kind, "Channel");
  const copy = reviveHandle(handle);
  assert.deepEqual([copy.capacity, copy.bytes], [4, 512]);
  channel.sendSync({ hello: "copy" });
  assert.deepEqual(copy.tryRecv(), { value: { hello: "copy" }, done: false });
  copy.close();
  assert.equal(channel.closed, true);
});

test("invalid capacity or bytes throw a RangeError", () => {
  for (const capacity of [0, -1, 1.5, NaN, "4"]) assert.throws(() => new Channel(capacity), RangeError);
  assert.throws(() => new Channel(4, { bytes: 0 }), RangeError);
});

test("a pending recv keeps the process alive until a message arrives", () => {
  const script = fileURLToPath(new URL("./fixtures/channel-keep-alive.mjs", import.meta.url));
  const child = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^received "late" after \d+ ms$/m);
});
