#!/usr/bin/env node
// The spawn benchmark on the runtime that runs this script (Node, Deno or Bun; all.mjs runs it on
// every runtime one after another: `npm run bench:spawn`):
//
//   node bench/spawn/run.mjs                    (after `bash scripts/build.sh`)
//   deno run -A bench/spawn/run.mjs
//   bun bench/spawn/run.mjs
//
// Contenders, WORKERS (2) workers each (contenders.mjs): the minimal pool (bare node:worker_threads
// workers, round robin, a Map of resolvers: the floor), piscina, tinypool, ours,
// `await eval(spawn(() => i + 1))` in eval mode, and "compiled", the same file in compile mode
// (bundled by esbuild with experimental-threads/esbuild: build-compiled.mjs, run here with node
// first). A library that does not load or run on this runtime is reported "n/a" with the reason.
//
// Measures:
//   start-up   the first task of a fresh process, per contender (first-task.mjs): from just before
//              loading the library to the first result; and the reference, a raw worker's first
//              round trip (`new Worker` + one message). --startup-reps fresh processes each, in
//              rotating order, after one discarded process each (cold file caches); medians.
//   latency    --n tasks awaited one after another: p50 and p99 µs per task
//   burst      --burst tasks submitted at once (Promise.all): tasks/s
//   cpu        --cpu-tasks factorials of 1000 as BigInt submitted at once: tasks/s, and the
//              speedup over computing them one after another on the main thread
// The last three run in --rounds interleaved rounds (the order rotates every round, so that no
// contender always runs right after the same other one); the report gives medians over rounds.
//
// Targets (issue 13): latency ours ÷ minimal ≤ 1.2×; burst ours ÷ minimal ≥ 0.5×; first task
// ours − raw first round trip ≤ +10 ms; cpu speedup of ours ≥ 0.95 × min(cores, WORKERS).
// Compile mode (issue 12): latency ≤ 1.1×; burst ≥ 0.6×; first task ≤ raw + 5 ms.
//
// Options:
//   --rounds R         interleaved rounds (default 15)
//   --n N              sequential tasks per latency round (default 2000)
//   --warmup W         sequential warm-up tasks per contender before the first round (default 500)
//   --burst B          tasks per burst (default 10000)
//   --cpu-tasks C      factorial tasks per cpu burst (default 1000)
//   --startup-reps S   fresh processes per contender for the start-up figures (default 7)
//   --quick            a short run for a smoke check (2 rounds, small counts, 2 start-up reps)
//   --runtime KEY      the results key (default: node<major>, deno or bun, detected)
//   --out FILE         results file (default results.json beside this script, results-quick.json
//                      with --quick); the entry of this runtime is replaced, the others are kept
//
// This is a benchmark, not a test: it exits 0 whether or not the targets are met (1 only when a
// contender returned wrong results).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { CONTENDERS, LABELS, createContender } from "./contenders.mjs";
import { WORKERS, factorial } from "./tasks.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const FACTORIAL_OF = 1000;

// ---- options -----------------------------------------------------------------------------------
// cpuTasks: 1000 factorials take ~150 ms on one thread here; bursts of 200 (~30 ms) varied 3× from
// round to round on the shared machine.
const defaults = { rounds: 15, n: 2000, warmup: 500, burst: 10_000, cpuTasks: 1000, startupReps: 7 };
const quick = { rounds: 2, n: 300, warmup: 100, burst: 2000, cpuTasks: 50, startupReps: 2 };
const args = process.argv.slice(2);
const opt = { ...(args.includes("--quick") ? quick : defaults), quick: args.includes("--quick") };
opt.out = path.join(here, opt.quick ? "results-quick.json" : "results.json");
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
  else if (a === "--cpu-tasks") opt.cpuTasks = count();
  else if (a === "--startup-reps") opt.startupReps = count();
  else if (a === "--quick") continue;
  else if (a === "--runtime") opt.runtime = value();
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

