// The contenders of bench/spawn, each with WORKERS workers. `await createContender(name)` loads
// the contender's library (a dynamic import, so that first-task.mjs can time it) and returns
//   { name, label, increment(i), factorial(n), close() }
// where increment and factorial return promises of the result computed in a worker.
// It throws when the library does not load or its pool cannot be built (the callers report the
// contender as "n/a" with that reason).
import fs from "node:fs";
import { FACTORIAL, INCREMENT, WORKERS } from "./tasks.mjs";

export const CONTENDERS = ["minimal", "piscina", "tinypool", "ours", "compiled"];

export const LABELS = {
  minimal: "minimal pool (node:worker_threads, round robin, Map of resolvers)",
  piscina: "piscina",
  tinypool: "tinypool",
  ours: "experimental-threads `eval(spawn(() => i + 1))`",
  compiled: "experimental-threads in compile mode (ours.mjs bundled by esbuild with its plugin)",
};

const poolTask = new URL("./pool-task.mjs", import.meta.url).href;

export async function createContender(name) {
  switch (name) {
    case "minimal":
      return minimalPool();
    case "piscina": {
      const { Piscina } = await import("piscina");
      const pool = new Piscina({ filename: poolTask, minThreads: WORKERS, maxThreads: WORKERS });
      return libraryPool(name, pool);
    }
    case "tinypool": {
      const { Tinypool } = await import("tinypool");
      const pool = new Tinypool({ filename: poolTask, minThreads: WORKERS, maxThreads: WORKERS });
      return libraryPool(name, pool);
    }
    case "ours": {
      const ours = await import("./ours.mjs");
      return { name, label: LABELS.ours, increment: ours.increment, factorial: ours.factorialTask, close: ours.close };
    }
    case "compiled": {
      // Built by build-compiled.mjs (run.mjs runs it first): its own copy of the package, its own pool.
      const compiled = await import("./.compiled/ours.mjs");
      return { name, label: LABELS.compiled, increment: compiled.increment, factorial: compiled.factorialTask, close: compiled.close };
    }
    default:
      throw new Error(`unknown contender ${name}`);
  }
}

/** piscina and tinypool share an API here: run(arg, { name }) and destroy(). */
function libraryPool(name, pool) {
  const factorialOptions = { name: "factorial" };
  return {
    name,
    label: `${name} ${packageVersion(name) ?? ""}`.trim(),
    increment: (i) => pool.run(i),
    factorial: (n) => pool.run(n, factorialOptions),
    close: () => pool.destroy(),
  };
}

/** The floor: WORKERS bare workers, round robin, one resolver per task in a Map. */
async function minimalPool() {
  const { Worker } = await import("node:worker_threads");
  const url = new URL("./raw-worker.mjs", import.meta.url);
  const workers = Array.from({ length: WORKERS }, () => new Worker(url));
  const pending = new Map();
  for (const worker of workers) {
    worker.on("message", ({ id, result }) => {
      const resolve = pending.get(id);
      pending.delete(id);
      resolve(result);
    });
    // A broken floor invalidates every ratio: stop rather than report numbers.
    worker.on("error", (error) => {
      console.error("bench/spawn: a minimal pool worker failed:", error);
      process.exit(1);
    });
  }
  let nextId = 0;
  let next = 0;
  const run = (task, arg) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      workers[next].postMessage({ id, task, arg });
      next = (next + 1) % WORKERS;
    });
  return {
    name: "minimal",
    label: LABELS.minimal,
    increment: (i) => run(INCREMENT, i),
    factorial: (n) => run(FACTORIAL, n),
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** The installed version of a package, for the labels (undefined when it cannot be read). */
export function packageVersion(name) {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(fs.readFileSync(file, "utf8")).version;
  } catch {
    return undefined;
  }
}
