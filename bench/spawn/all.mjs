#!/usr/bin/env node
// `npm run bench:spawn`: runs bench/spawn/run.mjs on every runtime of tools/runtimes (Node 20, this
// process's node, then Node 22, 24 and 26, Deno 2 and Bun 1), one child process after another,
// never in parallel (they would share the 2 vCPUs and spoil each other's timings). Each child
// writes its entry into the results file; then chart.mjs draws the chart from it and this script
// prints the figures of every runtime side by side, with spawn's own cost per task (front-cost.mjs).
//
//   npm run bench:spawn                                   (after `bash scripts/build.sh`)
//   npm run bench:spawn -- --runtimes node20,deno --quick
//
// Options (the others are passed on to run.mjs: --rounds, --n, --burst, --cpu-tasks, ...):
//   --runtimes a,b   only these (node20, node22, node24, node26, deno, bun)
//   --quick          a short run for a smoke check; writes results-quick.json and chart-quick.svg
//                    (git-ignored) instead of results.json and chart.svg
//
// Exit status: 0 whether or not the targets are met; 1 when a runtime's run returned wrong results
// or did not finish.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installCommand, runtimes } from "../../tools/runtimes/paths.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ALL = ["node20", "node22", "node24", "node26", "deno", "bun"];

const args = process.argv.slice(2);
let selected = ALL;
const passOn = [];
for (let k = 0; k < args.length; k++) {
  if (args[k] === "--runtimes") {
    selected = (args[++k] ?? "").split(",").filter(Boolean);
    const unknown = selected.filter((r) => !ALL.includes(r));
    if (unknown.length > 0 || selected.length === 0) {
      console.error(`bench/spawn: --runtimes takes a list of ${ALL.join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`);
      process.exit(2);
    }
  } else if (args[k] === "--help" || args[k] === "-h") {
    const text = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    console.log(text.slice(1, text.findIndex((l) => l.startsWith("import"))).join("\n"));
    process.exit(0);
  } else passOn.push(args[k]);
}
const quick = passOn.includes("--quick");
const outIndex = passOn.indexOf("--out");
const results = outIndex >= 0 ? path.resolve(passOn[outIndex + 1]) : path.join(here, quick ? "results-quick.json" : "results.json");
const chart = path.join(here, quick ? "chart-quick.svg" : "chart.svg");
if (outIndex < 0) passOn.push("--out", results);