// ---- the runtime -------------------------------------------------------------------------------
// Deno and Bun report a Node version for compatibility (process.version); name them by their own.
const runtime = (() => {
  if (typeof Deno !== "undefined") {
    return { key: "deno", name: `Deno ${Deno.version.deno}`, engine: `V8 ${Deno.version.v8}`, args: ["run", "-A"] };
  }
  if (typeof Bun !== "undefined") {
    return { key: "bun", name: `Bun ${Bun.version}`, engine: "JavaScriptCore", args: [] };
  }
  const major = process.versions.node.split(".")[0];
  return { key: `node${major}`, name: `Node ${process.version}`, engine: `V8 ${process.versions.v8}`, args: [] };
})();
if (opt.runtime) runtime.key = opt.runtime;
const cores = os.availableParallelism?.() ?? os.cpus().length;

// What was measured: the package runs from dist/, which the build makes from the working tree, so
// record the commit, whether src/ differed from it, and when dist/ was built.
const measured = (() => {
  const root = path.join(here, "../..");
  const git = (...gitArgs) => {
    const result = spawnSync("git", gitArgs, { cwd: root, encoding: "utf8" });
    return result.status === 0 ? result.stdout.trim() : null; // null: not a git checkout, no git
  };
  let distBuiltAt = null;
  try {
    distBuiltAt = fs.statSync(path.join(root, "dist/bundled/index.js")).mtime.toISOString();
  } catch {}
  const changes = git("status", "--porcelain", "--", "src", "core");
  return { commit: git("rev-parse", "--short", "HEAD"), srcChanged: changes === null ? null : changes.length > 0, distBuiltAt };
})();
const loadavg = () => os.loadavg().map((l) => Number(l.toFixed(2)));

// ---- statistics --------------------------------------------------------------------------------
const quantile = (sorted, q) => {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
};
const median = (values) => quantile([...values].sort((a, b) => a - b), 0.5);
/** a ÷ b, or null when either side is missing (a contender that is n/a). */
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null);
/** a − b, or null when either side is missing. */
const difference = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? a - b : null);

// Wrong results (exit 1) and failures that are not wrong results (reported, exit 0).
const errors = [];
const warnings = [];

// ---- 0. the compile-mode contender's bundle ------------------------------------------------------
// esbuild's API runs on Node: build with the node on PATH whatever runtime runs this script. A
// failed build leaves "compiled" n/a (its import fails) with esbuild's message in the warnings.
{
  const built = spawnSync("node", [path.join(here, "build-compiled.mjs")], { cwd: here, encoding: "utf8", timeout: 120_000 });
  if (built.status !== 0) warnings.push(`build-compiled.mjs failed: ${(built.error?.message ?? built.stderr ?? "").trim().split("\n").slice(0, 3).join(" | ")}`);
}

// ---- 1. start-up: fresh processes --------------------------------------------------------------
const started = new Date();
const loadStart = loadavg();
process.stderr.write(`bench/spawn on ${runtime.name}: start-up, ${opt.startupReps} fresh processes per contender\n`);

const firstTaskScript = path.join(here, "first-task.mjs");
function firstTask(name) {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [...runtime.args, firstTaskScript, name], {
    cwd: here,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const processWallMs = performance.now() - t0;
  const last = (child.stdout ?? "").trim().split("\n").at(-1);
  try {
    return { ...JSON.parse(last), processWallMs };
  } catch {
    const why = child.error?.message ?? `exit ${child.status}${child.signal ? ` (${child.signal})` : ""}`;
    return { contender: name, error: `${why}: ${(child.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}` };
  }
}

const startupKinds = ["raw", ...CONTENDERS];
const startupRuns = Object.fromEntries(startupKinds.map((k) => [k, []]));
for (const kind of startupKinds) firstTask(kind); // discarded: the first process after a while reads from disk
for (let r = 0; r < opt.startupReps; r++) {
  for (let k = 0; k < startupKinds.length; k++) {
    const kind = startupKinds[(k + r) % startupKinds.length];
    startupRuns[kind].push(firstTask(kind));
  }
}
const startup = {};
for (const kind of startupKinds) {
  const runs = startupRuns[kind];
  const good = runs.filter((x) => !x.error);
  startup[kind] =
    good.length === 0
      ? { available: false, reason: runs[0]?.error ?? "no run" }
      : {
          available: true,
          firstResultMs: median(good.map((x) => x.firstResultMs)),
          loadMs: median(good.map((x) => x.loadMs)),
          sinceProcessStartMs: median(good.map((x) => x.sinceProcessStartMs)),
          processWallMs: median(good.map((x) => x.processWallMs)),
          runs: runs.map((x) => (x.error ? { error: x.error } : { firstResultMs: x.firstResultMs, loadMs: x.loadMs, sinceProcessStartMs: x.sinceProcessStartMs })),
        };
  if (good.length > 0 && good.length < runs.length) {
    warnings.push(`start-up ${kind}: ${runs.length - good.length} of ${runs.length} processes failed: ${runs.find((x) => x.error).error}`);
  }
}

// ---- 2. steady state: one process, interleaved rounds ------------------------------------------

/** `count` tasks awaited one after another; returns per-task µs and the sum of the results. */
async function sequential(contender, count, first) {
  const { increment } = contender;
  const micros = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const t0 = performance.now();
    sum += await increment(first + k);
    micros[k] = (performance.now() - t0) * 1000;
  }
  return { micros, sum };
}

