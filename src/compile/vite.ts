// experimental-threads/vite: compile mode for Vite (and Rollup, and Vitest).
//   import xthreads from "experimental-threads/vite";
//   export default { plugins: [xthreads()] };
// - `vite build` (an SSR build, or Rollup): each file that names the package is compiled
//   (compile-file.ts, target "bundle"); a spawn that cannot be compiled fails the build at its
//   file:line:column. When the bundle is written, the sites' modules and the package's worker are
//   bundled (by a second Vite build) into xthreads-worker.mjs in the output directory, with their
//   own chunks xthreads-worker-*.mjs beside it; the program's pool starts its workers from there.
// - Vitest and `vite dev` (files on disk): compiled as by the load hook (target "hook"), so a test
//   file that spawns runs its sites from the compiler's output, not from positions in code Vite
//   transformed.
import { dirname, resolve } from "node:path";
import { compileFile, mayHoldSites } from "./compile-file.js";
import { identityMap } from "./source-map.js";
import type { SourceMap } from "./source-map.js";
import type { BundledModule } from "./compile-file.js";
import { ENTRY_ID, SITE_PREFIX, WORKER_CHUNKS, WORKER_FILE, entryCode, workerUrlExpression } from "./worker-bundle.js";

// The few shapes of the Vite/Rollup plugin API used here (Vite is the user's, not a dependency).
interface PluginContext {
  error(error: { message: string; id?: string; loc?: { file?: string; line: number; column: number } }): never;
}
interface ResolvedConfig {
  command: "build" | "serve";
  root: string;
  build: { outDir: string; sourcemap?: boolean | "inline" | "hidden" };
  resolve?: { conditions?: string[] };
}
export interface Plugin {
  name: string;
  enforce?: "pre" | "post";
  configResolved?(config: ResolvedConfig): void;
  buildStart?(): void;
  resolveId?(id: string): string | undefined;
  load?(id: string): { code: string; map?: SourceMap } | undefined;
  transform?(this: PluginContext, code: string, id: string): { code: string; map: SourceMap } | undefined;
  writeBundle?(options: { dir?: string; file?: string; format?: string }): Promise<void>;
}

const SOURCE = /\.[cm]?[jt]sx?$/;

export default function xthreads(): Plugin {
  let command: "build" | "serve" = "build";
  let root = process.cwd();
  let sourcemap: boolean | "inline" | "hidden" = false;
  const sites = new Map<string, BundledModule>();
  // The text of each compiled file, for the maps of its sites' modules in the worker bundle.
  const sources = new Map<string, string>();
  return {
    name: "experimental-threads",
    // Before Vite's own transforms: the compiler reads the file as it is written.
    enforce: "pre",
    configResolved(config) {
      command = config.command;
      root = config.root;
      sourcemap = config.build.sourcemap ?? false;
    },
    buildStart() {
      sites.clear();
      sources.clear();
    },
    transform(code, id) {
      const file = id.split("?")[0];
      if (!SOURCE.test(file) || file.includes("/node_modules/") || id.startsWith("\0") || !mayHoldSites(code)) return undefined;
      const format = /\.c[jt]s$/.test(file) ? "commonjs" : "module";
      if (command === "serve") {
        // Sites that cannot be compiled stay as written: eval mode reports them when they run.
        const compiled = compileFile(code, file, { target: "hook", format });
        return compiled.sites === 0 ? undefined : { code: compiled.code, map: identityMap(code, compiled.code, file) };
      }
      const compiled = compileFile(code, file, {
        target: "bundle",
        format,
        workerUrl: workerUrlExpression("esm"),
        onModule: (module) => sites.set(module.hash, module),
      });
      const [first] = compiled.diagnostics;
      if (first !== undefined) {
        this.error({
          message:
            `experimental-threads: ${first.message}` +
            compiled.diagnostics
              .slice(1)
              .map((d) => `\n  ${d.file}:${d.line}:${d.column}: ${d.message}`)
              .join(""),
          id: file,
          loc: { file, line: first.line, column: first.column - 1 },
        });
      }
      sources.set(file, code);
      return { code: compiled.code, map: identityMap(code, compiled.code, file) };
    },
    async writeBundle(options) {
      if (command !== "build" || sites.size === 0) return;
      const outDir = options.dir ?? (options.file ? dirname(options.file) : resolve(root, "dist"));
      await buildWorker(sites, sources, outDir, root, sourcemap);
    },
  };
}

// The worker bundle, made by a Vite build of its own: a server-side build that bundles every
// dependency (nothing is left to node_modules), each site's module in a chunk of its own.
async function buildWorker(
  sites: Map<string, BundledModule>,
  sources: Map<string, string>,
  outDir: string,
  root: string,
  sourcemap: boolean | "inline" | "hidden",
): Promise<void> {
  const vite = (await import("vite")) as { build(config: object): Promise<unknown> };
  // A site module's id is its user's file with a query naming the site: Rolldown writes no source
  // map for a chunk of virtual (\0) modules only, and the chunk is named after the user's file.
  const SITE_QUERY = "?xthreads-site=";
  const siteOf = (id: string) => {
    const at = id.indexOf(SITE_QUERY);
    return at < 0 ? undefined : sites.get(id.slice(at + SITE_QUERY.length));
  };
  const modules: Plugin = {
    name: "experimental-threads:worker",
    // Vite hands the entry over as a path under the root.
    resolveId(id) {
      if (id.endsWith(ENTRY_ID)) return `\0${ENTRY_ID}`;
      if (!id.startsWith(SITE_PREFIX)) return undefined;
      const hash = id.slice(SITE_PREFIX.length);
      const site = sites.get(hash);
      return site && `${site.file}${SITE_QUERY}${hash}`;
    },
    load(id) {
      if (id === `\0${ENTRY_ID}`) return { code: entryCode(sites) };
      const site = siteOf(id);
      if (site === undefined) return undefined;
      const original = sources.get(site.file);
      return { code: site.code, ...(original !== undefined && { map: identityMap(original, site.code, site.file) }) };
    },
  };
  // A site module's imports resolve from the user's file.
  const importers: Plugin & { resolveId?(id: string, importer?: string): unknown } = {
    name: "experimental-threads:worker-imports",
    enforce: "pre",
  };
  Object.assign(importers, {
    async resolveId(this: { resolve(id: string, importer: string, options: object): Promise<unknown> }, id: string, importer?: string) {
      const site = importer === undefined ? undefined : siteOf(importer);
      return site && this.resolve(id, site.file, { skipSelf: true });
    },
  });
  await vite.build({
    configFile: false,
    root,
    logLevel: "warn",
    plugins: [importers, modules],
    ssr: { noExternal: true, target: "node" },
    build: {
      ssr: ENTRY_ID,
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      sourcemap, // as the main build's
      rollupOptions: {
        output: {
          format: "es",
          entryFileNames: WORKER_FILE,
          chunkFileNames: `${WORKER_CHUNKS}.mjs`,
        },
      },
    },
  });
}
