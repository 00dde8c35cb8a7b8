// The demo: hash passwords on every core with spawn. Each closure captures its inputs (the
// user and a salt) from the surrounding code, calls a helper function that is re-created in
// the worker, and bumps a shared counter behind a Mutex. The same work runs inline first, for
// the speedup and to check that the results are identical.
import { scryptSync, randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { spawn, Mutex, shutdown } from "experimental-threads";

const COST = 2 ** 15; // scrypt's N: about 50-100 ms per hash on one core
const users = Array.from({ length: 12 }, (_, i) => ({ name: `user${i}`, password: `correct horse ${i}` }));
const salts = users.map(() => randomBytes(16));

// One Int32 counter in shared memory, guarded by a Mutex: every worker sees the same memory.
const hashed = new Mutex(new SharedArrayBuffer(4));

function slowHash(password, salt) {
  return scryptSync(password, salt, 64, { N: COST, maxmem: 256 * COST * 8 }).toString("hex");
}

function inline() {
  return users.map((user, i) => `${user.name}:${slowHash(user.password, salts[i])}`);
}

async function parallel() {
  return Promise.all(
    users.map((user, i) => {
      const salt = salts[i];
      return eval(spawn(async () => {
        const line = `${user.name}:${slowHash(user.password, salt)}`;
        const guard = await hashed.lock();
        try {
          new Int32Array(guard.value)[0]++;
        } finally {
          guard.unlock();
        }
        return line;
      }));
    }),
  );
}

const ms = (start) => performance.now() - start;

// A first spawn starts a worker and loads the compiler; the pool then keeps its workers.
let start = performance.now();
await eval(spawn(() => slowHash("warm-up", Buffer.alloc(16))));
const firstSpawn = ms(start);

start = performance.now();
const expected = inline();
const inlineTime = ms(start);

start = performance.now();
const results = await parallel();
const parallelTime = ms(start);

const guard = await hashed.lock();
const counted = new Int32Array(guard.value)[0];
guard.unlock();

console.log(`${users.length} scrypt hashes (N = ${COST}) on ${availableParallelism()} cores`);
console.log(`  inline (main thread)      ${inlineTime.toFixed(0).padStart(6)} ms`);
console.log(`  spawn (worker pool)       ${parallelTime.toFixed(0).padStart(6)} ms   ${(inlineTime / parallelTime).toFixed(2)}x faster`);
console.log(`  first spawn (warm-up)     ${firstSpawn.toFixed(0).padStart(6)} ms   (starts a worker, compiles the closure)`);
console.log(`  results identical         ${JSON.stringify(results) === JSON.stringify(expected) ? "yes" : "NO"}`);
console.log(`  counter behind the Mutex  ${counted} (one increment per task)`);
console.log(`  e.g. ${results[0].slice(0, 48)}...`);
await shutdown();
