             
const { join: joinPath } = require("node:path"), os = require("node:os");
const            twice = (n) => n * 2;
                         

function describe(n) {
  return joinPath(os.tmpdir(), String(twice(n))) + ":" + limit;
}

                                             
                            __xt_fn=(() => describe(n) + started);  
  

;import { createRequire as __xt_createRequire } from "node:module";
function __xt_url() { return ""; }
function require(id) { return (require.__xt ??= __xt_createRequire(__xt_url()))(id); }
var __xt_fn, limit, n, started;
export function __xt_run() { ({ limit, n, started } = arguments[0]); return __xt_fn(arguments[1]); }
export const __xt_globals = [];
