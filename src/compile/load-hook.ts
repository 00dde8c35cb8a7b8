// The load step of the register hooks (register.ts): a module the runtime loads from a file is
// compiled before it runs, when it may hold sites. Shared by Node's in-thread hooks
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
const FORMATS = new Set(["module", "commonjs", "module-typescript", "commonjs-typescript"]);
const decoder = new TextDecoder();

/** The loaded module, compiled when it is a user's file that may hold sites. */
export function compileLoaded(url: string, result: LoadResult): LoadResult {
  if (!url.startsWith("file:") || url.includes("?") || url.startsWith(OWN_FILES) || url.includes("/node_modules/")) {
    return result;
  }
  if (!FORMATS.has(result.format ?? "")) return result;
  const file = fileURLToPath(url);
  // Node's default load gives no source for CommonJS in some versions: read it then.
  const source =
    result.source == null
      ? readFileSync(file, "utf8")
      : typeof result.source === "string"
        ? result.source
        : decoder.decode(result.source as Uint8Array);
  if (!mayHoldSites(source)) return result;
  const format = result.format!.startsWith("commonjs") ? "commonjs" : "module";
  const compiled = compileFile(source, file, { target: "hook", format });
  if (compiled.sites === 0) return result;
  return { ...result, source: compiled.code };
}

/** A compiler failure names the file: the module cannot load. */
export function loadError(url: string, error: unknown): Error {
  return new SpawnError(`experimental-threads/register: cannot compile ${url}: ${(error as Error).message ?? error}`, { cause: error });
}