/** `count` tasks submitted at once; returns elapsed ms and the sum of the results. */
async function burst(contender, count, first) {
  const { increment } = contender;
  const promises = new Array(count);
  const t0 = performance.now();
  for (let k = 0; k < count; k++) promises[k] = increment(first + k);
  const results = await Promise.all(promises);
  const ms = performance.now() - t0;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += results[k];
  return { ms, sum };
}

// Σ (first + k + 1) for k < count: what a correct contender returns.
const expectedSum = (first, count) => count * first + (count * (count + 1)) / 2;
function checkSum(name, what, sum, first, count) {
  const expected = expectedSum(first, count);
  if (sum !== expected) errors.push(`${name} ${what}: sum of results ${sum}, expected ${expected}`);
}

const expectedFactorial = factorial(FACTORIAL_OF);
/** `count` factorials submitted at once (or, for the main thread, computed one after another). */
async function cpuBurst(contender, count) {
  const t0 = performance.now();
  let results;
  if (contender === mainThread) {
    results = new Array(count);
    for (let k = 0; k < count; k++) results[k] = factorial(FACTORIAL_OF);
  } else {
    const promises = new Array(count);
    for (let k = 0; k < count; k++) promises[k] = contender.factorial(FACTORIAL_OF);
    results = await Promise.all(promises);
  }
  const ms = performance.now() - t0;
  const wrong = results.filter((x) => x !== expectedFactorial).length;
  if (wrong > 0) errors.push(`${contender.name} cpu: ${wrong} of ${count} factorials wrong`);
  return { ms, tasksPerSecond: (count / ms) * 1000 };
}
// The cpu stage's reference: the same tasks one after another, on this thread.
const mainThread = { name: "main" };

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

process.stderr.write(`bench/spawn on ${runtime.name}: warm-up\n`);
const contenders = [];
const unavailable = {};
let base = 0;
// Warm-up: starts the workers, loads the task files, compiles our call sites, warms the JITs. A
// library that fails here (does not load, cannot start its workers, answers wrongly or not at all)
// is n/a on this runtime.
for (const name of CONTENDERS) {
  const t0 = performance.now();
  let contender;
  try {
    contender = await withTimeout(createContender(name), 30_000, "creating the pool");
    const first = await withTimeout(contender.increment(0), 30_000, "the first task");
    if (first !== 1) throw new Error(`the first task returned ${String(first)}, expected 1`);
    const seq = await withTimeout(sequential(contender, opt.warmup, base), 60_000, "warm-up");
    checkSum(name, "warm-up", seq.sum, base, opt.warmup);
    base += opt.warmup;
    const size = Math.min(opt.burst, 2000);
    const b = await withTimeout(burst(contender, size, base), 60_000, "warm-up burst");
    checkSum(name, "warm-up burst", b.sum, base, size);
    base += size;
    await withTimeout(cpuBurst(contender, Math.min(opt.cpuTasks, 20)), 60_000, "warm-up factorials");
    contenders.push(contender);
    process.stderr.write(`  ${name}: ${(performance.now() - t0).toFixed(0)} ms\n`);
  } catch (error) {
    unavailable[name] = String(error?.message ?? error).split("\n")[0];
    process.stderr.write(`  ${name}: n/a (${unavailable[name]})\n`);
    try {
      await withTimeout(Promise.resolve(contender?.close()), 5_000, "close");
    } catch {}
  }
}
await cpuBurst(mainThread, Math.min(opt.cpuTasks, 20));

