// Compile mode end to end: test/compile-mode/app built with the real bundlers (esbuild, Vite)
// through the package's plugins, moved away from its sources and from every node_modules, run on
// Node (code generation from strings disallowed), Deno (the same V8 flag) and Bun; and the same
// program run from its sources through experimental-threads/register.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { build as viteBuild } from "vite";
import xthreadsEsbuild from "experimental-threads/esbuild";
import xthreadsVite from "experimental-threads/vite";
import { runtimes } from "../../tools/runtimes/paths.mjs";

const app = fileURLToPath(new URL("./app/", import.meta.url));
const expected = { hashed: ["A:ca978112", "B:3e23e816", "C:2e7d2c03"], streamed: [3, 2], compiled: true };

function runEverywhere(dir, entry) {
  const commands = {
    node20: [runtimes.node20, ["--disallow-code-generation-from-strings", entry]],
    node26: [runtimes.node26, ["--disallow-code-generation-from-strings", entry]],
    deno: [runtimes.deno, ["run", "-A", "--v8-flags=--disallow-code-generation-from-strings", entry]],
    bun: [runtimes.bun, [entry]],
  };
  for (const [runtime, [command, args]] of Object.entries(commands)) {
    const out = execFileSync(command, args, { cwd: dir, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
    assert.deepEqual(JSON.parse(out.trim().split("\n").pop()), expected, `${runtime}: ${out}`);
  }
}

// The output alone, in a directory of its own with no node_modules above it.
function moved(outdir) {
  const away = mkdtempSync(join(tmpdir(), "xthreads-bundle-"));
  cpSync(outdir, away, { recursive: true });
  rmSync(outdir, { recursive: true, force: true });
  return away;
}

test("an esbuild bundle runs moved away from its sources, with no eval, on Node, Deno and Bun", async () => {
  const outdir = mkdtempSync(join(app, "..", "out-esbuild-"));
  const result = await esbuild.build({
    entryPoints: [join(app, "main.mjs")], bundle: true, platform: "node", format: "esm", target: "node20",
    outdir, logLevel: "silent", plugins: [xthreadsEsbuild()],
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, [], "esbuild warns about no direct eval");
  const away = moved(outdir);
  const files = readdirSync(away).sort();
  assert.deepEqual(files.filter((f) => !/^xthreads-worker-[\w-]+\.mjs$/.test(f)), ["main.js", "xthreads-worker.mjs"]);
  assert.ok(files.length > 2, "the sites' modules and the primitives are chunks beside the worker's entry");
  runEverywhere(away, "main.js");
});

test("a Vite SSR build runs moved away from its sources, with no eval, on Node, Deno and Bun", async () => {
  const outDir = mkdtempSync(join(app, "..", "out-vite-"));
  await viteBuild({
    configFile: false, root: app, logLevel: "silent", plugins: [xthreadsVite()], ssr: { noExternal: true },
    build: { ssr: join(app, "main.mjs"), outDir, target: "node20", rollupOptions: { output: { format: "es" } } },
  });
  const away = moved(outDir);
  const [entry] = readdirSync(away).filter((f) => f.startsWith("main."));
  assert.ok(entry, `no main bundle in ${readdirSync(away)}`);
  runEverywhere(away, entry);
});

test("esbuild: a spawn that cannot be compiled fails the build at its line and column", async () => {
  const dir = mkdtempSync(join(app, "..", "bad-"));
  try {
    const file = join(dir, "bad.mjs");
    (await import("node:fs")).writeFileSync(file, 'import { spawn } from "experimental-threads";\nlet n = 0;\nawait eval(spawn(() => { n++; }));\n');
    await assert.rejects(
      esbuild.build({ entryPoints: [file], bundle: true, platform: "node", format: "esm", outdir: join(dir, "out"), logLevel: "silent", plugins: [xthreadsEsbuild()] }),
      (error) => {
        const [message] = error.errors;
        assert.match(message.text, /experimental-threads: .*n/);
        assert.equal(message.location.line, 3);
        return true;
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("experimental-threads/register compiles the program as it loads (Node 20, Node 26 without eval, Bun)", () => {
  for (const [command, args] of [
    [runtimes.node20, ["--disallow-code-generation-from-strings", "--import", "experimental-threads/register", "main.mjs"]],
    [runtimes.node26, ["--disallow-code-generation-from-strings", "--import", "experimental-threads/register", "main.mjs"]],
    [runtimes.bun, ["--preload", "experimental-threads/register", "main.mjs"]],
  ]) {
    const out = execFileSync(command, args, { cwd: app, encoding: "utf8", timeout: 60_000 });
    assert.deepEqual(JSON.parse(out.trim()), expected);
  }
});

test("bun --preload experimental-threads/register refuses a CommonJS .js module by name, with the fix", () => {
  // Bun loses the exports of a CommonJS module a plugin hands back (src/compile/register.ts).
  const dir = mkdtempSync(join(tmpdir(), "xthreads-bun-cjs-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(fileURLToPath(new URL("../../", import.meta.url)), join(dir, "node_modules", "experimental-threads"), "dir");
    writeFileSync(join(dir, "lib.js"), "module.exports = { answer: 42 };\n");
    writeFileSync(join(dir, "main.mjs"), 'import { createRequire } from "node:module";\nconsole.log(createRequire(import.meta.url)("./lib.js").answer);\n');
    const child = spawnSync(runtimes.bun, ["--preload", "experimental-threads/register", "main.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.notEqual(child.status, 0, child.stdout);
    assert.match(child.stderr, /cannot load .*lib\.js: it is a CommonJS module.*Name it \.cjs/s);
    // Named .cjs, Bun loads it itself.
    renameSync(join(dir, "lib.js"), join(dir, "lib.cjs"));
    writeFileSync(join(dir, "main.mjs"), 'import { createRequire } from "node:module";\nconsole.log(createRequire(import.meta.url)("./lib.cjs").answer);\n');
    const renamed = spawnSync(runtimes.bun, ["--preload", "experimental-threads/register", "main.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.equal(renamed.stdout.trim(), "42", renamed.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a bundle in compile mode and the package in eval mode share one process (two copies of the package)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "xthreads-two-copies-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(fileURLToPath(new URL("../../", import.meta.url)), join(dir, "node_modules", "experimental-threads"), "dir");
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n'); // Deno resolves node_modules beside a package.json
    writeFileSync(join(dir, "library.mjs"), 'import { spawn } from "experimental-threads";\nexport const doubled = (x) => eval(spawn(() => x * 2));\n');
    await esbuild.build({
      entryPoints: [join(dir, "library.mjs")], bundle: true, platform: "node", format: "esm", outdir: join(dir, "out"),
      logLevel: "silent", plugins: [xthreadsEsbuild()],
    });
    // Spawns of both copies, interleaved: each copy's eval-mode global entry must stay its own.
    writeFileSync(
      join(dir, "main.mjs"),
      'import { spawn, shutdown } from "experimental-threads";\nimport { doubled } from "./out/library.js";\nconst y = 3;\n' +
        "const got = [await eval(spawn(() => y + 1)), await doubled(5), await eval(spawn(() => y + 2)), await doubled(6)];\n" +
        "console.log(JSON.stringify(got));\nawait shutdown();\n",
    );
    // An older copy's entry (frozen, another shape) is replaced, not written to.
    writeFileSync(
      join(dir, "older.mjs"),
      'Object.defineProperty(globalThis, "__xthreads", { value: Object.freeze({ run() {} }), configurable: true });\n' +
        'const { spawn, shutdown } = await import("experimental-threads");\nconst y = 3;\n' +
        "console.log(JSON.stringify([await eval(spawn(() => y + 1))]));\nawait shutdown();\n",
    );
    const older = spawnSync(runtimes.node20, ["older.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.equal(older.stdout.trim(), "[4]", older.stderr);
    for (const [runtime, command, args] of [
      ["node20", runtimes.node20, ["main.mjs"]],
      ["deno", runtimes.deno, ["run", "-A", "main.mjs"]],
      ["bun", runtimes.bun, ["main.mjs"]],
    ]) {
      const child = spawnSync(command, args, { cwd: dir, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
      assert.equal(child.stdout.trim(), "[4,10,5,12]", `${runtime}: ${child.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A program whose main thread and worker each make an Error: where their stacks point.
const STACKS_PROGRAM =
  'import { spawn, shutdown } from "experimental-threads";\nconst n = 2;\n' +
  'const fromWorker = await eval(spawn(() => { try { throw new Error("in the worker " + n); } catch (e) { return e.stack; } }));\n' +
  'const fromMain = new Error("in the main thread").stack;\nconsole.log(JSON.stringify({ fromWorker, fromMain }));\nawait shutdown();\n';

function checkMappedStacks(away, entry, label) {
  const out = execFileSync(runtimes.node20, ["--enable-source-maps", entry], { cwd: away, encoding: "utf8", timeout: 60_000 });
  const { fromWorker, fromMain } = JSON.parse(out.trim().split("\n").pop());
  assert.match(fromMain, /stacks\.mjs:4:\d+/, `${label}: the main thread's frame`);
  assert.match(fromWorker, /stacks\.mjs:3:\d+/, `${label}: the worker's frame`);
  const map = JSON.parse(readFileSync(join(away, `${entry}.map`), "utf8"));
  const k = map.sources.findIndex((s) => s.endsWith("stacks.mjs"));
  assert.ok(k >= 0, `${label}: the map names the user's file: ${map.sources}`);
  assert.equal(map.sourcesContent[k], STACKS_PROGRAM, `${label}: the map holds the user's own text`);
}

test("with source maps on, esbuild's and Vite's bundles map main-thread and worker frames onto the user's lines and text", async () => {
  const dir = mkdtempSync(join(app, "..", "maps-"));
  try {
    writeFileSync(join(dir, "stacks.mjs"), STACKS_PROGRAM);
    const esbuildOut = join(dir, "out-esbuild");
    await esbuild.build({
      entryPoints: [join(dir, "stacks.mjs")], bundle: true, platform: "node", format: "esm", sourcemap: true,
      outdir: esbuildOut, logLevel: "silent", plugins: [xthreadsEsbuild()],
    });
    checkMappedStacks(moved(esbuildOut), "stacks.js", "esbuild");
    const viteOut = join(dir, "out-vite");
    await viteBuild({
      configFile: false, root: dir, logLevel: "silent", plugins: [xthreadsVite()], ssr: { noExternal: true },
      build: { ssr: join(dir, "stacks.mjs"), outDir: viteOut, sourcemap: true, target: "node20", rollupOptions: { output: { format: "es" } } },
    });
    checkMappedStacks(moved(viteOut), "stacks.js", "vite");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("esbuild watch mode: a rebuild after an edit compiles the edited file's sites again and keeps the others'", async () => {
  const dir = mkdtempSync(join(app, "..", "watch-"));
  const outdir = join(dir, "out");
  const context = await esbuild.context({
    entryPoints: [join(dir, "main.mjs")], bundle: true, platform: "node", format: "esm", outdir, logLevel: "silent",
    plugins: [xthreadsEsbuild()],
  });
  const version = (closure) =>
    'import { spawn, shutdown } from "experimental-threads";\nimport { twice } from "./twice.mjs";\nconst label = "v";\n' +
    `console.log(JSON.stringify([await eval(spawn(${closure})), await twice(4)]));\nawait shutdown();\n`;
  const run = () => JSON.parse(execFileSync(runtimes.node20, ["--disallow-code-generation-from-strings", "main.js"], { cwd: outdir, encoding: "utf8", timeout: 60_000 }));
  try {
    writeFileSync(join(dir, "twice.mjs"), 'import { spawn } from "experimental-threads";\nexport const twice = (x) => eval(spawn(() => x * 2));\n');
    writeFileSync(join(dir, "main.mjs"), version("() => label + 1"));
    await context.rebuild();
    assert.deepEqual(run(), ["v1", 8]);
    writeFileSync(join(dir, "main.mjs"), version("() => label.toUpperCase() + 2"));
    await context.rebuild();
    assert.deepEqual(run(), ["V2", 8]);
  } finally {
    await context.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Vite watch mode: a rebuild after an edit compiles the edited file's sites again and keeps the others'", async () => {
  const dir = mkdtempSync(join(app, "..", "vite-watch-"));
  const outDir = join(dir, "out");
  const version = (closure) =>
    'import { spawn, shutdown } from "experimental-threads";\nimport { twice } from "./twice.mjs";\nconst label = "v";\n' +
    `console.log(JSON.stringify([await eval(spawn(${closure})), await twice(4)]));\nawait shutdown();\n`;
  writeFileSync(join(dir, "twice.mjs"), 'import { spawn } from "experimental-threads";\nexport const twice = (x) => eval(spawn(() => x * 2));\n');
  writeFileSync(join(dir, "main.mjs"), version("() => label + 1"));
  const watcher = await viteBuild({
    configFile: false, root: dir, logLevel: "silent", plugins: [xthreadsVite()], ssr: { noExternal: true },
    build: { ssr: join(dir, "main.mjs"), outDir, watch: {}, rollupOptions: { output: { format: "es" } } },
  });
  // Each build's end, in order; a build error fails the test.
  const ends = [];
  let wake;
  watcher.on("event", (event) => {
    if (event.code === "END" || event.code === "ERROR") {
      ends.push(event);
      wake?.();
    }
  });
  const nextEnd = async (k) => {
    while (ends.length <= k) await new Promise((resolve) => (wake = resolve));
    assert.equal(ends[k].code, "END", ends[k].error?.message);
  };
  const run = () => JSON.parse(execFileSync(runtimes.node20, ["--disallow-code-generation-from-strings", "main.js"], { cwd: outDir, encoding: "utf8", timeout: 60_000 }));
  try {
    await nextEnd(0);
    assert.deepEqual(run(), ["v1", 8]);
    writeFileSync(join(dir, "main.mjs"), version("() => label.toUpperCase() + 2"));
    await nextEnd(1);
    assert.deepEqual(run(), ["V2", 8]);
  } finally {
    await watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
