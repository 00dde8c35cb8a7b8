// Loading a site's generated module in a worker so that its imports resolve exactly as from the
// user's file (see docs/architecture.md, "Loading worker modules"):
// - "hooks" (Node >= 22.15, Deno): the text is served by a `module.registerHooks` load hook under
//   the user's own URL plus a mark (runtime/generated-url.ts);
// - "bun-plugin" (Bun): the same through `Bun.plugin`;
// - "data-url" (older Node): every import specifier is resolved with
//   `import.meta.resolve(specifier, userURL)` (the worker runs with
//   --experimental-import-meta-resolve) and the module is imported as a base64 data: URL.
// Each (module, instance) is imported once; an instance is a separate module record, so two
// tasks of one site can run at once in one worker without sharing captured values.
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";
import { loaderKind, runtime } from "../runtime/detect.js";
import { registerGeneratedUrl } from "../runtime/callsite.js";
import {
  BUN_GENERATED_PATH,
  BUN_NAMESPACE,
  GENERATED_FRAME,
  GENERATED_MARK,
  generatedBunPath,
  generatedUrl,
  moduleKey,
} from "../runtime/generated-url.js";
import type { SiteModule, TaskContext } from "../task.js";

export interface SiteExports {
  __xt_run(values: Record<string, unknown>, context: TaskContext): unknown;
}

const sources = new Map<string, string>();
let ready: Promise<void> | undefined;

/** A bundled site module: `__xt_instance()` makes one instance of it (see compile/site-code.ts). */
interface BundledSiteModule {
  __xt_instance(): Promise<SiteExports>;
}

let bundledSites: Record<string, () => Promise<BundledSiteModule>> | undefined;

/**
 * Compile mode, bundled: the worker bundle's table of site modules, by hash. The bundler bundled
 * them (their imports included), so nothing is loaded from the user's files.
 */
export function serveBundledSites(table: Record<string, () => Promise<BundledSiteModule>>): void {
  bundledSites = table;
}

export async function importSite(module: SiteModule, instance: number): Promise<SiteExports> {
  if (module.bundled) {
    const load = bundledSites?.[module.hash];
    if (load === undefined) {
      throw new Error(
        `experimental-threads: this worker's bundle has no site ${module.hash}: the main program and the worker bundle ` +
          "(xthreads-worker.mjs) come from different builds; deploy them together",
      );
    }
    return (await load()).__xt_instance();
  }
  await (ready ??= install());
  const key = moduleKey(module.hash, instance);
  // On Deno the resolve hook answers for a sibling file that does not exist (generated-url.ts).
  const url = generatedUrl(module.url, key);
  registerGeneratedUrl(url, module.url);
  if (module.copy) copiedLines.set(module.hash, module.copy);
  const text = `${module.text}\n//# sourceURL=${url}\n`;
  switch (loaderKind) {
    case "hooks":
      sources.set(url, text);
      return (await import(url)) as SiteExports;
    case "bun-plugin": {
      const path = generatedBunPath(fileURLToPath(module.url), key);
      sources.set(path, text);
      if (module.jsx) jsxPaths.add(path);
      bunPaths.set(key, path);
      return (await import(`${BUN_NAMESPACE}:${key}`)) as SiteExports;
    }
    case "data-url": {
      const resolved = withResolvedImports(module, text);
      const dataUrl = `data:text/javascript;base64,${Buffer.from(resolved).toString("base64")}`;
      registerGeneratedUrl(dataUrl, module.url);
      return (await import(dataUrl)) as SiteExports;
    }
  }
}

const bunPaths = new Map<string, string>();
/** Bun paths of modules that keep JSX: loaded with Bun's JSX transform. */
const jsxPaths = new Set<string>();

