                                                     

const shared = new Global(new SharedArrayBuffer(8));

function work() {
  const view = new Int32Array(shared.value);
  Atomics.add(view, 0, 1);
  return nested();
}

async function nested() {
  return await eval(spawn(() => Atomics.load(new Int32Array(shared.value), 0)));
}

                        

;import { Global as Global } from "experimental-threads";
import { spawn as spawn } from "experimental-threads";
function __xt_url() { return ""; }
var __xt_unused;
export function __xt_run() { return work(arguments[1]); }
export const __xt_globals = [[3, 16]];
