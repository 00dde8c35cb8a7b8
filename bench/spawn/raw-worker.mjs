// The baseline's worker in `node bench/spawn/run.mjs`: a bare node:worker_threads echo.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, i }) => {
  parentPort.postMessage({ id, result: i + 1 });
});
