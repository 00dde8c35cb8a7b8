// Call sites compiled into tasks: the capture compiler (WebAssembly) runs once per site and per
// version of the file; the result is cached for the life of the thread.
import { readFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";
import { explain, dialectForPath } from "../compiler/wasm.js";
import type { CallSite } from "../runtime/callsite.js";
import { SpawnError } from "../errors.js";
import type { SiteModule } from "../task.js";
import { runtime } from "../runtime/detect.js";
import { isSameClosure, reprintedByBun, textBetween } from "./running-code.js";
import { displayPath, fillSlots, jsxRefusal } from "./site-module.js";
import { hashOf } from "./module-hash.js";

export { displayPath };

export interface Site {
  /** Small integer naming the site in eval snippets; unique in this thread. */
  id: number;
  callsite: CallSite;
  /** The names whose values the snippet reads, in the order of the values array. */
  values: string[];
  /** What `spawn` returns: only identifiers and the site id. */
  snippet: string;
  module: SiteModule;
  /** The closure's text as the engine sees it (`fn.toString()`): a changed text means a changed file. */
  functionText: string;
  /** `file:line:column` of the spawn call, as error messages show it. */
  label: string;
  /** The closure is a generator (sync or async): its task streams what it yields. */
  streamed: boolean;
}

const sites = new Map<string, Site>();
const files = new Map<string, string>();
let nextId = 1;

/** The compiled site for the spawn call at `callsite` that received `fn`. */
export function siteFor(callsite: CallSite, fn: Function): Site {
  const key = `${callsite.url}:${callsite.line}:${callsite.column}`;
  const functionText = Function.prototype.toString.call(fn);
  const cached = sites.get(key);
  if (cached !== undefined && cached.functionText === functionText) return cached;
  // First call, or the code running at this position changed (a reloaded CommonJS module, a
  // re-imported module): read the file again.
  const site = compile(callsite, functionText, cached !== undefined, isGeneratorFunction(fn));
  sites.set(key, site);
  return site;
}

const GeneratorFunction = Object.getPrototypeOf(function* () {});
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {});
function isGeneratorFunction(fn: Function): boolean {
  const prototype = Object.getPrototypeOf(fn);
  return prototype === GeneratorFunction || prototype === AsyncGeneratorFunction;
}

