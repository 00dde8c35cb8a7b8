// The worker bundle of a bundled program (shared by the esbuild and Vite plugins): one ES module,
// `xthreads-worker.mjs` beside the main bundle, holding the package's worker and every site's
// module (each behind a dynamic import, so a site's imports run only in a worker that runs it).
import { dirname } from "node:path";
import { COMPILED_WORKER_PATH } from "./compile-file.js";
import type { BundledModule } from "./compile-file.js";

export const WORKER_NAME = "xthreads-worker";
export const WORKER_FILE = `${WORKER_NAME}.mjs`;
/**
 * How the worker bundle's chunks (sites' modules, the primitives) are named, beside it: in the
 * same folder as the main bundle, so that `import.meta.url` in a closure's kept code names that
 * folder in a worker as it does in the main program.
 */
export const WORKER_CHUNKS = `${WORKER_NAME}-[name]-[hash]`;
export const ENTRY_ID = "experimental-threads:worker-entry";
export const SITE_PREFIX = "experimental-threads:site:";

/** The worker URL as the main bundle computes it: beside the file the code ends up in. */
export function workerUrlExpression(format: "esm" | "cjs"): string {
  return format === "esm"
    ? `new URL(${JSON.stringify(`./${WORKER_FILE}`)}, import.meta.url).href`
    : `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(WORKER_FILE)})).href`;
}

/** The worker bundle's entry: the package's worker, handed the table of the build's sites. */
export function entryCode(sites: Map<string, BundledModule>): string {
  const table = [...sites.keys()].map((hash) => `  ${JSON.stringify(hash)}: () => import(${JSON.stringify(SITE_PREFIX + hash)}),`);
  return `import { serveBundledSites } from ${JSON.stringify(COMPILED_WORKER_PATH)};\nserveBundledSites({\n${table.join("\n")}\n});\n`;
}

/** A site module: its code, and the directory its imports resolve from (the user's file's). */
export function siteModule(
  sites: Map<string, BundledModule>,
  id: string,
): { code: string; file: string; dir: string; jsx: boolean } | undefined {
  const site = sites.get(id.slice(SITE_PREFIX.length));
  return site && { code: site.code, file: site.file, dir: dirname(site.file), jsx: site.jsx };
}

// CommonJS dependencies bundled into an ES module call `require` for Node's built-ins.
export const REQUIRE_BANNER =
  'import { createRequire as __xt_createRequire } from "node:module"; const require = __xt_createRequire(import.meta.url);';
