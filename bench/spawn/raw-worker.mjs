// The minimal pool's worker (and the raw first-round-trip reference): a bare node:worker_threads
// echo that runs the task named in the message.
import { parentPort } from "node:worker_threads";
import { FACTORIAL, factorial, increment } from "./tasks.mjs";

parentPort.on("message", ({ id, task, arg }) => {
  parentPort.postMessage({ id, result: task === FACTORIAL ? factorial(arg) : increment(arg) });
});