const rounds = { latency: {}, burst: {}, cpu: { main: [] } };
for (const c of contenders) {
  rounds.latency[c.name] = [];
  rounds.burst[c.name] = [];
  rounds.cpu[c.name] = [];
}
const rotate = (list, r) => list.map((_, k) => list[(k + r) % list.length]);
const rewarm = Math.min(50, opt.warmup);
for (let r = 0; r < opt.rounds; r++) {
  const order = rotate(contenders, r);
  for (const c of order) {
    await sequential(c, rewarm, base); // the worker may have gone idle while the others ran
    base += rewarm;
    const seq = await sequential(c, opt.n, base);
    checkSum(c.name, `latency round ${r + 1}`, seq.sum, base, opt.n);
    base += opt.n;
    const sorted = Array.from(seq.micros).sort((a, b) => a - b);
    rounds.latency[c.name].push({ p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99) });
  }
  for (const c of order) {
    const b = await burst(c, opt.burst, base);
    checkSum(c.name, `burst round ${r + 1}`, b.sum, base, opt.burst);
    base += opt.burst;
    rounds.burst[c.name].push({ ms: b.ms, tasksPerSecond: (opt.burst / b.ms) * 1000 });
  }
  for (const c of rotate([mainThread, ...contenders], r)) rounds.cpu[c.name].push(await cpuBurst(c, opt.cpuTasks));
  process.stderr.write(
    `  round ${r + 1}/${opt.rounds}: ` +
      contenders
        .map((c) => {
          const l = rounds.latency[c.name].at(-1);
          const b = rounds.burst[c.name].at(-1);
          const cpu = rounds.cpu[c.name].at(-1);
          return `${c.name} ${l.p50.toFixed(1)} µs, ${Math.round(b.tasksPerSecond)}/s, cpu ${Math.round(cpu.tasksPerSecond)}/s`;
        })
        .join(" | ") +
      ` | main cpu ${Math.round(rounds.cpu.main.at(-1).tasksPerSecond)}/s\n`,
  );
}

// ---- summary -----------------------------------------------------------------------------------
const summary = {};
for (const name of CONTENDERS) {
  const c = contenders.find((x) => x.name === name);
  if (!c) {
    summary[name] = { available: false, reason: unavailable[name] };
    continue;
  }
  summary[name] = {
    available: true,
    label: c.label,
    latencyP50Micros: median(rounds.latency[name].map((x) => x.p50)),
    latencyP99Micros: median(rounds.latency[name].map((x) => x.p99)),
    burstTasksPerSecond: median(rounds.burst[name].map((x) => x.tasksPerSecond)),
    cpuTasksPerSecond: median(rounds.cpu[name].map((x) => x.tasksPerSecond)),
    firstResultMs: startup[name].firstResultMs ?? null,
  };
}
summary.main = { cpuTasksPerSecond: median(rounds.cpu.main.map((x) => x.tasksPerSecond)) };
summary.raw = { firstResultMs: startup.raw.firstResultMs ?? null };

const s = (name, key) => summary[name]?.[key] ?? NaN;
// The same ratio within each round (the two ran back to back), then the median: less sensitive to
// load that changes between rounds than the ratio of the medians, printed beside it.
const perRound = (stage, a, b, key) =>
  rounds[stage][a] && rounds[stage][b]
    ? median(rounds[stage][a].map((x, r) => x[key] / rounds[stage][b][r][key]))
    : null;
