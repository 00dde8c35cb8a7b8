// experimental-threads/esbuild: compile mode for esbuild.
//   import xthreads from "experimental-threads/esbuild";
//   await esbuild.build({ entryPoints: ["app.ts"], bundle: true, platform: "node", outdir: "out",
//                         plugins: [xthreads()] });
// Each file that names the package is compiled as it loads (compile-file.ts); a spawn that cannot
// be compiled is a build error at its file:line:column. When the build ends, the sites' modules
// and the package's worker are bundled into out/xthreads-worker.mjs, which the program's pool
// starts its workers from. The output needs neither the sources nor node_modules.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { compileFile, mayHoldSites } from "./compile-file.js";
import { identityMap, inlineMapComment } from "./source-map.js";
import type { BundledModule, CompileDiagnostic } from "./compile-file.js";
import { ENTRY_ID, REQUIRE_BANNER, SITE_PREFIX, WORKER_CHUNKS, WORKER_NAME, entryCode, siteModule, workerUrlExpression } from "./worker-bundle.js";

// The few shapes of esbuild's plugin API used here (esbuild is the user's, not a dependency).
interface Message {
  text: string;
  location?: { file: string; line: number; column: number };
}
interface BuildOptions {
  [option: string]: unknown;
  outdir?: string;
  outfile?: string;
  format?: string;
  platform?: string;
  bundle?: boolean;
  write?: boolean;
  absWorkingDir?: string;
}
interface PluginBuild {
  initialOptions: BuildOptions;
  esbuild: { build(options: BuildOptions): Promise<{ errors: Message[]; warnings: Message[] }> };
  onStart(callback: () => void): void;
  onResolve(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => object | undefined): void;
  onLoad(
    options: { filter: RegExp; namespace?: string },
    callback: (args: { path: string; namespace: string }) => Promise<object | undefined> | object | undefined,
  ): void;
  onEnd(callback: (result: { errors: Message[]; warnings: Message[] }) => Promise<void> | void): void;
}
export interface Plugin {
  name: string;
  setup(build: PluginBuild): void;
}

const SOURCE = /\.[cm]?[jt]sx?$/;

/** The loader esbuild uses for a file of this name. */
function loaderFor(path: string): string {
  const ts = /\.[cm]?tsx?$/.test(path);
  return path.endsWith("x") ? (ts ? "tsx" : "jsx") : ts ? "ts" : "js";
}

function toMessage(d: CompileDiagnostic): Message {
  // esbuild's columns count from 0; the compiler's (like stack traces') from 1.
  return { text: `experimental-threads: ${d.message}`, location: { file: d.file, line: d.line, column: d.column - 1 } };
}

// Options of the main build the worker bundle shares: where packages resolve from and how.
const SHARED_OPTIONS = [
  "absWorkingDir", "alias", "conditions", "define", "external", "loader", "mainFields", "minify", "nodePaths",
  "packages", "platform", "preserveSymlinks", "resolveExtensions", "sourcemap", "target", "tsconfig", "tsconfigRaw",
  "jsx", "jsxFactory", "jsxFragment", "jsxImportSource", "write", "logLevel",
];

export default function xthreads(): Plugin {
  return {
    name: "experimental-threads",
    setup(build) {
      const options = build.initialOptions;
      const format = options.format === "esm" || (options.format === undefined && options.platform === "neutral") ? "esm" : "cjs";
      const sites = new Map<string, BundledModule>();
      // With source maps on, each compiled file and site module carries its map onto the user's
      // file (source-map.ts), which esbuild folds into the bundles' maps: they show the user's
      // own text and lines. The user's files by path, for the site modules' maps.
      const mapped = options.sourcemap !== undefined && options.sourcemap !== false;
      const sources = new Map<string, string>();
      build.onStart(() => {
        sites.clear();
        sources.clear();
      });

      build.onLoad({ filter: SOURCE, namespace: "file" }, async ({ path }) => {
        if (path.includes("/node_modules/")) return undefined;
        const source = await readFile(path, "utf8");
        if (!mayHoldSites(source)) return undefined;
        const compiled = compileFile(source, path, {
          target: "bundle",
          format: /\.c[jt]s$/.test(path) ? "commonjs" : "module",
          workerUrl: workerUrlExpression(format),
          onModule: (module) => sites.set(module.hash, module),
        });
        if (compiled.diagnostics.length > 0) return { errors: compiled.diagnostics.map(toMessage) };
        if (!mapped) return { contents: compiled.code, loader: loaderFor(path), resolveDir: dirname(path) };
        sources.set(path, source);
        return { contents: compiled.code + inlineMapComment(identityMap(source, compiled.code, path)), loader: loaderFor(path), resolveDir: dirname(path) };
      });

      build.onEnd(async (result) => {
        if (result.errors.length > 0 || sites.size === 0) return;
        const outdir = options.outdir ?? (options.outfile ? dirname(options.outfile) : undefined);
        if (outdir === undefined) {
          result.errors.push({ text: "experimental-threads: set outdir or outfile: the worker bundle is written beside the main bundle" });
          return;
        }
        const shared: BuildOptions = {};
        for (const option of SHARED_OPTIONS) if (options[option] !== undefined) shared[option] = options[option];
        // Split: each site's module, and the primitives a worker loads only for a task that may
        // capture one, are chunks beside it that a worker loads when it needs them; at start it
        // loads only its own code (as Vite's build does, vite.ts).
        const worker = await build.esbuild.build({
          ...shared,
          entryPoints: { [WORKER_NAME]: ENTRY_ID },
          bundle: true,
          format: "esm",
          splitting: true,
          platform: options.platform ?? "node",
          outdir,
          outExtension: { ".js": ".mjs" },
          chunkNames: WORKER_CHUNKS,
          banner: { js: REQUIRE_BANNER },
          logLevel: "silent",
          plugins: [workerModules(sites, mapped ? sources : undefined)],
        });
        result.errors.push(...worker.errors);
        result.warnings.push(...worker.warnings);
      });
    },
  };
}

/** Serves the worker bundle's entry and the sites' modules from memory (mapped onto `sources`). */
function workerModules(sites: Map<string, BundledModule>, sources: Map<string, string> | undefined): Plugin {
  return {
    name: "experimental-threads:worker",
    setup(build) {
      build.onResolve({ filter: /^experimental-threads:(worker-entry|site:)/ }, ({ path }) => ({ path, namespace: "experimental-threads" }));
      build.onLoad({ filter: /.*/, namespace: "experimental-threads" }, ({ path }) => {
        if (path === ENTRY_ID) return { contents: entryCode(sites), loader: "js", resolveDir: process.cwd() };
        const site = siteModule(sites, path);
        if (site === undefined) return { errors: [{ text: `experimental-threads: no site module ${path.slice(SITE_PREFIX.length)}` }] };
        const original = sources?.get(site.file);
        const contents = original === undefined ? site.code : site.code + inlineMapComment(identityMap(original, site.code, site.file));
        return { contents, loader: site.jsx ? "jsx" : "js", resolveDir: site.dir };
      });
    },
  };
}