const run = path.join(here, "run.mjs");
const outcome = {};
const frontCosts = {};
const started = Date.now();
for (const key of selected) {
  const binary = runtimes[key];
  if (!fs.existsSync(binary)) {
    console.log(`\n## ${key}: not installed (${binary}); install: ${installCommand}\n`);
    outcome[key] = "not installed";
    continue;
  }
  // tools/runtimes takes this process's node as Node 20 (the system Node npm runs).
  if (key === "node20" && !process.versions.node.startsWith("20.")) {
    console.log(`\n## node20: skipped, all.mjs runs on Node ${process.version} (run it with Node 20)\n`);
    outcome[key] = "not installed";
    continue;
  }
  const command = [...(key === "deno" ? ["run", "-A"] : []), run, "--runtime", key, ...passOn];
  console.log();
  const t0 = Date.now();
  // stdio inherited: the child's report and progress appear as it runs.
  const child = spawnSync(binary, command, { stdio: "inherit", cwd: path.join(here, "../.."), timeout: 10 * 60_000 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  outcome[key] =
    child.status === 0 ? "ok" : child.status === 1 ? "wrong results" : `failed (${child.error?.message ?? `exit ${child.status}${child.signal ? `, ${child.signal}` : ""}`})`;
  process.stderr.write(`bench/spawn: ${key} ${outcome[key]} in ${seconds} s\n`);
  // spawn's own cost on the calling thread (front-cost.mjs): where eval mode's extra time goes.
  const front = spawnSync(binary, [...(key === "deno" ? ["run", "-A"] : []), path.join(here, "front-cost.mjs")], {
    cwd: path.join(here, "../.."),
    encoding: "utf8",
    timeout: 5 * 60_000,
  });
  try {
    frontCosts[key] = JSON.parse(front.stdout.trim().split("\n").pop());
  } catch {
    frontCosts[key] = { error: (front.stderr || front.error?.message || "no output").trim().split("\n")[0] };
  }
}

// ---- the figures of every runtime side by side -------------------------------------------------
let file = { runs: {} };
try {
  file = JSON.parse(fs.readFileSync(results, "utf8"));
} catch (error) {
  console.error(`bench/spawn: cannot read ${results}: ${error.message}`);
}
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");
const ms = (v) => (Number.isFinite(v) ? `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} ms` : "n/a");
const mark = (met) => (met === true ? "" : met === false ? " ✗" : "");
console.log();
console.log(`## spawn benchmark, every runtime (${path.relative(process.cwd(), results)}; ✗: target not met)`);
console.log();
console.log(`| runtime | latency ours ÷ minimal (≤ 1.2×) | burst ours ÷ minimal (≥ 0.5×) | first task ours − raw (≤ +10 ms) | factorial speedup (≥ 0.95 × cores) | compile mode: latency ÷ minimal (≤ 1.1×) | compile mode: burst ÷ minimal (≥ 0.6×) | compile mode: first task − raw (≤ +5 ms) | latency ours ÷ piscina / tinypool | burst ours ÷ piscina / tinypool | load avg (start → end) |`);
console.log(`| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |`);
for (const key of selected) {
  const entry = file.runs?.[key];
  if (!entry || outcome[key] !== "ok") {
    console.log(`| ${key} | ${outcome[key] ?? "no entry"} | | | | | | | | | |`);
    continue;
  }
  const { ratios: r, targets: t } = entry;
  console.log(
    `| ${entry.runtime} | ${x(r.latencyOursOverMinimal)}${mark(t.latency.met)} | ${x(r.burstOursOverMinimal)}${mark(t.burst.met)} | ` +
      `${ms(r.firstSpawnOverheadMs)}${mark(t.firstSpawn.met)} | ${x(r.cpuSpeedupOurs)}${mark(t.cpuSpeedup.met)} | ` +
      `${x(r.latencyCompiledOverMinimal)}${mark(t.compiledLatency?.met)} | ${x(r.burstCompiledOverMinimal)}${mark(t.compiledBurst?.met)} | ` +
      `${ms(r.firstSpawnCompiledOverheadMs)}${mark(t.compiledFirstSpawn?.met)} | ` +
      `${x(r.latencyOursOverPiscina)} / ${x(r.latencyOursOverTinypool)} | ${x(r.burstOursOverPiscina)} / ${x(r.burstOursOverTinypool)} | ` +
      `${entry.loadavgStart[0]} → ${entry.loadavgEnd[0]} |`,
  );
}
console.log();
console.log(`spawn's own cost per task on the calling thread, µs (front-cost.mjs: the pool replaced by an instant answer)`);
console.log();
console.log(`| runtime | stack lookup | eval(spawn(...)), all of it | compiled run() | an await alone |`);
console.log(`| --- | --: | --: | --: | --: |`);
for (const key of selected) {
  const f = frontCosts[key];
  if (!f) continue;
  console.log(f.error ? `| ${key} | ${f.error} | | | |` : `| ${f.runtime} | ${f.stackLookupMicros} | ${f.evalSpawnMicros} | ${f.compiledRunMicros} | ${f.awaitMicros} |`);
}
console.log();
console.log(`${selected.length} runtimes in ${((Date.now() - started) / 1000 / 60).toFixed(1)} min`);

const drawn = spawnSync(process.execPath, [path.join(here, "chart.mjs"), results, chart], { stdio: "inherit" });
if (drawn.status !== 0) console.error("bench/spawn: chart.mjs failed");

process.exit(Object.values(outcome).some((o) => o !== "ok" && o !== "not installed") ? 1 : 0);
