// Benchmark of the WebAssembly build of the capture compiler (run with Node 20):
//   1. the size of build-wasm/xthreads.wasm (raw and gzipped);
//   2. cold start: in N fresh processes, import of the loader + read/compile + instantiate +
//      first explain of a ~20 KB TypeScript file (medians), on every installed runtime;
//   3. throughput of explain on a large file, wasm on every installed runtime against the native
//      CLI (`xthreads-scan --time`, parse + scope analysis), as MB/s and the ratio.
//   node bench/wasm/run.mjs [--cold-runs N]
// Environment: XTHREADS_WASM (the .wasm), XTHREADS_SCAN (the native CLI, default
// build/core/xthreads-scan), XTHREADS_BENCH_FILE (the large file; default TypeScript's
// typescript.js from the differential test's packages, else 10 MB of generated TypeScript).
// The machine is shared and noisy: compare ratios measured in the same run, not absolute times.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { commandLine, runtimes } from "../../tools/runtimes/paths.mjs";
import { syntheticTypeScript } from "./synthetic.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const measure = fileURLToPath(new URL("./measure.mjs", import.meta.url));
const wasm = process.env.XTHREADS_WASM || join(root, "build-wasm/xthreads.wasm");
const scan = process.env.XTHREADS_SCAN || join(root, "build/core/xthreads-scan");
const coldRuns = Number(process.argv[process.argv.indexOf("--cold-runs") + 1]) || 15;

if (!existsSync(wasm)) throw new Error(`${wasm} does not exist: run bash core/wasm/build.sh`);
const installed = Object.keys(runtimes).filter((name) => existsSync(runtimes[name]));
const work = mkdtempSync(join(tmpdir(), "xthreads-bench-wasm-"));

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fixed = (value, digits = 1) => value.toFixed(digits);

/** Runs measure.mjs on a runtime and returns its JSON line. */
function measureOn(runtime, args) {
  const [command, ...rest] = commandLine(runtime, measure, args);
  const run = spawnSync(command, rest, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (run.status !== 0) throw new Error(`${runtime} ${args[0]} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log();
}

// 1. size
const bytes = readFileSync(wasm);
console.log(`${wasm}: ${fixed(bytes.length / 1024)} KB, ${fixed(gzipSync(bytes, { level: 9 }).length / 1024)} KB gzipped\n`);

// 2. cold start
const small = syntheticTypeScript(20_000);
const smallFile = join(work, "cold.ts");
writeFileSync(smallFile, small.source);
console.log(`cold start: ${fixed(small.source.length / 1024)} KB TypeScript, median of ${coldRuns} fresh processes (ms)`);
const coldRows = [];
for (const runtime of installed) {
  const runs = [];
  for (let i = 0; i < coldRuns; i++) {
    runs.push(measureOn(runtime, ["cold", wasm, smallFile, String(small.line), String(small.column)]));
  }
  const m = (key) => fixed(median(runs.map((r) => r[key])), 1);
  const least = (key) => fixed(Math.min(...runs.map((r) => r[key])), 1);
  coldRows.push([runtime, m("importMs"), m("compileMs"), m("instantiateMs"), m("firstExplainMs"), m("totalMs"), least("totalMs"), m("cpuMs"), m("secondExplainMs")]);
}
printTable(["runtime", "import", "read+compile", "instantiate", "1st explain", "total", "(min)", "CPU", "2nd explain"], coldRows);
console.log("total = read+compile + instantiate + 1st explain; CPU = the process's CPU time over import and total, all threads\n");

// 3. throughput
const typescriptJs = join(root, "test/differential/node_modules/typescript/lib/typescript.js");
let largeFile = process.env.XTHREADS_BENCH_FILE || (existsSync(typescriptJs) ? typescriptJs : "");
if (!largeFile) {
  largeFile = join(work, "large.ts");
  writeFileSync(largeFile, syntheticTypeScript(10_000_000).source);
}
const dialect = /\.tsx?$|\.[mc]ts$/.test(largeFile) ? (largeFile.endsWith("x") ? "tsx" : "typescript") : largeFile.endsWith("x") ? "jsx" : "javascript";

function nativeMBs() {
  if (!existsSync(scan)) return undefined;
  const run = spawnSync(scan, ["--time", largeFile], { encoding: "utf8" });
  const mbs = run.stdout.match(/([0-9.]+) MB\/s/);
  if (run.status !== 0 || !mbs) throw new Error(`${scan} --time failed:\n${run.stdout}${run.stderr}`);
  return Number(mbs[1]);
}

console.log(`throughput: ${largeFile} (${fixed(statSync(largeFile).size / 1e6, 2)} MB), median of 7 runs after 2 warm-ups`);
const before = nativeMBs();
const wasmRuns = installed.map((runtime) => [runtime, measureOn(runtime, ["throughput", wasm, largeFile, dialect])]);
const after = nativeMBs();
const native = before === undefined ? undefined : (before + after) / 2;
const rows = [];
if (native !== undefined) rows.push(["native (xthreads-scan --time)", fixed(native), "1.00"]);
for (const [runtime, r] of wasmRuns) {
  rows.push([`wasm on ${runtime} (explain)`, fixed(r.mbPerS), native === undefined ? "-" : fixed(r.mbPerS / native, 2)]);
}
printTable(["", "MB/s", "× native"], rows);
if (native === undefined) console.log(`(no native CLI at ${scan}: build it with cmake to get the ratio)`);

rmSync(work, { recursive: true, force: true });