async function install(): Promise<void> {
  if (loaderKind === "hooks") {
    type Next = (specifier: string, context: unknown) => { format?: string | null };
    (nodeModule as unknown as { registerHooks(hooks: object): void }).registerHooks({
      resolve(specifier: string, context: unknown, next: Next) {
        if (sources.has(specifier)) return { url: specifier, format: "module", shortCircuit: true };
        return next(specifier, context);
      },
      load(url: string, context: unknown, next: Next) {
        const source = sources.get(url);
        if (source !== undefined) return { format: "module", source, shortCircuit: true };
        // Deno: with any load hook registered, require() of a native addon or a JSON file comes
        // back from `next` without a format and is compiled as JavaScript. Load an addon the way
        // Node's own `.node` handler does.
        if (runtime === "deno" && /\.node$/.test(url)) {
          return { format: "commonjs", source: "process.dlopen(module, __filename);", shortCircuit: true };
        }
        const loaded = next(url, context);
        if (loaded && loaded.format == null && /\.json$/.test(url)) return { ...loaded, format: "json" };
        return loaded;
      },
    });
  } else if (loaderKind === "bun-plugin") {
    const bun = (globalThis as unknown as { Bun: { plugin(plugin: object): void } }).Bun;
    bun.plugin({
      name: "experimental-threads",
      setup(build: {
        onResolve(options: object, callback: (args: { path: string }) => object): void;
        onLoad(options: object, callback: (args: { path: string }) => object): void;
      }) {
        build.onResolve({ filter: /.*/, namespace: BUN_NAMESPACE }, (args) => ({ path: bunPaths.get(args.path) }));
        build.onLoad({ filter: BUN_GENERATED_PATH }, (args) => ({
          contents: sources.get(args.path),
          loader: jsxPaths.has(args.path) ? "jsx" : "js",
        }));
      },
    });
  } else {
    return; // data: URLs need no hook
  }
  await probe();
}

async function probe(): Promise<void> {
  const url = new URL("./probe.js", import.meta.url).href;
  let hooked = false;
  try {
    if (loaderKind === "hooks") {
      const probeUrl = generatedUrl(url, "probe");
      sources.set(probeUrl, "export const hooked = true;");
      hooked = ((await import(probeUrl)) as { hooked: boolean }).hooked;
    } else {
      const path = generatedBunPath(fileURLToPath(url), "probe");
      sources.set(path, "export const hooked = true;");
      bunPaths.set("probe", path);
      const specifier = `${BUN_NAMESPACE}:probe`;
      hooked = ((await import(specifier)) as { hooked: boolean }).hooked;
    }
  } catch (error) {
    throw new Error(`experimental-threads: the worker's module loader hook failed its self-test`, { cause: error });
  }
  if (!hooked) {
    throw new Error(
      "experimental-threads: the worker's module loader hook is not live, so a worker cannot load " +
        "a closure's module without running the user's real file; this runtime version is not supported",
    );
  }
}

function withResolvedImports(module: SiteModule, text: string): string {
  const resolve = (import.meta as unknown as { resolve(specifier: string, parent: string): string }).resolve;
  let out = "";
  let at = 0;
  for (const slot of module.imports) {
    out += text.slice(at, slot.begin);
    let target: string;
    try {
      target = resolve(slot.specifier, module.url);
    } catch (error) {
      throw new Error(`experimental-threads: cannot resolve "${slot.specifier}" from ${module.url}: ${(error as Error).message}`, { cause: error });
    }
    out += JSON.stringify(target).padEnd(slot.end - slot.begin);
    at = slot.end;
  }
  return out + text.slice(at);
}

/** Modules whose closure runs from a copy in their epilogue: hash → where the copy is. */
const copiedLines = new Map<string, NonNullable<SiteModule["copy"]>>();

/** Stack traces name the user's file and lines, not the generated module's. */
export function rewriteStack(stack: string): string {
  return stack
    .split("\n")
    .filter((line) => !line.includes(INTERNAL_FRAMES) && !/\b__xt_run\b/.test(line))
    .join("\n")
    .replace(GENERATED_FRAME, (frame: string, hash: string, line: string) => {
      const copy = copiedLines.get(hash);
      const at = Number(line);
      return copy && at >= copy.line ? frame.replace(`:${line}`, `:${at - copy.line + copy.originalLine}`) : frame;
    })
    .replace(GENERATED_MARK, "");
}

const INTERNAL_FRAMES = new URL("./worker.js", import.meta.url).pathname;
