                                                                                              
                                                      
                                              
                                     
                                                 
                                                         

                                                 
                                                                     
       const label = (u      )         => `${u.name}@${new URL(__xt_meta().url).pathname}`;

function slowHash(password        , salt        )         {
  return scryptSync(password, salt, 64, { N: ROUNDS }).toString("hex") + constants.O_RDONLY;
}

                                                              

                                                                                
                               
                                                        __xt_fn=(async () => `${label(user)}:${slowHash(user.password, salt)}:${config.v}`          );   
 

;import config from "./config.json" with { type: "json" };
import { constants as constants } from "node:fs";
import { scryptSync as scryptSync } from "node:crypto";
import { createRequire as __xt_createRequire } from "node:module";
import { fileURLToPath as __xt_fileURLToPath, pathToFileURL as __xt_pathToFileURL } from "node:url";
import { dirname as __xt_dirname } from "node:path";
function __xt_url() { return ""; }
function __xt_meta() { return __xt_meta.__xt ??= { url: __xt_url(), filename: __xt_fileURLToPath(__xt_url()), dirname: __xt_dirname(__xt_fileURLToPath(__xt_url())), resolve: (s) => /^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(s) ? new globalThis.URL(s, __xt_url()).href : __xt_pathToFileURL(__xt_createRequire(__xt_url()).resolve(s)).href }; }
var __xt_fn, ROUNDS, salt, user;
export function __xt_run(__xt_values) { ({ ROUNDS, salt, user } = __xt_values); return __xt_fn(); }
export const __xt_globals = [];
