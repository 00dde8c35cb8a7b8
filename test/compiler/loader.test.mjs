// The loader (src/compiler/wasm.js) itself, in this process, against a stub module with the
// same C ABI (fixtures/stub-compiler.cpp, compiled here with the toolchain that
// core/wasm/build.sh installs): UTF-8 in, JSON out, stderr forwarded, and a trap that resets
// the instance instead of poisoning the thread.
//   node --test test/compiler/loader.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

import { dialectForPath, explain, loadCompiler } from "../../src/compiler/wasm.js";

const source = fileURLToPath(new URL("./fixtures/stub-compiler.cpp", import.meta.url));
const stub = join(mkdtempSync(join(tmpdir(), "xthreads-stub-")), "stub.wasm");
const exports = ["xt_alloc", "xt_free", "xt_explain", "xt_result_free", "xt_dialect_for_path"];
const build = spawnSync("clang++-19", [
  "--target=wasm32-wasi", "-Oz", "-fno-exceptions", "-fno-rtti", "-mexec-model=reactor",
  source, "-o", stub, "-Wl,--strip-all", ...exports.map((name) => `-Wl,--export=${name}`),
], { encoding: "utf8" });
if (build.error || build.status !== 0) {
  throw new Error(`cannot build the stub module (run bash core/wasm/build.sh to install the toolchain): ${build.error ?? build.stderr}`);
}
loadCompiler(stub);

/** Runs `body` and returns what it wrote with console.error. */
function stderrOf(body) {
  const lines = [];
  const original = console.error;
  console.error = (...args) => lines.push(args.join(" "));
  try {
    body();
  } finally {
    console.error = original;
  }
  return lines;
}

test("the source reaches the module as UTF-8 and the JSON result comes back parsed", () => {
  let result;
  const lines = stderrOf(() => (result = explain("é🧵", "tsx", 7, 9)));
  assert.deepEqual(result, { ok: true, bytes: 6, dialect: 3, at: [7, 9] });
  assert.deepEqual(lines, ["[xthreads.wasm] stub: 6 bytes"]);
});

test("a trap is reported as an Error and the next call runs on a fresh instance", () => {
  stderrOf(() => {
    assert.throws(() => explain("x", "javascript", 666, 1), (error) => {
      assert.match(error.message, /^experimental-threads: the capture compiler failed \(.*\); it was reset$/);
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    assert.deepEqual(explain("xy", "javascript", 1, 2), { ok: true, bytes: 2, dialect: 0, at: [1, 2] });
  });
});

test("dialectForPath maps the module's answer to a dialect name", () => {
  assert.equal(dialectForPath("anything"), "tsx");
});

test("the compiler cannot be loaded again from another file in the same thread", () => {
  loadCompiler(stub);
  assert.throws(() => loadCompiler("/elsewhere/xthreads.wasm"), /already loaded from .*stub\.wasm/);
});
