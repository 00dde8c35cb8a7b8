// The one place that spells where a generated worker module lives. A site's module is served
// under the user's own file URL (so its imports resolve exactly as from that file) plus a mark:
//   Node, Bun        file:///app/main.ts?xt=<key>
//   Deno             file:///app/main.ts.xt-<key>.mjs  (Deno drops the query of .cjs and .cts
//                    URLs before its load hook sees them; a sibling name keeps the directory and
//                    the package scope, so the same resolution)
// `<key>` is the module's content hash, `-<instance>` added for a second instance.
import { runtime } from "./detect.js";

/** The key of one instance of a module: instance 0 is the hash itself. */
export function moduleKey(hash: string, instance: number): string {
  return instance === 0 ? hash : `${hash}-${instance}`;
}

/** The URL a generated module is imported under (load hooks: Node, Deno). */
export function generatedUrl(userUrl: string, key: string): string {
  return runtime === "deno" ? `${userUrl}.xt-${key}.mjs` : `${userUrl}?xt=${key}`;
}

/** The path Bun's plugin loads a generated module from. */
export function generatedBunPath(userPath: string, key: string): string {
  return `${userPath}?xt=${key}`;
}

/** Bun's plugin matches the paths above with this filter. */
export const BUN_GENERATED_PATH = /\?xt=[0-9a-z-]+$/;

/** Bun imports a generated module through its own namespace: `xt-gen:<key>`. */
export const BUN_NAMESPACE = "xt-gen";

/** A frame's file name without the mark of a generated module: the user's file again. */
export function withoutMark(fileName: string): string {
  return fileName.replace(/\?xt=.*$|\.xt-[0-9a-f]+(?:-\d+)?\.mjs$/, "");
}

/** A position in a generated module, in a stack: its hash (instance aside) and line. */
export const GENERATED_FRAME = /(?:\?xt=|\.xt-)([0-9a-f]+)(?:-\d+)?(?:\.mjs)?:(\d+)/g;

/** The mark a generated module's URL adds to the user's, wherever it occurs in a text. */
export const GENERATED_MARK = /\?xt=[0-9a-f]+(?:-\d+)?|\.xt-[0-9a-f]+(?:-\d+)?\.mjs/g;
