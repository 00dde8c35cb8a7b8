// Barrier behaviours, with real worker_threads Workers sharing it through its handle.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { Barrier } from "../../dist/sync/barrier.js";
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { barrierRounds, runPrimitiveWorker } from "./fixtures/primitives.mjs";
import { sleep, until } from "./helpers.mjs";

// STATE: generation in the high bits, arrivals in the low 20 (src/sync/barrier.ts).
const arrivalsOf = (barrier) => Atomics.load(new Int32Array(barrier[toHandle]().data.state), 0) & 0xfffff;

function roundCells(generations) {
  return {
    generations,
    arrivals: new SharedArrayBuffer(4),
    leaders: new SharedArrayBuffer(4 * generations),
    violations: new SharedArrayBuffer(4),
  };
}

test("3 workers (waitSync) and the main thread (await wait) pass 300 generations together, one leader each", async () => {
  const generations = 300;
  const barrier = new Barrier(4);
  const cells = roundCells(generations);
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const workers = [1, 2, 3].map(() => runPrimitiveWorker("barrierRounds", { barrier }, { ...cells, gate: gate.buffer }));
  await until(() => Atomics.load(gate, 1) === 3, "all workers at the gate");
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  await barrierRounds(barrier, "async", cells);
  await Promise.all(workers.map((worker) => worker.done));
  assert.equal(new Int32Array(cells.arrivals)[0], 4 * generations);
  assert.equal(new Int32Array(cells.violations)[0], 0, "someone passed before all had arrived");
  const leaders = Array.from(new Int32Array(cells.leaders));
  assert.deepEqual(leaders.filter((count) => count !== 1), [], "exactly one leader per generation");
  assert.equal(arrivalsOf(barrier), 0);
});

test("nobody passes before the last party arrives", async () => {
  const barrier = new Barrier(3);
  const first = runPrimitiveWorker("barrierOnce", { barrier }, { timeout: 10_000 });
  const second = runPrimitiveWorker("barrierOnce", { barrier }, { timeout: 10_000 });
  await until(() => arrivalsOf(barrier) === 2, "two arrivals");
  let settled = 0;
  first.done.then(() => settled++);
  second.done.then(() => settled++);
  await sleep(100);
  assert.equal(settled, 0, "the first two are still waiting");
  const mine = await barrier.wait({ timeout: 10_000 });
  assert.deepEqual([mine.isLeader, ...(await Promise.all([first.done, second.done]))], [true, "follower", "follower"]);
});

test("the barrier is cyclic: waits on the main thread alone form generation after generation", async () => {
  const barrier = new Barrier(3);
  for (let generation = 0; generation < 50; generation++) {
    const results = await Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]);
    assert.deepEqual(results.map((r) => r.isLeader), [false, false, true]);
  }
});

test("new Barrier(1): every wait is its own generation's leader", async () => {
  const barrier = new Barrier(1);
  assert.equal((await barrier.wait()).isLeader, true);
  assert.equal(barrier.waitSync().isLeader, true);
  assert.throws(() => new Barrier(0), RangeError);
  assert.throws(() => new Barrier(1.5), RangeError);
});

test("wait({ timeout }) and waitSync({ timeout }) reject with a TimeoutError and withdraw the arrival", async () => {
  const barrier = new Barrier(2);
  await assert.rejects(barrier.wait({ timeout: 30 }), { name: "TimeoutError" });
  assert.throws(() => barrier.waitSync({ timeout: 20 }), { name: "TimeoutError" });
  assert.equal(arrivalsOf(barrier), 0);
  // The next generation still needs two parties.
  const worker = runPrimitiveWorker("barrierOnce", { barrier }, { timeout: 10_000 });
  await until(() => arrivalsOf(barrier) === 1, "the worker to arrive");
  assert.equal((await barrier.wait({ timeout: 10_000 })).isLeader, true);
  assert.equal(await worker.done, "follower");
});

test("wait({ signal }) rejects with the signal's reason and withdraws the arrival", async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  const pending = barrier.wait({ signal: controller.signal });
  assert.equal(arrivalsOf(barrier), 1);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { name: "AbortError" });
  const reason = new Error("gave up");
  await assert.rejects(barrier.wait({ signal: AbortSignal.abort(reason) }), (error) => error === reason);
  assert.equal(arrivalsOf(barrier), 0);
  const [a, b] = await Promise.all([barrier.wait(), barrier.wait()]);
  assert.deepEqual([a.isLeader, b.isLeader], [false, true]);
});

test("a wait whose generation completes as it is aborted resolves as passed", async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  const pending = barrier.wait({ signal: controller.signal });
  const leader = barrier.wait(); // completes the generation synchronously
  controller.abort(); // before the first wait's task has run
  assert.deepEqual([(await pending).isLeader, (await leader).isLeader], [false, true]);
  assert.equal(arrivalsOf(barrier), 0);
});

test("a revived handle is the same barrier", async () => {
  const barrier = new Barrier(2);
  const twin = reviveHandle(barrier[toHandle]());
  assert.equal(twin.parties, 2);
  const waiting = barrier.wait();
  assert.equal(twin.waitSync().isLeader, true);
  assert.equal((await waiting).isLeader, false);
});
