// The load step of the register hooks (register.ts): an ES module the runtime loads from a file
// is compiled before it runs, when it may hold sites (CommonJS is compiled in
// Module.prototype._compile instead: register.ts says why). Shared by Node's in-thread hooks
// (module.registerHooks) and its hooks thread (module.register, register-hooks.ts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SpawnError } from "../errors.js";
import { compileFile, mayHoldSites } from "./compile-file.js";

export interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}

// This package's own files (dist/) name it too, and never hold a site.
const OWN_FILES = new URL("../", import.meta.url).href;
const FORMATS = new Set(["module", "module-typescript"]);
const decoder = new TextDecoder();

/** The loaded module, compiled when it is a user's file that may hold sites. */
export function compileLoaded(url: string, result: LoadResult): LoadResult {
  // Node 22 runs any CommonJS TypeScript module a load hook gave back through its ES module
  // loader, whose require() of an ES module then fails ("from a module not been linked"). With
  // no source, Node loads it with its CommonJS loader as it does without hooks (the file is then
  // compiled in Module.prototype._compile).
  if (result.format === "commonjs-typescript") return { ...result, format: "commonjs", source: null };
  if (!url.startsWith("file:") || url.includes("?") || url.startsWith(OWN_FILES) || url.includes("/node_modules/")) {
    return result;
  }
  if (!FORMATS.has(result.format ?? "")) return result;
  const file = fileURLToPath(url);
  const source =
    result.source == null
      ? readFileSync(file, "utf8")
      : typeof result.source === "string"
        ? result.source
        : decoder.decode(result.source as Uint8Array);
  if (!mayHoldSites(source)) return result;
  const compiled = compileFile(source, file, { target: "hook", format: "module" });
  if (compiled.sites === 0) return result;
  return { ...result, source: compiled.code };
}

/** A compiler failure names the file: the module cannot load. */
export function loadError(url: string, error: unknown): Error {
  return new SpawnError(`experimental-threads/register: cannot compile ${url}: ${(error as Error).message ?? error}`, { cause: error });
}
