                                                                                                
                                                                              
                                             

       async function sum(list) {
  if (list.length <= 2) return list.reduce((a, b) => a + b, 0);
  const half = list.length >> 1;
  const left = list.slice(0, half);
  const right = list.slice(half);
  const [a, b] = await Promise.all([
    eval(spawn(() => sum(left))),
    eval(spawn(() => sum(right))),
  ]);
  return a + b;
}

;import { spawn as spawn } from "experimental-threads";
function __xt_url() { return ""; }
var __xt_fn, right;
__xt_fn = (
               () => sum(right));
export function __xt_run() { ({ right } = arguments[0]); return __xt_fn(arguments[1]); }
export const __xt_globals = [];
