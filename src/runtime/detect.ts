// Which runtime this is, and how it loads a generated worker module (see docs/architecture.md,
// "Loading worker modules"). Decided once per thread.
import * as nodeModule from "node:module";

export type RuntimeName = "node" | "deno" | "bun";

const g = globalThis as Record<string, unknown>;

export const runtime: RuntimeName =
  typeof g.Bun === "object" ? "bun" : typeof g.Deno === "object" ? "deno" : "node";

/**
 * How a worker loads a site's module:
 * - "hooks": `module.registerHooks` serves the text under the user's own URL plus a query
 *   (Node >= 22.15, Deno 2.9), so every import resolves exactly as from the user's file;
 * - "bun-plugin": a `Bun.plugin` does the same on Bun;
 * - "data-url": older Node: each import specifier is resolved in the worker with
 *   `import.meta.resolve(specifier, userURL)` (needs --experimental-import-meta-resolve) and the
 *   rewritten module is imported as a base64 data: URL.
 */
export type LoaderKind = "hooks" | "bun-plugin" | "data-url";

export const loaderKind: LoaderKind =
  runtime === "bun"
    ? "bun-plugin"
    : typeof (nodeModule as { registerHooks?: unknown }).registerHooks === "function"
      ? "hooks"
      : "data-url";
