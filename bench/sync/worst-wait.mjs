// Bounded waiting under contention: W workers and the main thread hammer one Mutex (short
// critical sections, no pause between them: the worst case for fairness) and record how long
// each lock() waited. Prints the median, p99 and worst wait per contender, and the total.
// A starving waiter would show as a worst wait close to the whole run; the Mutex hands the lock
// to a sleeping waiter once one has waited 1 ms, so every wait stays bounded.
//   node bench/sync/worst-wait.mjs [--workers 3] [--ms 2000]
import { Worker } from "node:worker_threads";
import { Mutex } from "../../dist/index.js";
import { toHandle, reviveHandle } from "../../dist/transport/handles.js";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const workers = arg("workers", 3);
const ms = arg("ms", 2000);

const mutex = new Mutex(new SharedArrayBuffer(8));
const source = `
  import { parentPort, workerData } from "node:worker_threads";
  const { reviveHandle } = await import(${JSON.stringify(new URL("../../dist/transport/handles.js", import.meta.url).href)});
  await import(${JSON.stringify(new URL("../../dist/index.js", import.meta.url).href)});
  const mutex = reviveHandle(workerData.handle);
  const waits = [];
  const end = performance.now() + workerData.ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const guard = mutex.lockSync();
    waits.push(performance.now() - t0);
    const view = new Int32Array(guard.value);
    view[0]++;
    guard.unlock();
  }
  parentPort.postMessage(waits);
`;
const url = `data:text/javascript,${encodeURIComponent(source)}`;
const results = Array.from({ length: workers }, (_, i) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL(url), { workerData: { handle: mutex[toHandle](), ms } });
  worker.once("message", (waits) => resolve([`worker ${i + 1} (lockSync)`, waits]));
  worker.once("error", reject);
}));

// The main thread contends too, with await lock().
const mainWaits = [];
const end = performance.now() + ms;
await new Promise((r) => setTimeout(r, 50));
while (performance.now() < end) {
  const t0 = performance.now();
  const guard = await mutex.lock();
  mainWaits.push(performance.now() - t0);
  new Int32Array(guard.value)[0]++;
  guard.unlock();
}
const rows = [...(await Promise.all(results)), ["main thread (await lock)", mainWaits]];
void reviveHandle;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const us = (v) => (v * 1000).toFixed(1);
console.log(`Mutex contention: ${workers} workers + the main thread, ${ms} ms, on ${process.version}`);
console.log("| contender | locks | median wait (µs) | p99 wait (µs) | worst wait (µs) |");
console.log("| --- | --: | --: | --: | --: |");
let total = 0;
let worst = 0;
for (const [name, waits] of rows) {
  const sorted = Float64Array.from(waits).sort();
  total += sorted.length;
  worst = Math.max(worst, sorted[sorted.length - 1] ?? 0);
  console.log(`| ${name} | ${sorted.length} | ${us(pct(sorted, 0.5))} | ${us(pct(sorted, 0.99))} | ${us(sorted[sorted.length - 1] ?? 0)} |`);
}
const counted = new Int32Array(mutex.tryLock().value)[0];
console.log(`\n${total} locks, counter ${counted} (${counted === total ? "exact" : "MISMATCH"}); worst wait ${us(worst)} µs of a ${ms} ms run`);
process.exit(counted === total ? 0 : 1);