const cpuTarget = 0.95 * Math.min(cores, WORKERS);
const ratios = {
  latencyOursOverMinimal: ratio(s("ours", "latencyP50Micros"), s("minimal", "latencyP50Micros")),
  latencyOursOverMinimalPerRound: perRound("latency", "ours", "minimal", "p50"),
  latencyP99OursOverMinimal: ratio(s("ours", "latencyP99Micros"), s("minimal", "latencyP99Micros")),
  burstOursOverMinimal: ratio(s("ours", "burstTasksPerSecond"), s("minimal", "burstTasksPerSecond")),
  burstOursOverMinimalPerRound: perRound("burst", "ours", "minimal", "tasksPerSecond"),
  firstSpawnOverheadMs: difference(s("ours", "firstResultMs"), s("raw", "firstResultMs")),
  cpuSpeedupOurs: ratio(s("ours", "cpuTasksPerSecond"), s("main", "cpuTasksPerSecond")),
  cpuSpeedupOursPerRound: perRound("cpu", "ours", "main", "tasksPerSecond"),
  cpuSpeedupMinimal: ratio(s("minimal", "cpuTasksPerSecond"), s("main", "cpuTasksPerSecond")),
  latencyCompiledOverMinimal: ratio(s("compiled", "latencyP50Micros"), s("minimal", "latencyP50Micros")),
  latencyCompiledOverMinimalPerRound: perRound("latency", "compiled", "minimal", "p50"),
  burstCompiledOverMinimal: ratio(s("compiled", "burstTasksPerSecond"), s("minimal", "burstTasksPerSecond")),
  burstCompiledOverMinimalPerRound: perRound("burst", "compiled", "minimal", "tasksPerSecond"),
  firstSpawnCompiledOverheadMs: difference(s("compiled", "firstResultMs"), s("raw", "firstResultMs")),
};
for (const other of ["piscina", "tinypool"]) {
  const Other = other[0].toUpperCase() + other.slice(1);
  ratios[`latencyOursOver${Other}`] = ratio(s("ours", "latencyP50Micros"), s(other, "latencyP50Micros"));
  ratios[`burstOursOver${Other}`] = ratio(s("ours", "burstTasksPerSecond"), s(other, "burstTasksPerSecond"));
  ratios[`cpuOursOver${Other}`] = ratio(s("ours", "cpuTasksPerSecond"), s(other, "cpuTasksPerSecond"));
  ratios[`firstTaskOursMinus${Other}Ms`] = difference(s("ours", "firstResultMs"), s(other, "firstResultMs"));
  ratios[`cpuSpeedup${Other}`] = ratio(s(other, "cpuTasksPerSecond"), s("main", "cpuTasksPerSecond"));
}
const judge = (value, test) => (value === null ? null : test(value));
const targets = {
  latency: { what: "latency p50, ours ÷ minimal pool", target: "≤ 1.2×", value: ratios.latencyOursOverMinimal, met: judge(ratios.latencyOursOverMinimal, (v) => v <= 1.2) },
  burst: { what: "burst tasks/s, ours ÷ minimal pool", target: "≥ 0.5×", value: ratios.burstOursOverMinimal, met: judge(ratios.burstOursOverMinimal, (v) => v >= 0.5) },
  firstSpawn: { what: "first task, ours − raw worker's first round trip", target: "≤ +10 ms", value: ratios.firstSpawnOverheadMs, met: judge(ratios.firstSpawnOverheadMs, (v) => v <= 10) },
  cpuSpeedup: { what: `factorial(${FACTORIAL_OF}) tasks/s, ours ÷ main thread`, target: `≥ ${cpuTarget.toFixed(2)}× (0.95 × ${Math.min(cores, WORKERS)})`, value: ratios.cpuSpeedupOurs, met: judge(ratios.cpuSpeedupOurs, (v) => v >= cpuTarget) },
  compiledLatency: { what: "compile mode: latency p50 ÷ minimal pool", target: "≤ 1.1×", value: ratios.latencyCompiledOverMinimal, met: judge(ratios.latencyCompiledOverMinimal, (v) => v <= 1.1) },
  compiledBurst: { what: "compile mode: burst tasks/s ÷ minimal pool", target: "≥ 0.6×", value: ratios.burstCompiledOverMinimal, met: judge(ratios.burstCompiledOverMinimal, (v) => v >= 0.6) },
  compiledFirstSpawn: { what: "compile mode: first task − raw worker's first round trip", target: "≤ +5 ms", value: ratios.firstSpawnCompiledOverheadMs, met: judge(ratios.firstSpawnCompiledOverheadMs, (v) => v <= 5) },
};

