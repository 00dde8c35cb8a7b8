// The work of bench/spawn, defined once: the minimal pool's worker (raw-worker.mjs) and the
// piscina/tinypool task file (pool-task.mjs) import it, and ours captures `factorial` as an
// import (spawn imports it again in the worker, resolved from the caller's file).

/** Every contender has this many workers. */
export const WORKERS = 2;

/** The trivial task: the cost measured is the round trip, not the work. */
export function increment(i) {
  return i + 1;
}

/**
 * The CPU-bound task: n! as a BigInt (about 150 µs for n = 1000 on this project's machines, and
 * an 8,530-bit result to send back), the task poolifier's public benchmark uses.
 */
export function factorial(n) {
  let product = 1n;
  for (let k = 2n, last = BigInt(n); k <= last; k++) product *= k;
  return product;
}

/** Task numbers in the minimal pool's messages ({ id, task, arg }). */
export const INCREMENT = 0;
export const FACTORIAL = 1;
