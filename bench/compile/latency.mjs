// Sequential round trips of one site in eval mode or compile mode: run it as `node bench/compile/latency.mjs`
// and `node --import experimental-threads/register bench/compile/latency.mjs`; median of 5 rounds of 2,000, µs per spawn.
import { spawn, shutdown } from "experimental-threads";
const x = 1;
const t0 = performance.now();
await eval(spawn(() => x + 1));
const first = performance.now() - t0;
const rounds = [];
for (let r = 0; r < 5; r++) {
  const start = performance.now();
  for (let i = 0; i < 2000; i++) await eval(spawn(() => x + 1));
  rounds.push(((performance.now() - start) / 2000) * 1000);
}
rounds.sort((a, b) => a - b);
console.log(JSON.stringify({ mode: String(() => eval(spawn(() => x))).includes("eval(") ? "eval" : "compile", firstMs: +first.toFixed(1), medianUs: +rounds[2].toFixed(1) }));
await shutdown();
