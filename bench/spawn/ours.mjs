// The experimental-threads contender, as user code writes it: a static import and a closure
// per call site. contenders.mjs imports this module dynamically, so that a fresh process's
// first-task time includes loading the library.
import { configure, shutdown, spawn } from "experimental-threads";
import { WORKERS, factorial } from "./tasks.mjs";

configure({ workers: WORKERS });

/** `i + 1` in a worker: the closure captures the parameter `i`; the direct eval reads it. */
export const increment = (i) => eval(spawn(() => i + 1));

/** `n!` in a worker: the closure captures `n` and the imported `factorial`. */
export const factorialTask = (n) => eval(spawn(() => factorial(n)));

export const close = () => shutdown();
