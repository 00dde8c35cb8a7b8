#!/usr/bin/env node
// What leaving metrics on costs: burst throughput (10,000 `eval(spawn(() => i + 1))` at once, 2
// workers) with the pool's histograms recording, side by side in one process with the same
// pool whose Histogram.record is a no-op, in interleaved rounds; and the time of one metrics()
// call. Medians. The counters and utilization clocks stay on in both (a few additions per task).
//
//   node bench/metrics/cost.mjs [--rounds 9] [--burst 10000]      (after `bash scripts/build.sh`)
//
// A benchmark, not a test: it prints the figures and exits 0 (1 only on wrong results).
import { spawn, configure, metrics, shutdown } from "experimental-threads";
import { Histogram } from "../../dist/pool/histogram.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rounds = option("--rounds", 9);
const size = option("--burst", 10_000);

configure({ workers: 2 });
const record = Histogram.prototype.record;
const off = function () {};

async function burst(first) {
  const t0 = performance.now();
  const promises = new Array(size);
  for (let k = 0; k < size; k++) {
    const i = first + k;
    promises[k] = eval(spawn(() => i + 1));
  }
  const results = await Promise.all(promises);
  const ms = performance.now() - t0;
  for (let k = 0; k < size; k++) if (results[k] !== first + k + 1) throw new Error(`wrong result at ${k}`);
  return (size / ms) * 1000;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

await burst(0); // warm-up: workers, the site, the JITs
await burst(0);
const on = [];
const without = [];
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so neither always runs right after the other.
  for (const recording of r % 2 ? [true, false] : [false, true]) {
    Histogram.prototype.record = recording ? record : off;
    (recording ? on : without).push(await burst(r * size));
  }
}
Histogram.prototype.record = record;

const calls = 10_000;
const t0 = performance.now();
for (let k = 0; k < calls; k++) metrics();
const callMicros = ((performance.now() - t0) * 1000) / calls;

const a = median(on);
const b = median(without);
const perRound = median(on.map((x, r) => x / without[r]));
console.log(`# metrics cost (${process.release?.name ?? "?"} ${process.version}, 2 workers, bursts of ${size}, ${rounds} interleaved rounds, medians)`);
console.log(`| | tasks/s |`);
console.log(`| --- | --: |`);
console.log(`| histograms recording (as shipped) | ${Math.round(a).toLocaleString("en-US")} |`);
console.log(`| Histogram.record a no-op | ${Math.round(b).toLocaleString("en-US")} |`);
console.log(`cost of recording: ${((1 - a / b) * 100).toFixed(1)}% (ratio of medians), ${((1 - perRound) * 100).toFixed(1)}% (median of per-round ratios); target < 3%`);
console.log(`one metrics() call: ${callMicros.toFixed(2)} µs`);
console.log(`rounds (recording / no-op, tasks/s): ${on.map((x, r) => `${Math.round(x)}/${Math.round(without[r])}`).join(", ")}`);
await shutdown();
