                                                                                                
                                             

async function loadPlugin(name) {
  const plugin = await __xt_i(`./plugins/${name}.js`);
  return plugin.default;
}

                               __xt_fn=(async () => {
  const { default: lodash } = await __xt_i("lodash");
  return [await loadPlugin(name), lodash, __xt_meta().resolve("./x.js")];
}); 

;import { fileURLToPath as __xt_fileURLToPath } from "node:url";
import { dirname as __xt_dirname } from "node:path";
function __xt_url() { return ""; }
function __xt_meta() { return __xt_meta.__xt ??= { url: __xt_url(), filename: __xt_fileURLToPath(__xt_url()), dirname: __xt_dirname(__xt_fileURLToPath(__xt_url())), resolve: __xt_resolve }; }
async function __xt_i(s, o) { return import(__xt_resolve(s), o); }
function __xt_resolve(s) { return globalThis.Deno ? import.meta.resolve(s) : import.meta.resolve(s, __xt_url()); }
var __xt_fn, name;
export function __xt_run() { ({ name } = arguments[0]); return __xt_fn(arguments[1]); }
export const __xt_globals = [];