function compile(running: CallSite, functionText: string, reread: boolean, streamed: boolean): Site {
  const callsite = throughSourceMap(running);
  const where = `${displayPath(callsite.file)}:${callsite.line}:${callsite.column}`;
  if (!callsite.url.startsWith("file:")) {
    throw new SpawnError(
      `experimental-threads: spawn at ${where}: the caller is not a file on disk, so its closure cannot be analysed. ` +
        `Call spawn from a module file (not eval'd code, a REPL or a bundle without its sources).`,
    );
  }
  const dialect = dialectForPath(callsite.file);
  if (dialect === null) {
    throw new SpawnError(
      `experimental-threads: spawn at ${where}: ${callsite.file} is not a JavaScript or TypeScript source file ` +
        `(.js .mjs .cjs .jsx .ts .mts .cts .tsx).`,
    );
  }
  const source = readSource(callsite.file, where, reread);
  const explanation = explain(source, dialect, callsite.line, callsite.column);
  if (underVitest() && (!explanation.ok || !explanation.module)) {
    // Vitest runs the code Vite transformed, and its positions are not the file's.
    throw new SpawnError(
      `experimental-threads: spawn at ${where}: Vitest runs code that Vite transformed, so the stack's positions ` +
        `are not the file's and the closure cannot be found there. Add the compile-mode plugin to vitest.config: ` +
        `import xthreads from "experimental-threads/vite"; export default { plugins: [xthreads()] }`,
    );
  }
  if (!explanation.ok || !explanation.module) {
    const messages = explanation.diagnostics.map(
      (d) => `${displayPath(callsite.file)}:${d.line}:${d.column}: ${d.message}`,
    );
    throw new SpawnError(
      `experimental-threads: spawn at ${where} cannot run this closure in a worker:\n  ${messages.join("\n  ")}`,
    );
  }
  const jsx = explanation.module.jsx;
  const refusal = jsx && jsxRefusal(where, callsite.file, jsx);
  if (refusal) throw new SpawnError(refusal);
  const closure = explanation.closure!;
  const end = { line: closure.endLine, column: closure.endColumn };
  const original = textBetween(source, closure, end);
  const same = isSameClosure({
    running: functionText,
    original,
    reprinted: runtime === "bun" ? reprintedByBun(original, dialect) : undefined,
    erased: textBetween(explanation.module.text, closure, end),
    file: source,
    transformed: callsite !== running || runtime === "bun" || (runtime === "deno" && dialect !== "javascript"),
  });
  if (!same) {
    throw new SpawnError(
      `experimental-threads: spawn at ${where}: the code running here is not the closure that ` +
        `${displayPath(callsite.file)} has at this position: the file changed since it was loaded, or the ` +
        `running code was not loaded from it (eval, new Function). Only the code that is running may run: ` +
        `restart the program to run the file as it is now.`,
    );
  }
  const { text, imports } = fillSlots(explanation.module.text, explanation.module.slots, callsite.url);
  const values = explanation.module.values;
  return {
    id: nextId++,
    callsite,
    values,
    snippet: `__xthreads.run(${nextId - 1},[${values.join(",")}])`,
    module: {
      hash: hashOf(callsite.url, text),
      url: callsite.url,
      text,
      imports,
      names: values,
      ...(explanation.module.copy && { copy: explanation.module.copy }),
      ...(jsx && { jsx: true }),
    },
    functionText,
    label: where,
    streamed,
  };
}

// Code that was transformed before it ran (tsx, Node's --experimental-transform-types, a
// bundle with source maps) reports positions in the transformed text; the compiler reads the
// file on disk, so map the position back when the runtime knows a source map for the file.
// Deno and Bun already report original positions (and Deno's findSourceMap finds the map of
// its own transpiled output, which would move them again).
function throughSourceMap(callsite: CallSite): CallSite {
  if (runtime !== "node") return callsite;
  const find = (nodeModule as { findSourceMap?: (path: string) => SourceMapLike | undefined }).findSourceMap;
  if (typeof find !== "function") return callsite;
  let entry: ReturnType<SourceMapLike["findEntry"]> | undefined;
  try {
    entry = find(callsite.file)?.findEntry(callsite.line - 1, callsite.column - 1);
  } catch {
    return callsite;
  }
  if (!entry || typeof entry.originalLine !== "number" || typeof entry.originalColumn !== "number") return callsite;
  const source = entry.originalSource ?? callsite.url;
  const url = source.startsWith("file:") ? source : callsite.url;
  return { url, file: fileURLToPath(url), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

interface SourceMapLike {
  findEntry(line: number, column: number): { originalSource?: string; originalLine?: number; originalColumn?: number };
}

function underVitest(): boolean {
  // (Deno would ask for permission to read the environment: Vitest does not run there.)
  return "__vitest_worker__" in globalThis || (runtime !== "deno" && process.env.VITEST !== undefined);
}

function readSource(file: string, where: string, reread: boolean): string {
  const known = files.get(file);
  if (known !== undefined && !reread) return known;
  try {
    const text = readFileSync(file, "utf8");
    files.set(file, text);
    return text;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "the file does not exist any more (a bundle or generated code without its sources?)"
        : "Deno" in globalThis && (error as Error).name === "NotCapable"
          ? "Deno needs --allow-read for it"
          : (error as Error).message;
    throw new SpawnError(
      `experimental-threads: spawn at ${where}: cannot read ${file} to find the closure: ${why}`,
      { cause: error },
    );
  }
}

