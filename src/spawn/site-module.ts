// A site's worker module as the worker loads it (SiteModule), made from the compiler's output:
// shared by eval mode (sites.ts) and compile mode's front doors, which make it ahead of run time.
import { relative } from "node:path";
import type { ModuleSlot } from "../compiler/wasm.js";
import type { SiteModule } from "../task.js";
import { runtime } from "../runtime/detect.js";

// The original URL goes in now; import specifiers stay as written (they resolve from the user's
// URL where the loader serves the module there) and are listed for loaders that must rewrite them.
export function fillSlots(text: string, slots: ModuleSlot[], url: string) {
  let out = "";
  let at = 0;
  const imports: SiteModule["imports"] = [];
  for (const slot of [...slots].sort((a, b) => a.begin - b.begin)) {
    out += text.slice(at, slot.begin);
    if (slot.kind === "original-url") {
      out += JSON.stringify(url);
    } else {
      imports.push({ begin: out.length, end: out.length + (slot.end - slot.begin), specifier: slot.specifier! });
      out += text.slice(slot.begin, slot.end);
    }
    at = slot.end;
  }
  out += text.slice(at);
  return { text: out, imports };
}

/** A path relative to the working directory when it is inside it: what users recognise. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !rel.startsWith("/") ? rel : file;
}

/**
 * Why a module that keeps JSX cannot load here (only Bun's loader transforms JSX), or undefined
 * where it can.
 */
export function jsxRefusal(where: string, file: string, jsx: { line: number; column: number }): string | undefined {
  if (runtime === "bun") return undefined;
  return (
    `experimental-threads: spawn at ${where} cannot run this closure in a worker:\n  ` +
    `${displayPath(file)}:${jsx.line}:${jsx.column}: the closure, or code it needs, ` +
    `contains JSX, which ${runtime === "deno" ? "Deno" : "Node.js"} cannot load in a worker ` +
    `(only Bun transforms JSX there). Build the elements on the calling thread from what the ` +
    `closure returns, or keep the JSX in functions the closure does not call.`
  );
}
