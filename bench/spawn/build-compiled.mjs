// Builds the compile-mode contender: ours.mjs bundled by esbuild with experimental-threads/esbuild,
// as a user ships it, into bench/spawn/.compiled/ (git-ignored): ours.mjs (the program and the
// package's runtime) and xthreads-worker.mjs with its chunks (the worker, the sites' modules) beside it. The
// bundle has no eval, reads no stack or source and loads no WebAssembly. run.mjs runs this with
// node before measuring, on every runtime (the bundle then runs on Node, Deno and Bun).
//   node bench/spawn/build-compiled.mjs
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import xthreads from "experimental-threads/esbuild";

const outdir = fileURLToPath(new URL("./.compiled/", import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [fileURLToPath(new URL("./ours.mjs", import.meta.url))],
  bundle: true,
  platform: "node",
  format: "esm",
  outdir,
  outExtension: { ".js": ".mjs" },
  logLevel: "warning",
  plugins: [xthreads()],
});
