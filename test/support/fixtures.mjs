// Runs every fixture of a folder as its own process on every runtime of tools/runtimes (Node
// 20, this process's node, and Node 22, 24 and 26, Deno, Bun), and reports each `ok` / `not ok`
// line a fixture prints (see runtime/fixtures/check.mjs) as a test named after its behaviour.
// A fixture must also exit by itself (an idle worker never keeps a process alive): one that does
// not exit within its time limit fails. XTHREADS_RUNTIMES=node20,deno limits the runtimes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runtimes } from "../../tools/runtimes/paths.mjs";

const only = process.env.XTHREADS_RUNTIMES?.split(",");

// TypeScript fixtures run on Node 20 through the tsx loader (tsx-*), on Node 22+ with type
// stripping, or with --experimental-transform-types where they use enums or namespaces
// (stripping rejects them); both tsx and the transform report positions in transformed code,
// which spawn maps back through the runtime's source maps.
function commandFor(dir, runtime, file, mode) {
  const command = evalModeCommand(dir, runtime, file);
  if (command === null || mode === "eval") return command;
  // Compile mode through the load hook: Node (with code generation from strings disallowed, so
  // that any eval left would fail) and Bun; Deno has no load hook.
  const [path, args] = command;
  if (runtime === "deno") return null;
  // Bun's hook compiles ES modules only (src/compile/register.ts says why): Bun runs a .cjs or
  // .cts fixture's spawns in eval mode, which the eval-mode run already covers.
  if (runtime === "bun" && /\.c[jt]s$/.test(file)) return null;
  if (runtime === "bun") return [path, ["--preload", "experimental-threads/register", ...args]];
  return [path, ["--disallow-code-generation-from-strings", "--import", "experimental-threads/register", ...args]];
}

function evalModeCommand(dir, runtime, file) {
  const path = runtimes[runtime];
  // A fixture written with `using` needs a runtime whose language has it (not Node 20 or 22).
  if (runtime.startsWith("node") && usesUsing(dir, file) && !accepts(runtime, ["-e", "{ using x = null; }"])) return null;
  if (runtime === "deno") return [path, ["run", "-A", file]];
  if (runtime === "bun") return [path, [file]];
  if (/\.[jt]sx$/.test(file)) return null; // Node runs no JSX
  if (/\.[mc]?tsx?$/.test(file)) {
    // Node runs the tsx-* fixtures through tsx; Node 20 runs no other. (Known gap: a closure that imports a .ts
    // module fails there, since the worker loads its module from a data: URL, which tsx does
    // not resolve from.)
    if (file.startsWith("tsx-")) return [path, ["--import", "tsx", file]];
    if (runtime === "node20") return null;
    const mode = file.startsWith("typescript-enum") ? "--experimental-transform-types" : "--experimental-strip-types";
    // Node 26 dropped --experimental-transform-types: it runs no enum or namespace fixture.
    if (!accepts(runtime, [mode, "-e", "0"])) return null;
    return [path, [mode, "--no-warnings", file]];
  }
  return [path, [file]];
}

// Whether `runtime` runs `args` (a flag or a syntax probe) without an error; asked once each.
const probes = new Map();
function accepts(runtime, args) {
  const key = `${runtime} ${args.join(" ")}`;
  if (!probes.has(key)) probes.set(key, spawnSync(runtimes[runtime], args, { encoding: "utf8" }).status === 0);
  return probes.get(key);
}

function usesUsing(dir, file) {
  return /^\s*(?:await\s+)?using\s+[\w$]+\s*=/m.test(readFileSync(`${dir}${file}`, "utf8"));
}

// One process per fixture and runtime, each its own test: node --test runs test files in
// parallel, and the processes of one file run one after another.
function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, signal });
    });
  });
}

/**
 * Registers a test per fixture of `folderUrl` (a URL ending in /) and runtime. `mode` "hook"
 * runs them in compile mode, through experimental-threads/register.
 */
export function runFixtures(folderUrl, { timeout = 60_000, mode = "eval" } = {}) {
  const dir = fileURLToPath(folderUrl);
  const fixtures = readdirSync(dir).filter((f) => /\.test\.(m?[jt]sx?|c[jt]s|jsx)$/.test(f)).sort();
  for (const runtime of Object.keys(runtimes)) {
    if (only && !only.includes(runtime)) continue;
    for (const fixture of fixtures) {
      const command = commandFor(dir, runtime, fixture, mode);
      if (command === null) continue;
      test(`${runtime}${mode === "eval" ? "" : ` ${mode}`} ${fixture}`, async (t) => {
        const started = Date.now();
        const child = await run(command[0], command[1], {
          cwd: dir,
          timeout,
          env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", XTHREADS_FIXTURE_MODE: mode },
        });
        const lines = child.stdout.split("\n").filter((l) => /^(not )?ok /.test(l));
        for (const line of lines) {
          const failed = line.startsWith("not ok ");
          const rest = line.replace(/^(not )?ok /, "");
          const name = failed ? rest.split(": ")[0] : rest;
          await t.test(name, () => {
            if (failed) assert.fail(line.slice(7).replace(/\\n/g, "\n"));
          });
        }
        const tail = `\n--- stdout\n${child.stdout.slice(-3000)}\n--- stderr\n${child.stderr.slice(-3000)}`;
        assert.ok(lines.length > 0, `the fixture printed no result${tail}`);
        assert.equal(child.signal, null, `the fixture did not exit by itself within ${Date.now() - started} ms${tail}`);
        assert.equal(child.status, 0, `the fixture exited with ${child.status}${tail}`);
      });
    }
  }
}
