// experimental-threads/register: compile mode at load time, for a program run from its sources.
//   node --import experimental-threads/register app.mjs      (Node 20.6+)
//   bun --preload experimental-threads/register app.ts
// Each module of the program that names the package is compiled as it loads (compile-file.ts):
// its spawns then read no stack and no source and run no eval when they run. Nothing is written
// to disk. Only the main thread compiles; a spawned closure's own spawns were compiled with it.
//
// Where each kind of module is compiled:
// - ES modules (and TypeScript ones) in Node's load hook (load-hook.ts): module.registerHooks
//   in this thread where Node has it (22.15+), module.register's hooks thread before;
// - CommonJS modules in Module.prototype._compile, where Node compiles every CommonJS file it
//   requires, again after a file is removed from require.cache. The load hooks are no place for
//   them: Node 20's hooks thread turns a CommonJS source it is given into a module whose
//   require() is broken, and Node 22 fails to link a .cts given back by registerHooks;
// - on Bun, in a Bun.plugin onLoad, which only ES modules may pass through (below).
import * as nodeModule from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { compileFile, mayHoldSites } from "./compile-file.js";
import { compileLoaded, loadError } from "./load-hook.js";
import type { LoadResult } from "./load-hook.js";
import { SpawnError } from "../errors.js";

interface BunPluginBuild {
  onLoad(
    options: { filter: RegExp },
    load: (args: { path: string }) => { contents: string; loader: string } | undefined,
  ): void;
}
interface BunGlobal {
  plugin(plugin: { name: string; setup(build: BunPluginBuild): void }): void;
}

// This package's own files name it too, and never hold a site.
const OWN_DIRECTORY = fileURLToPath(new URL("../", import.meta.url));
const isUserFile = (path: string) => !path.startsWith(OWN_DIRECTORY) && !path.includes("/node_modules/");

// A file whose text has no import or export statement and uses require or module.exports.
const looksCommonJs = (source: string) =>
  !/^\s*(?:import|export)\b/m.test(source) && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(source);

const bun = (globalThis as { Bun?: BunGlobal }).Bun;
const registerHooks = (nodeModule as { registerHooks?: (hooks: object) => void }).registerHooks;

if (isMainThread) {
  if (bun !== undefined) {
    // Bun evaluates a CommonJS file given back by a plugin's onLoad as an ES module: its exports
    // are lost (oven-sh/bun#19279, open), whatever the plugin did to it. So the filter leaves
    // node_modules and .cjs and .cts files to Bun (their spawns run in eval mode, which Bun
    // allows); a .js or .ts file of the program written as CommonJS fails to load with an error
    // that says so, instead of loading with no exports.
    bun.plugin({
      name: "experimental-threads",
      setup(build) {
        build.onLoad({ filter: /^(?!.*\/node_modules\/).*\.m?[jt]sx?$/ }, ({ path }) => {
          const loader = /\.m?tsx?$/.test(path) ? (path.endsWith("x") ? "tsx" : "ts") : path.endsWith("x") ? "jsx" : "js";
          const source = readFileSync(path, "utf8");
          if (!isUserFile(path)) return { contents: source, loader };
          if (looksCommonJs(source)) {
            throw new SpawnError(
              `experimental-threads/register: cannot load ${path}: it is a CommonJS module, and Bun loses the exports ` +
                `of a CommonJS module that a plugin hands back (oven-sh/bun#19279). Name it .cjs (or .cts): Bun then ` +
                `loads it itself and runs its spawns in eval mode; or write it as an ES module.`,
            );
          }
          if (!mayHoldSites(source)) return { contents: source, loader };
          try {
            return { contents: compileFile(source, path, { target: "hook", format: "module" }).code, loader };
          } catch (error) {
            throw loadError(path, error);
          }
        });
      },
    });
  } else {
    compileCommonJs();
    if (registerHooks !== undefined) {
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
}

interface CommonJsModule {
  _compile(content: string, filename: string, format?: string): unknown;
}

/** Every CommonJS file Node compiles from here on is compiled first when it may hold sites. */
function compileCommonJs() {
  const prototype = (nodeModule.Module as unknown as { prototype: CommonJsModule }).prototype;
  const compile = prototype._compile;
  prototype._compile = function (this: CommonJsModule, content: string, filename: string, format?: string) {
    if (typeof content === "string" && isUserFile(filename) && mayHoldSites(content)) {
      try {
        // A .cts, or a .ts of a CommonJS package, arrives as TypeScript: its path says so.
        content = compileFile(content, filename, { target: "hook", format: "commonjs" }).code;
      } catch (error) {
        throw loadError(pathToFileURL(filename).href, error);
      }
    }
    return compile.call(this, content, filename, format);
  };
}
