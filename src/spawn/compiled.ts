// Compile mode at run time. A front door (the load hook, the esbuild and Vite plugins) rewrote
// each `eval(spawn(closure, options?))` as `__xt_spawn(__xt_sN, [values], options?)`, where
// `__xt_sN` returns the site as the compiler made it ahead of run time: here there is no stack to
// read, no source, no compiler and no eval, only the submission eval mode also ends in.
import { SpawnError } from "../errors.js";
import { checkOptions } from "../options.js";
import { dispatcher } from "../task.js";
import { jsxRefusal } from "./site-module.js";
import { SPAWN_OPTIONS, submitSite } from "./submit.js";
import type { RunnableSite, SpawnOptions } from "./submit.js";
import type { TaskStream } from "./stream.js";

/** What a front door's `__xt_sN()` returns. */
export interface CompiledSite extends RunnableSite {
  /** The user's file, for the JSX refusal's message. */
  file: string;
  /** The first JSX element the module keeps: it loads only where the runtime transforms JSX. */
  jsx?: { line: number; column: number };
  /** Bundled: the URL of the worker script that holds this site's module. */
  worker?: string;
}

const prepared = new WeakMap<() => CompiledSite, CompiledSite>();
let warmed = false;

/** The rewritten `eval(spawn(...))`: the site, the captured values, spawn's options. */
export function run(describe: () => CompiledSite, values: unknown[], options?: SpawnOptions): Promise<unknown> | TaskStream {
  let site = prepared.get(describe);
  if (site === undefined) {
    site = describe();
    const refusal = site.jsx && jsxRefusal(site.label, site.file, site.jsx);
    if (refusal) throw new SpawnError(refusal);
    prepared.set(describe, site);
  }
  checkOptions("spawn(fn, options)", options, SPAWN_OPTIONS);
  if (!warmed) {
    warmed = true;
    const current = dispatcher();
    if (site.worker !== undefined) current.useWorkerScript?.(site.worker);
    current.warm?.();
  }
  return submitSite(site, values, options);
}
