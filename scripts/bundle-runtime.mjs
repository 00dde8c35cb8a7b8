// Bundles the runtime that tsc wrote to dist/ (one module per source file) into dist/bundled/,
// which is what the package's exports load: one small file per entry point and four chunks,
// shared.js (what a worker loads as it starts: the transport, the worker's loader, Global),
// primitives.js (Mutex to Channel, which a worker loads when a task may capture one),
// main.js (what only the main thread runs: the pool, spawn, the capture compiler's glue) and
// compile.js (the transform's front doors). Loading ~30 modules one by one cost ~40 ms of a process's first
// spawn on Node (resolving, reading and compiling each, in both threads; issue 13).
//
// One instance of everything: the entries are bundled in this one build and every module that is
// not an entry goes into exactly one chunk, so the pool, the dispatcher of nested spawns, the
// registry of handle kinds and the primitives' classes exist once per thread however the program
// reaches them (its `import "experimental-threads"`, a closure's in a worker, a rewritten file's
// import of ./compiled.js). dist/bundled/ sits at the same depth as dist/pool/ and dist/compiler/,
// so the package-relative URLs in the code (../../build-wasm/…, ./worker.js) mean the same in both
// layouts. dist/'s per-file modules stay for the types and for unit tests of internal modules,
// which import them on their own (never mixed with the package's entry points in one program).
//   node scripts/bundle-runtime.mjs
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { rollup } from "rollup";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const out = `${dist}bundled/`;

/** Output name (in dist/bundled/) → the per-file module it bundles. */
const entries = {
  index: "index.js",
  compiled: "compiled.js",
  "compiled-worker": "compiled-worker.js",
  worker: "pool/worker.js", // the pool starts its workers from ./worker.js (pool/pool.ts)
  probe: "pool/probe.js", // a worker imports ./probe.js to check its loader hook (pool/loader.ts)
  register: "compile/register.js",
  "register-hooks": "compile/register-hooks.js", // registered by ./register-hooks.js (register.ts)
  esbuild: "compile/esbuild.js",
  vite: "compile/vite.js",
};
const entryFiles = new Set(Object.values(entries).map((file) => dist + file));

// A static import of a Node built-in links its ES module facade, which reads every export of the
// built-in (node:fs's getters load its promises API). Imported, the five built-ins the runtime
// uses cost ~5 ms on Node 20 and ~8 on Node 26; taken with `process.getBuiltinModule` (Node >=
// 20.16, Deno, Bun) ~3.5 ms, nearly all of it node:worker_threads' own loading. So the chunks take
// built-ins by call; older Node 20 requires them (the one static import left is node:module's,
// for createRequire).
const BUILTIN_IMPORT = /^import\s*(?:(\*\s*as\s+[\w$]+)|\{([^}]*)\}|([\w$]+))?\s*(?:from\s*)?"(node:[\w/]+)";[ \t]*\n?/gm;
function builtinsByCall(code) {
  let used = false;
  const rewritten = code.replace(BUILTIN_IMPORT, (statement, namespace, named, defaultName, name) => {
    const from = `__xt_builtin(${JSON.stringify(name)})`;
    used ||= Boolean(namespace || defaultName || named);
    if (namespace) return `const ${namespace.replace(/^\*\s*as\s+/, "")} = ${from};\n`;
    if (defaultName) return `const ${defaultName} = ${from};\n`;
    if (named !== undefined) return `const { ${named.trim().replace(/\s+as\s+/g, ": ")} } = ${from};\n`;
    return ""; // an import for order only: a built-in has no effect to order
  });
  const left = rewritten.match(/^import[^;]*"node:[^"]*";/m);
  if (left) throw new Error(`bundle-runtime: cannot rewrite ${JSON.stringify(left[0])}`);
  if (!used) return rewritten;
  return (
    'import { createRequire as createRequireForBuiltins } from "node:module";\n' +
    "const __xt_builtin = globalThis.process?.getBuiltinModule?.bind(globalThis.process) ?? createRequireForBuiltins(import.meta.url);\n" +
    rewritten
  );
}

/** The modules loading `root` loads, once per root. */
const loaded = new Map();
function loadedBy(root, getModuleInfo) {
  if (!loaded.has(root)) loaded.set(root, reachable(root, getModuleInfo));
  return loaded.get(root);
}

/** The modules `from` imports statically, directly or not. */
function reachable(from, getModuleInfo, seen = new Set()) {
  if (seen.has(from)) return seen;
  seen.add(from);
  for (const id of getModuleInfo(from)?.importedIds ?? []) reachable(id, getModuleInfo, seen);
  return seen;
}

const bundle = await rollup({
  input: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, dist + file])),
  external: (id) => id.startsWith("node:") || id === "vite" || id === "esbuild", // the plugins' bundler is the user's
  preserveEntrySignatures: "strict",
  onwarn(warning) {
    throw new Error(`bundle-runtime: ${warning.message}`);
  },
  plugins: [
    {
      // Each chunk is reprinted by esbuild without comments (a third of the bytes, which every
      // thread scans when it loads the chunk: ~2 ms of a worker's start; dist/'s per-file modules
      // keep them for readers), names and semantics unchanged, and takes built-ins by call.
      name: "reprint",
      renderChunk: async (code) => ({
        code: builtinsByCall((await transform(code, { format: "esm", target: "es2022", legalComments: "none" })).code),
        map: null,
      }),
    },
    {
      // compiled-worker.js runs the worker by importing it: kept as an import of ./worker.js, so
      // the worker's code stays in that file, whose name its stack rewriting drops (loader.ts).
      name: "worker-stays-an-entry",
      resolveId: (source, importer) =>
        importer === `${dist}compiled-worker.js` && source === "./pool/worker.js" ? { id: "./worker.js", external: "relative" } : null,
    },
  ],
});
rmSync(out, { recursive: true, force: true });
await bundle.write({
  dir: out,
  format: "es",
  chunkFileNames: "[name].js",
  // Four chunks, not one per combination of entries that shares a module: every file is another
  // resolve, read and compile on the first spawn's path. A worker starts with worker.js and
  // shared.js.
  manualChunks(id, { getModuleInfo }) {
    if (entryFiles.has(id)) return undefined;
    if (id.startsWith(`${dist}compile/`)) return "compile";
    if (loadedBy(`${dist}pool/worker.js`, getModuleInfo).has(id)) return "shared";
    return loadedBy(`${dist}sync/kinds.js`, getModuleInfo).has(id) ? "primitives" : "main";
  },
});
await bundle.close();

// Rollup renames a top-level binding that two modules declare alike ("Mutex$1"); a class's name
// shows in errors and inspected values, so the build refuses a renamed class.
for (const file of readdirSync(out)) {
  const renamed = readFileSync(out + file, "utf8").match(/\bclass [\w$]+\$\d+\b/);
  if (renamed) throw new Error(`bundle-runtime: ${file}: "${renamed[0]}": two modules declare a class of this name; rename one`);
}
