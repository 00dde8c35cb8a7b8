#!/usr/bin/env node
// What spawn itself costs on the calling thread, before any message: the part of a task that eval
// mode adds to a round trip and compile mode removes. The pool is replaced by a dispatcher that
// answers at once, so only the main thread's own work is timed, per task, on this runtime:
//   stack lookup       callerOf (structured call sites, stack limit 1): how eval mode finds its site
//   eval(spawn(...))   the whole front of eval mode: stack lookup, site cache, the snippet's eval,
//                      packing the values, submitting, settling the promise
//   compiled run()     the same task in compile mode (the rewritten call): packing, submitting, settling
//   await              a resolved promise awaited: the loop's own cost
//
//   node bench/spawn/front-cost.mjs         deno run -A bench/spawn/front-cost.mjs        bun bench/spawn/front-cost.mjs
// (after `bash scripts/build.sh`). Prints one JSON line; medians of 7 runs of 100,000 tasks each, after a whole pass
// discarded.
import { setDispatcher } from "../../dist/task.js";
import { spawn } from "../../dist/index.js";
import { run } from "../../dist/spawn/compiled.js";
import { callerOf } from "../../dist/runtime/callsite.js";

const outcome = { ok: true, result: 0, transfer: [] };
setDispatcher({ submit: () => Promise.resolve(outcome) });

const N = 100_000;
async function perTask(body) {
  for (let i = 0; i < 20_000; i++) await body(i); // warm-up: the JIT, the site cache
  const runs = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await body(i);
    runs.push(((performance.now() - t0) * 1000) / N);
  }
  runs.sort((a, b) => a - b);
  return Number(runs[3].toFixed(2));
}

function probe() {
  return callerOf(probe);
}
const module = { hash: "0".repeat(32), url: "file:///front-cost.mjs", text: "", imports: [], names: ["i"], bundled: true };
const describe = () => ({ module, values: ["i"], label: "front-cost.mjs:1:1", streamed: false, file: "front-cost.mjs" });

const runtime = typeof Deno !== "undefined" ? `Deno ${Deno.version.deno}` : typeof Bun !== "undefined" ? `Bun ${Bun.version}` : `Node ${process.version}`;
const measure = async () => ({
  runtime,
  stackLookupMicros: await perTask(() => probe()),
  evalSpawnMicros: await perTask((i) => eval(spawn(() => i + 1))),
  compiledRunMicros: await perTask((i) => run(describe, [i])),
  awaitMicros: await perTask((i) => Promise.resolve(i)),
});
await measure(); // the first pass warms everything up: the second one is reported
const result = await measure();
console.log(JSON.stringify(result));
