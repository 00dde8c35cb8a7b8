// Worker modules run for real, through the wasm build: each test writes an "original" file into a
// temporary directory, explains its first `spawn(` call site, fills the module's slots as the
// runtime will (specifiers resolved from the original file, the original URL), imports the module
// with Node and runs `__xt_run(values)`. The result must be what the closure returns when it runs
// in the original file; a site whose module could not reproduce that must be refused, with a
// diagnostic saying what and where.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { pathToFileURL } from "node:url";

import { explain } from "../../src/compiler/wasm.js";

const DIALECT = { ".mjs": "javascript", ".cjs": "javascript", ".js": "javascript", ".ts": "typescript", ".jsx": "jsx" };

function siteOf(source, needle = "spawn(") {
  const at = source.indexOf(needle);
  assert.notEqual(at, -1, `no ${needle} in the source`);
  const before = source.slice(0, at).split("\n");
  return { line: before.length, column: before.at(-1).length + 1 };
}

/**
 * Writes `source` as `original<ext>` (plus `files`, relative path → text) into a fresh directory,
 * explains its first `spawn(` call and returns { result, dir, originalUrl, load() }.
 */
function emit(source, ext, files = {}) {
  const dir = mkdtempSync(join(tmpdir(), "xthreads-review-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const original = join(dir, `original${ext}`);
  writeFileSync(original, source);
  const originalUrl = pathToFileURL(original).href;
  const site = siteOf(source);
  const result = explain(source, DIALECT[ext], site.line, site.column);
  const load = async () => {
    assert.equal(result.ok, true, JSON.stringify(result.diagnostics));
    let text = result.module.text;
    for (const slot of [...result.module.slots].sort((a, b) => b.begin - a.begin)) {
      const value = slot.kind === "original-url"
        ? JSON.stringify(originalUrl)
        : JSON.stringify(slot.specifier.startsWith(".") ? new URL(slot.specifier, originalUrl).href : slot.specifier);
      text = text.slice(0, slot.begin) + value + text.slice(slot.end);
    }
    const file = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(file, text);
    return import(pathToFileURL(file).href);
  };
  return { result, dir, originalUrl, load };
}

// A refusal must be clear: ok false, and a diagnostic saying what and where.
function assertRefused(source, ext, fragment) {
  const { result } = emit(source, ext);
  assert.equal(result.ok, false, "the compiler should refuse this site");
  assert.ok(result.diagnostics.some((d) => d.message.includes(fragment) && d.line > 0),
    `expected a diagnostic containing ${JSON.stringify(fragment)}, got ${JSON.stringify(result.diagnostics)}`);
}

async function run(source, ext, values = {}, files = {}) {
  const { load } = emit(source, ext, files);
  const module = await load();
  return module.__xt_run(values);
}

// ---------------------------------------------------------------------------------------------
// Sites whose module would not parse: emitted so that it parses, or refused

test("a string-named import whose name starts like an identifier (`\"a-b\"`) is emitted quoted and its value reaches the worker", async () => {
  const source = 'import { "a-b" as ab } from "./dep.mjs";\nspawn(() => ab * 2);\n';
  const out = await run(source, ".mjs", {}, { "dep.mjs": 'const v = 21;\nexport { v as "a-b" };\n' });
  assert.equal(out, 42);
});

test("a kept destructuring declarator that declares the name of a value capture is refused, naming the variable", async () => {
  // `delimiter` is kept by `const { sep, delimiter } = require(...)` (needed for `sep`), and the
  // parameter `delimiter` travels as a value: the epilogue's `var delimiter` clashes.
  const source = 'const { sep, delimiter } = require("node:path");\n' +
    "function join2(delimiter) { return spawn(() => sep + delimiter); }\n";
  // Fixed by refusing it clearly: two variables would share one name in the worker.
  assertRefused(source, ".cjs", "keeps the declaration of `delimiter`");
});

test("a legacy octal literal in a kept helper of a sloppy CommonJS file is refused, with its strict spelling", async () => {
  const source = "function mode() { return 0755; }\nspawn(() => mode());\n";
  // Fixed by refusing it clearly, with the strict spelling to use instead.
  assertRefused(source, ".cjs", "write 0o755");
});

// ---------------------------------------------------------------------------------------------
// Sites whose module could run differently from the closure in its original file: same result, or refused

test("a class helper whose static field reads a value capture while the module loads (before __xt_run) is refused", async () => {
  const source = "const cfg = { size: 3 };\nclass Box { static size = cfg.size; }\nspawn(() => Box.size);\n";
  // Fixed by refusing it: the value cannot exist yet when the class is evaluated.
  assertRefused(source, ".mjs", "`cfg` is read by `Box` while the worker module loads");
});

test("a class helper whose static block reads a value capture while the module loads is refused", async () => {
  const source = "const limits = { max: 5 };\nclass Cfg { static max; static { Cfg.max = limits.max; } }\n" +
    "spawn(() => Cfg.max);\n";
  assertRefused(source, ".mjs", "`limits` is read by `Cfg` while the worker module loads");
});

test("a TypeScript enum whose member initializer reads a value capture while the module loads is refused", async () => {
  const source = "const LIMIT = 4;\nenum Level { Low = LIMIT, High }\nspawn(() => Level.High);\n";
  assertRefused(source, ".ts", "`LIMIT` is read by `Level` while the worker module loads");
});

test("a CommonJS helper sees the original file's __dirname and __filename in the worker", async () => {
  const source = 'const path = require("node:path");\n' +
    'function dataFile(name) { return path.join(__dirname, name) + "|" + path.basename(__filename); }\n' +
    'spawn(() => dataFile("x.json"));\n';
  const { load, dir } = emit(source, ".cjs");
  const module = await load();
  assert.equal(module.__xt_run({}), join(dir, "x.json") + "|original.cjs");
});

test("a CommonJS helper assigning to an undeclared (sloppy-mode global) variable is refused, since the worker module is strict", async () => {
  const source = "function count() { total = 5; return total; }\nspawn(() => count());\n";
  // Fixed by refusing it: the worker's module is strict, where this assignment throws.
  assertRefused(source, ".cjs", "assigns to `total`, which is declared nowhere");
});

test("import.meta.dirname and import.meta.filename in kept code are the original file's directory and path", async () => {
  const source = "function where() { return [import.meta.dirname, import.meta.filename]; }\nspawn(() => where());\n";
  const { load, dir } = emit(source, ".mjs");
  const module = await load();
  assert.deepEqual(module.__xt_run({}), [dir, join(dir, "original.mjs")]);
});

test("import.meta.resolve in kept code resolves a bare package specifier from the original file's node_modules", async () => {
  const source = 'function where() { return import.meta.resolve("pkg"); }\nspawn(() => where());\n';
  const files = {
    "node_modules/pkg/package.json": '{ "name": "pkg", "exports": "./main.js" }\n',
    "node_modules/pkg/main.js": "export default 1;\n",
  };
  const { load, dir } = emit(source, ".mjs", files);
  const module = await load();
  assert.equal(module.__xt_run({}), pathToFileURL(join(dir, "node_modules/pkg/main.js")).href);
});

test("a value capture named `URL` reaches the closure and leaves import.meta.resolve in kept code working", async () => {
  const source = 'const URL = "https://api.test/";\nfunction at(p) { return import.meta.resolve(p); }\n' +
    'spawn(() => URL + " " + at("./a.js"));\n';
  const { load, originalUrl } = emit(source, ".mjs");
  const module = await load();
  assert.equal(module.__xt_run({ URL: "https://api.test/" }), "https://api.test/ " + new URL("./a.js", originalUrl).href);
});

test("a `var` function declared twice is refused, or the worker calls the last declaration as the caller does", async () => {
  const source = "var pick = () => 1;\nvar pick = () => 2;\nspawn(() => pick());\n";
  const { result, load } = emit(source, ".js");
  // Either refused (like a reassigned `let`), or the same function as in the caller.
  if (!result.ok) return;
  const module = await load();
  assert.equal(module.__xt_run({}), 2);
});

test("a function declared twice in a script is refused, or the worker calls the last declaration as the caller does", async () => {
  const source = "function h() { return 1; }\nfunction h() { return 2; }\nspawn(() => h());\n";
  const { result, load } = emit(source, ".cjs");
  if (!result.ok) return;  // refused: fine
  const module = await load();
  assert.equal(module.__xt_run({}), 2);
});

test("a reassigned function declaration is refused, or the worker calls the reassigned value as the caller does", async () => {
  const source = 'function log() { return "original"; }\nlog = () => "replaced";\nspawn(() => log());\n';
  const { result, load } = emit(source, ".mjs");
  if (!result.ok) return;  // refused, like a reassigned `let` function: fine
  const module = await load();
  assert.equal(module.__xt_run({}), "replaced");
});

test("spawn(work) is refused when a parameter at the call site shadows a value that `work` reads", async () => {
  // In the caller, `work` reads the module-level `limit` (1). The runtime's eval snippet at the
  // call site reads `limit` there, which is the parameter (9): the plan must refuse this, as it
  // does when a helper reads a shadowed value.
  const source = "const limit = 1;\nfunction work() { return limit; }\nfunction f(limit) { return spawn(work); }\n";
  const { result } = emit(source, ".mjs");
  assert.equal(result.ok, false, "the plan should report that `limit` is shadowed at the call site");
});

// ---------------------------------------------------------------------------------------------
// Imports, declarators, generators, helpers and syntax that run as in the original file

test("default, namespace and named imports of one module all resolve in the worker", async () => {
  const source = 'import d, * as ns from "./dep.mjs";\nimport { two as t } from "./dep.mjs";\nspawn(() => d + ns.two + t);\n';
  const dep = "export default 1;\nexport const two = 2;\n";
  assert.equal(await run(source, ".mjs", {}, { "dep.mjs": dep }), 5);
});

test("in `let x = 1, f = () => x`, f is kept as code and x is sent as a value", async () => {
  assert.equal(await run("let x = 1, f = () => x * 10;\nspawn(() => f());\n", ".mjs", { x: 4 }), 40);
});

test("the middle declarator of three is kept as code and reads the first one's sent value", async () => {
  const source = "const a = 1, f = () => a + 1, c = console.log(\"side effect\");\nspawn(() => f());\n";
  assert.equal(await run(source, ".mjs", { a: 5 }), 6);
});

test("a generator closure whose default parameter reads a capture, spawned with options, yields the captured value", async () => {
  const source = "const k = 2;\nspawn(function* (a = k) { yield a; }, { transfer: false });\n";
  const generator = await run(source, ".mjs", { k: 7 });
  assert.deepEqual([...generator], [7]);
});

test("a helper calling a later-declared `export default` helper and an `export const` helper runs, without the file's other top-level statements", async () => {
  const source = "export const a = () => b() + c();\nexport default function b() { return 1; }\nconst c = () => 2;\n" +
    "globalThis.__reviewSideEffect = true;\nspawn(() => a());\n";
  assert.equal(await run(source, ".mjs"), 3);
  assert.equal(globalThis.__reviewSideEffect, undefined);
});

test("a TypeScript helper using `satisfies` and `as` runs in the worker", async () => {
  const source = "type F = (n: number) => number;\nconst twice = ((n: number) => n * 2) satisfies F;\n" +
    "spawn(() => twice(4) as number);\n";
  assert.equal(await run(source, ".ts"), 8);
});

test("labels and a global shadowed inside the closure behave as in the original file", async () => {
  const source = "spawn(() => { const Math = { max: () => -1 }; let n = 0; outer: for (;;) { for (;;) { n++; if (n > 2) break outer; } } return Math.max() + n; });\n";
  assert.equal(await run(source, ".mjs"), 2);
});