// ---- report ------------------------------------------------------------------------------------
const fixed = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "n/a");
const times = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");
const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "n/a");
const signedMs = (v) => (Number.isFinite(v) ? `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ms` : "n/a");
const metText = (m) => (m === null ? "n/a" : m ? "yes" : "**no**");

console.log(`## spawn benchmark on ${runtime.name} (${runtime.engine})`);
console.log();
console.log(`- ${started.toISOString()}, ${os.platform()}-${os.arch()}, ${cores} CPUs (${os.cpus()[0]?.model ?? "?"})`);
console.log(`- experimental-threads: dist/ built ${measured.distBuiltAt ?? "?"}, HEAD ${measured.commit ?? "?"}${measured.srcChanged ? " (src/ or core/ changed since)" : ""}`);
console.log(`- load average at the start ${loadStart.join(" ")}, at the end ${loadavg().join(" ")}`);
console.log(
  `- ${WORKERS} workers each; start-up: median of ${opt.startupReps} fresh processes; ${opt.rounds} interleaved rounds of ` +
    `${opt.n} sequential tasks, a burst of ${opt.burst} and a burst of ${opt.cpuTasks} factorial(${FACTORIAL_OF})${opt.quick ? " (--quick)" : ""}`,
);
console.log();
console.log(`| contender | first task, ms (of which loading) | latency p50 (µs) | latency p99 (µs) | burst (tasks/s) | factorial (tasks/s) | speedup over main thread |`);
console.log(`| --- | --: | --: | --: | --: | --: | --: |`);
const firstText = (x) => (x.available ? `${fixed(x.firstResultMs)} (${fixed(x.loadMs)})` : `n/a (${x.reason})`);
console.log(`| raw worker's first round trip | ${firstText(startup.raw)} | | | | | |`);
for (const name of CONTENDERS) {
  const x = summary[name];
  if (!x.available) {
    console.log(`| ${LABELS[name]} | n/a | n/a (${x.reason}) | | | | |`);
    continue;
  }
  const first = firstText(startup[name]);
  console.log(
    `| ${x.label} | ${first} | ${fixed(x.latencyP50Micros)} | ${fixed(x.latencyP99Micros)} | ${int(x.burstTasksPerSecond)} | ` +
      `${int(x.cpuTasksPerSecond)} | ${times(ratio(x.cpuTasksPerSecond, summary.main.cpuTasksPerSecond))} |`,
  );
}
console.log(`| main thread, one after another | | | | | ${int(summary.main.cpuTasksPerSecond)} | 1.00× |`);
console.log();
console.log(`| target | value | target | met |`);
console.log(`| --- | --: | --: | --- |`);
console.log(`| ${targets.latency.what} | ${times(ratios.latencyOursOverMinimal)} (per round: ${times(ratios.latencyOursOverMinimalPerRound)}) | ${targets.latency.target} | ${metText(targets.latency.met)} |`);
console.log(`| ${targets.burst.what} | ${times(ratios.burstOursOverMinimal)} (per round: ${times(ratios.burstOursOverMinimalPerRound)}) | ${targets.burst.target} | ${metText(targets.burst.met)} |`);
console.log(`| ${targets.firstSpawn.what} | ${signedMs(ratios.firstSpawnOverheadMs)} | ${targets.firstSpawn.target} | ${metText(targets.firstSpawn.met)} |`);
console.log(`| ${targets.cpuSpeedup.what} | ${times(ratios.cpuSpeedupOurs)} (per round: ${times(ratios.cpuSpeedupOursPerRound)}) | ${targets.cpuSpeedup.target} | ${metText(targets.cpuSpeedup.met)} |`);
console.log(`| ${targets.compiledLatency.what} | ${times(ratios.latencyCompiledOverMinimal)} (per round: ${times(ratios.latencyCompiledOverMinimalPerRound)}) | ${targets.compiledLatency.target} | ${metText(targets.compiledLatency.met)} |`);
console.log(`| ${targets.compiledBurst.what} | ${times(ratios.burstCompiledOverMinimal)} (per round: ${times(ratios.burstCompiledOverMinimalPerRound)}) | ${targets.compiledBurst.target} | ${metText(targets.compiledBurst.met)} |`);
console.log(`| ${targets.compiledFirstSpawn.what} | ${signedMs(ratios.firstSpawnCompiledOverheadMs)} | ${targets.compiledFirstSpawn.target} | ${metText(targets.compiledFirstSpawn.met)} |`);
console.log();
console.log(`| ours ÷ | latency p50 (lower: ours faster) | burst | factorial | first task, ours − |`);
console.log(`| --- | --: | --: | --: | --: |`);
for (const other of ["piscina", "tinypool"]) {
  const Other = other[0].toUpperCase() + other.slice(1);
  if (!summary[other].available) {
    console.log(`| ${other} | n/a (${summary[other].reason}) | | | |`);
    continue;
  }
  console.log(
    `| ${summary[other].label} | ${times(ratios[`latencyOursOver${Other}`])} | ${times(ratios[`burstOursOver${Other}`])} | ` +
      `${times(ratios[`cpuOursOver${Other}`])} | ${signedMs(ratios[`firstTaskOursMinus${Other}Ms`])} |`,
  );
}
console.log();
console.log(`Per round (latency p50 µs; burst tasks/s; factorial tasks/s):`);
for (const c of contenders) {
  console.log(
    `- ${c.name}: ${rounds.latency[c.name].map((x) => fixed(x.p50)).join(", ")}; ` +
      `${rounds.burst[c.name].map((x) => int(x.tasksPerSecond)).join(", ")}; ` +
      `${rounds.cpu[c.name].map((x) => int(x.tasksPerSecond)).join(", ")}`,
  );
}
console.log(`- main thread factorial: ${rounds.cpu.main.map((x) => int(x.tasksPerSecond)).join(", ")}`);
console.log(`Start-up per process (first task ms): ${startupKinds.map((k) => `${k} ${startupRuns[k].map((x) => (x.error ? "failed" : fixed(x.firstResultMs))).join("/")}`).join("; ")}`);

