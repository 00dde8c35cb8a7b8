                                                                                              
                                                      
                                              
                                     
                                                 
                                                         

                                                 
                                                                     
       const label = (u      )         => `${u.name}@${new URL(__xt_meta().url).pathname}`;

function slowHash(password        , salt        )         {
  return scryptSync(password, salt, 64, { N: ROUNDS }).toString("hex") + constants.O_RDONLY;
}

                                                              

                                                                                
                               
                                                        __xt_fn=(async () => `${label(user)}:${slowHash(user.password, salt)}:${config.v}`          );   
 

;import config from "./config.json" with { type: "json" };
import { constants as constants } from "node:fs";
import { scryptSync as scryptSync } from "node:crypto";
import { fileURLToPath as __xt_fileURLToPath } from "node:url";
import { dirname as __xt_dirname } from "node:path";
function __xt_url() { return ""; }
function __xt_meta() { return __xt_meta.__xt ??= { url: __xt_url(), filename: __xt_fileURLToPath(__xt_url()), dirname: __xt_dirname(__xt_fileURLToPath(__xt_url())), resolve: __xt_resolve }; }
function __xt_resolve(s) { return globalThis.Deno ? import.meta.resolve(s) : import.meta.resolve(s, __xt_url()); }
var __xt_fn, ROUNDS, salt, user;
export function __xt_run() { ({ ROUNDS, salt, user } = arguments[0]); return __xt_fn(arguments[1]); }
export const __xt_globals = [];
