                                                                                              
                                                      
                                              
                                     
                                                 
                                                         

                                                 
                                                                     
       const label = (u      )         => `${u.name}@${new URL(__xt_meta().url).pathname}`;

function slowHash(password        , salt        )         {
  return scryptSync(password, salt, 64, { N: ROUNDS }).toString("hex") + constants.O_RDONLY;
}

                                                              

                                                                                
                               
                                                        __xt_fn=(async () => `${label(user)}:${slowHash(user.password, salt)}:${config.v}`          );   
 

;import config from "./config.json" with { type: "json" };
import { constants as constants } from "node:fs";
import { scryptSync as scryptSync } from "node:crypto";
function __xt_meta() { return __xt_meta.__xt ??= { url: "", resolve: (s) => new URL(s, __xt_meta().url).href }; }
var __xt_fn, ROUNDS, salt, user;
export function __xt_run(__xt_values) { ({ ROUNDS, salt, user } = __xt_values); return __xt_fn(); }
export const __xt_globals = [];
