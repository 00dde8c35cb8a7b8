import { spawn, Global } from "experimental-threads";

const shared = new Global(new SharedArrayBuffer(8));

function work() {
  const view = new Int32Array(shared.value);
  Atomics.add(view, 0, 1);
  return nested();
}

async function nested() {
  return await eval(spawn(() => Atomics.load(new Int32Array(shared.value), 0)));
}

await eval(spawn(work));
