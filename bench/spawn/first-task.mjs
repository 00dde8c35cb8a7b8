// One start-up measurement, run by run.mjs as a fresh process (on the runtime being measured):
//   <runtime> first-task.mjs <raw|minimal|piscina|tinypool|ours>
// prints one JSON line:
//   firstResultMs        from just before loading the contender's library (for raw: just before
//                        `new Worker`) to its first result
//   loadMs               the part of it spent loading the library and building the pool (for
//                        raw: `new Worker` returning), before the first task is submitted
//   sinceProcessStartMs  performance.now() at the first result: since the process's time origin,
//                        so it includes the runtime's own start and loading this script
// or { error } when the contender cannot run here.
//
// raw is the reference: one `new Worker` and one message there and back, the least any pool can
// do for its first task.
import { performance } from "node:perf_hooks";
import { INCREMENT } from "./tasks.mjs";

const name = process.argv[2];

async function measure() {
  if (name === "raw") {
    const { Worker } = await import("node:worker_threads");
    const t0 = performance.now();
    const worker = new Worker(new URL("./raw-worker.mjs", import.meta.url));
    const loaded = performance.now();
    const result = await new Promise((resolve, reject) => {
      worker.once("message", ({ result }) => resolve(result));
      worker.once("error", reject);
      worker.postMessage({ id: 0, task: INCREMENT, arg: 1 });
    });
    const t1 = performance.now();
    await worker.terminate();
    return { result, firstResultMs: t1 - t0, loadMs: loaded - t0, sinceProcessStartMs: t1 };
  }
  const { createContender } = await import("./contenders.mjs");
  const t0 = performance.now();
  const contender = await createContender(name);
  const loaded = performance.now();
  const result = await contender.increment(1);
  const t1 = performance.now();
  await contender.close();
  return { result, firstResultMs: t1 - t0, loadMs: loaded - t0, sinceProcessStartMs: t1 };
}

let line;
try {
  const measured = await measure();
  line = measured.result === 2 ? measured : { error: `wrong result ${String(measured.result)}, expected 2` };
} catch (error) {
  line = { error: String(error?.stack ?? error).split("\n").slice(0, 3).join(" | ") };
}
console.log(JSON.stringify({ contender: name, ...line }));
// A pool that keeps its process alive after close() must not stall the benchmark.
process.exit(0);
