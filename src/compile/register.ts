// experimental-threads/register: compile mode at load time, for a program run from its sources.
//   node --import experimental-threads/register app.mjs      (Node 20.6+)
//   bun --preload experimental-threads/register app.ts
// Each module of the program that names the package is compiled as it loads (compile-file.ts):
// its spawns then read no stack and no source and run no eval when they run. Nothing is written
// to disk. Only the main thread compiles; a spawned closure's own spawns were compiled with it.
import * as nodeModule from "node:module";
import { readFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { compileFile, mayHoldSites } from "./compile-file.js";
import { compileLoaded, loadError } from "./load-hook.js";
import type { LoadResult } from "./load-hook.js";

interface BunPluginBuild {
  onLoad(
    options: { filter: RegExp },
    load: (args: { path: string }) => { contents: string; loader: string } | undefined,
  ): void;
}
interface BunGlobal {
  plugin(plugin: { name: string; setup(build: BunPluginBuild): void }): void;
}

const bun = (globalThis as { Bun?: BunGlobal }).Bun;
const registerHooks = (nodeModule as { registerHooks?: (hooks: object) => void }).registerHooks;

if (isMainThread) {
  if (bun !== undefined) {
    bun.plugin({
      name: "experimental-threads",
      setup(build) {
        build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, ({ path }) => {
          const loader = /\.[cm]?tsx?$/.test(path) ? (path.endsWith("x") ? "tsx" : "ts") : path.endsWith("x") ? "jsx" : "js";
          const source = readFileSync(path, "utf8");
          if (path.includes("/node_modules/") || !mayHoldSites(source)) return { contents: source, loader };
          const format = /\.c[jt]s$/.test(path) ? "commonjs" : "module";
          try {
            return { contents: compileFile(source, path, { target: "hook", format }).code, loader };
          } catch (error) {
            throw loadError(path, error);
          }
        });
      },
    });
  } else if (registerHooks !== undefined) {
    registerHooks({
      load(url: string, context: object, nextLoad: (url: string, context: object) => LoadResult) {
        const result = nextLoad(url, context);
        try {
          return compileLoaded(url, result);
        } catch (error) {
          throw loadError(url, error);
        }
      },
    });
  } else {
    nodeModule.register(new URL("./register-hooks.js", import.meta.url));
  }
}
