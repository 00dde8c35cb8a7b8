// One measurement in a fresh process of whichever runtime runs it; prints one JSON line.
//   <runtime> measure.mjs cold WASM_PATH FILE LINE COLUMN
//       the first use of the compiler in this process: import of the loader, read + compile of
//       the .wasm, instantiation, first explain of FILE at LINE:COLUMN (a TypeScript file),
//       wall-clock per phase and the process's CPU time over all of them
//   <runtime> measure.mjs throughput WASM_PATH FILE DIALECT
//       explain of the whole FILE at a position that does not exist (so the whole file is
//       analysed and no closure is found): 2 warm-up runs, then the median of 7
import { readFileSync } from "node:fs";
import process from "node:process";

const [mode, wasmPath, file, ...rest] = process.argv.slice(2);
const source = readFileSync(file, "utf8");

if (mode === "cold") {
  const [line, column] = rest.map(Number);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const compiler = await import("../../src/compiler/wasm.js");
  const t1 = performance.now();
  compiler.loadCompiler(wasmPath);
  const t2 = performance.now();
  compiler.dialectForPath(file); // instantiates
  const t3 = performance.now();
  const result = compiler.explain(source, "typescript", line, column);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  compiler.explain(source, "typescript", line, column);
  const t5 = performance.now();
  if (!result.ok) throw new Error(`explain failed: ${JSON.stringify(result.diagnostics)}`);
  console.log(JSON.stringify({
    importMs: t1 - t0, compileMs: t2 - t1, instantiateMs: t3 - t2, firstExplainMs: t4 - t3,
    totalMs: t4 - t1, secondExplainMs: t5 - t4,
    // CPU time of the whole process (all threads, background compilation included) from before
    // the import to the end of the first explain: less sensitive to a busy machine than wall time
    cpuMs: (cpu.user + cpu.system) / 1000,
  }));
} else if (mode === "throughput") {
  const [dialect] = rest;
  const compiler = await import("../../src/compiler/wasm.js");
  compiler.loadCompiler(wasmPath);
  const rounds = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    compiler.explain(source, dialect, 0, 0);
    rounds.push(performance.now() - t0);
  }
  const timed = rounds.slice(2).sort((a, b) => a - b);
  const bytes = new TextEncoder().encode(source).length;
  const medianMs = timed[timed.length >> 1];
  console.log(JSON.stringify({ bytes, medianMs, mbPerS: bytes / 1e6 / (medianMs / 1e3) }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