if (warnings.length > 0) {
  console.log();
  for (const w of warnings) console.log(`- warning: ${w}`);
}
if (errors.length > 0) {
  console.log();
  console.log(`**Wrong results** (these figures are not valid):`);
  for (const e of errors) console.log(`- ${e}`);
}

// ---- results file: one entry per runtime -------------------------------------------------------
let file = {};
try {
  file = JSON.parse(fs.readFileSync(opt.out, "utf8"));
} catch {}
if (typeof file !== "object" || file === null || typeof file.runs !== "object") file = { runs: {} };
file.description =
  "bench/spawn (npm run bench:spawn): start-up, per-task latency, burst and CPU-bound throughput of a minimal worker_threads pool, piscina, tinypool and experimental-threads, 2 workers each; one entry per runtime (its latest run)";
file.runs[runtime.key] = {
  runtime: runtime.name,
  engine: runtime.engine,
  date: started.toISOString(),
  platform: `${os.platform()}-${os.arch()}`,
  cpus: cores,
  cpuModel: os.cpus()[0]?.model,
  measured,
  loadavgStart: loadStart,
  loadavgEnd: loadavg(),
  options: { workers: WORKERS, rounds: opt.rounds, n: opt.n, warmup: opt.warmup, burst: opt.burst, cpuTasks: opt.cpuTasks, factorialOf: FACTORIAL_OF, startupReps: opt.startupReps, quick: opt.quick },
  summary,
  startup,
  ratios,
  targets,
  rounds,
  errors,
  warnings,
};
file.runs = Object.fromEntries(Object.entries(file.runs).sort(([a], [b]) => runtimeOrder(a) - runtimeOrder(b)));
fs.writeFileSync(opt.out, JSON.stringify(file, null, 2) + "\n");
console.log();
console.log(`Raw numbers: ${path.relative(process.cwd(), opt.out) || opt.out} (key ${runtime.key})`);

function runtimeOrder(key) {
  const known = ["node20", "node22", "node24", "node26", "deno", "bun"].indexOf(key);
  return known === -1 ? 100 : known;
}

for (const c of contenders) {
  try {
    await withTimeout(Promise.resolve(c.close()), 10_000, `closing ${c.name}`);
  } catch (error) {
    process.stderr.write(`bench/spawn: ${error.message}\n`);
  }
}
// Exit explicitly: a pool that keeps the process alive after close() must not stall all.mjs.
process.exit(errors.length > 0 ? 1 : 0);
