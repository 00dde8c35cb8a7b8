// Runs the wasm capture compiler on the fixtures in whatever runtime executes this file and
// prints what it answered, as one JSON document on stdout; wasm.test.mjs compares it with
// fixtures/expected.json for each runtime.
//   <runtime> check-explain.mjs [WASM_PATH]
import { readFileSync } from "node:fs";
import process from "node:process";

import { dialectForPath, explain, loadCompiler } from "../../src/compiler/wasm.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", fixtures), "utf8"));

/** @param {() => unknown} body */
function outcome(body) {
  try {
    return { value: body() };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}

const wasmPath = process.argv[2];
const loaded = outcome(() => loadCompiler(wasmPath || undefined));

const explained = {};
for (const [name, { call }] of Object.entries(expected)) {
  const source = readFileSync(new URL(name, fixtures), "utf8");
  explained[name] = outcome(() => explain(source, dialectForPath(name), call[0], call[1]));
}

const paths = ["a.js", "a.mjs", "a.cjs", "a.jsx", "a.ts", "a.mts", "a.cts", "a.tsx", "a.d.ts", "a.json", "ünï/cödé.tsx"];
const dialects = Object.fromEntries(paths.map((path) => [path, dialectForPath(path)]));

// Nesting far past the parser's depth limit: the deepest the C++ stack (in linear memory) and
// the engine's stack can get. Each must end in the "too deep" diagnostic, not a trap.
const depth = 1000;
const nested = {
  parentheses: `spawn(() => ${"(".repeat(depth)}x${")".repeat(depth)});`,
  arrows: `spawn(() => ${"() => ".repeat(depth)}x);`,
  functions: `spawn(() => ${"function f() { return ".repeat(depth)}x${"}".repeat(depth)});`,
  classes: `spawn(() => ${"class { m() { return ".repeat(depth)}x${"} }".repeat(depth)});`,
  templates: `spawn(() => ${"`${".repeat(depth)}x${"}`".repeat(depth)});`,
  conditionals: `spawn(() => ${"a ? ".repeat(depth)}x${" : b".repeat(depth)});`,
  calls: `spawn(() => ${"f(".repeat(depth)}x${")".repeat(depth)});`,
};
const deep = Object.fromEntries(
  Object.entries(nested).map(([name, source]) => [name, outcome(() => explain(source, "javascript", 1, 1))]),
);

const misuse = {
  unknownDialect: outcome(() => explain("f()", "coffeescript", 1, 1)),
  fractionalLine: outcome(() => explain("f()", "javascript", 1.5, 1)),
  // the compiler stays usable after a rejected call, and repeated calls agree
  again: outcome(() => explain("spawn(() => x)", "javascript", 1, 1)),
};

process.stdout.write(JSON.stringify({ loaded, explained, dialects, deep, misuse }));
