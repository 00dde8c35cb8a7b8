// The wasm capture compiler on every supported runtime: for each of Node 20 (the Node running
// this file), Node 24, Deno 2 and Bun 1, check-explain.mjs runs in a fresh process of that runtime
// and its answers are compared with fixtures/expected.json.
//   node --test test/compiler/wasm.test.mjs     (after `bash core/wasm/build.sh` and
//                                                `cd tools/runtimes && npm ci --ignore-scripts`)
// XTHREADS_WASM names another .wasm file than build-wasm/xthreads.wasm.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import test from "node:test";
import { fileURLToPath } from "node:url";

import { commandLine, installCommand, runtimes } from "../../tools/runtimes/paths.mjs";

const script = fileURLToPath(new URL("./check-explain.mjs", import.meta.url));
const expected = JSON.parse(readFileSync(new URL("./fixtures/expected.json", import.meta.url), "utf8"));
const wasm = process.env.XTHREADS_WASM || fileURLToPath(new URL("../../build-wasm/xthreads.wasm", import.meta.url));


const dialects = {
  "a.js": "javascript", "a.mjs": "javascript", "a.cjs": "javascript", "a.jsx": "jsx",
  "a.ts": "typescript", "a.mts": "typescript", "a.cts": "typescript", "a.tsx": "tsx",
  "a.d.ts": null, "a.json": null, "ünï/cödé.tsx": "tsx",
};

/**
 * `actual` cut down to the keys that `expected` has, recursively: fields that the compiler adds
 * later do not break these tests, while every field written in expected.json is checked.
 */
function project(actual, expected) {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, i) => (i < expected.length ? project(item, expected[i]) : item));
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    return Object.fromEntries(Object.keys(expected).filter((k) => k in actual).map((k) => [k, project(actual[k], expected[k])]));
  }
  return actual;
}

/** Runs check-explain.mjs on one runtime and returns its parsed report. */
function report(runtime) {
  const [command, ...args] = commandLine(runtime, script, [wasm]);
  assert.ok(existsSync(command), `${runtime} is not installed at ${command}; run ${installCommand}`);
  assert.ok(existsSync(wasm), `${wasm} does not exist; run bash core/wasm/build.sh`);
  const run = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  assert.equal(run.status, 0, `${runtime} exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

for (const runtime of Object.keys(runtimes)) {
  test(runtime, async (t) => {
    const answer = report(runtime);
    assert.deepEqual(answer.loaded, {}, "loadCompiler succeeds");

    for (const [name, { expect }] of Object.entries(expected)) {
      await t.test(`explain ${name} at ${expected[name].call.join(":")}`, () => {
        const { value, error } = answer.explained[name];
        assert.equal(error, undefined);
        assert.deepEqual(project(value, expect), expect);
      });
    }

    await t.test("dialectForPath follows the extension", () => {
      assert.deepEqual(answer.dialects, dialects);
    });

    await t.test("nesting past the parser's limit is a diagnostic, not a crash", () => {
      for (const [shape, { value, error }] of Object.entries(answer.deep)) {
        assert.equal(error, undefined, shape);
        assert.equal(value.ok, false, shape);
        assert.match(value.diagnostics[0]?.message, /nesting is too deep/, shape);
      }
    });

    await t.test("bad arguments are TypeErrors and leave the compiler usable", () => {
      assert.match(answer.misuse.unknownDialect.error, /^TypeError: experimental-threads: explain\(source, dialect\): unknown dialect "coffeescript"/);
      assert.match(answer.misuse.fractionalLine.error, /^TypeError: experimental-threads: explain\(\): line must be an integer/);
      assert.equal(answer.misuse.again.value?.closure?.captures?.[0]?.name, "x");
    });
  });
}
