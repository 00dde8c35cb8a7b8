                   var Geometry; (function (Geometry) { 
         const unit = 1;; Geometry.unit = unit;
         function double(n        ) { return n * 2 * hidden; }; Geometry.double = double;
  const hidden = 3;
})(Geometry || (Geometry = {})); 
const  fs = require("node:fs");
const  unit = Geometry.unit;

                            
                                                                                                            
                                                                                                                

                      __xt_fn=(() => fs.existsSync(BUILD) ? Geometry.double(unit) : 0);

;import { createRequire as __xt_createRequire } from "node:module";
function __xt_url() { return ""; }
function require(id) { return (require.__xt ??= __xt_createRequire(__xt_url()))(id); }
var __xt_fn;
export function __xt_run() { return __xt_fn(arguments[1]); }
export const __xt_globals = [];
