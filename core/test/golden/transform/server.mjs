// Several sites in one ES module: values, an imported helper, options, a generator, a nested
// spawn, and code that is not a site (a local function named spawn, a spawn in a string).
import { spawn, Mutex } from "experimental-threads";
import { digest } from "./helpers.mjs";

const rounds = 3;
const counter = new Mutex(new Int32Array(new SharedArrayBuffer(4)));

export async function hash(password) {
  return await eval(spawn(() => digest(password, rounds)));
}

export function withTimeout(list, signal) {
  return eval(spawn(({ signal: inner }) => list.map((x) => x * rounds + (inner.aborted ? 1 : 0)), { signal, timeout: 1000 }));
}

export async function* chunks(text) {
  yield* eval(spawn(function* () {
    for (let k = 0; k < text.length; k += 4) yield text.slice(k, k + 4);
  }));
}

export async function outer(words) {
  return eval(spawn(async () => {
    const upper = await eval(spawn(() => words.map((w) => w.toUpperCase())));
    using guard = await counter.lock();
    Atomics.add(guard.value, 0, upper.length);
    return upper;
  }));
}

function local() {
  const spawn = (f) => f;
  return spawn(() => "not a site") + "eval(spawn(() => 1))";
}
export { local };
