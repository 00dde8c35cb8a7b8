// `npx experimental-threads explain`: the user-facing view of a capture plan, from the wasm build.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import test from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (...args) =>
  spawnSync(process.execPath, ["bin/experimental-threads.mjs", ...args], { cwd: root, encoding: "utf8" });

test("explain lists each capture with its kind and declaration", () => {
  const r = run("explain", "test/compiler/fixtures/hash-passwords.ts:22:19");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^closure at test\/compiler\/fixtures\/hash-passwords\.ts:22:25$/m);
  assert.match(r.stdout, /^ {2}slowHash +code +declared at test\/compiler\/fixtures\/hash-passwords\.ts:14:10$/m);
  assert.match(r.stdout, /^ {2}scryptSync +import +from "node:crypto" declared at .*:3:10 \(needed by captured code\)$/m);
  assert.match(r.stdout, /^ {2}user +value +declared at .*:20:16$/m);
});

test("explain reports call-site errors with their position and exits 1", () => {
  const r = run("explain", "test/compiler/fixtures/hash-passwords.ts:35:17");
  assert.equal(r.status, 1);
  assert.match(r.stdout, /hash-passwords\.ts:35:32: error: the closure uses `this` of an enclosing function/);
});

test("explain --emit prints the worker module", () => {
  const r = run("explain", "test/compiler/fixtures/hash-passwords.ts:22:19", "--emit");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^--- worker module$/m);
  assert.match(r.stdout, /^function slowHash\(password {8}, salt {8}\) {9}\{$/m);
  assert.match(r.stdout, /export function __xt_run\(\) \{ \(\{ [^}]+ \} = arguments\[0\]\); return __xt_fn\(arguments\[1\]\); \}/);
});

test("explain refuses bad input with a clear message", () => {
  assert.match(run("explain", "nope.txt:1:1").stderr, /not a \.js .* file/);
  assert.match(run("explain", "test/compiler/fixtures/missing.ts:1:1").stderr, /cannot read the file/);
  assert.match(run("explain", "test/compiler/fixtures/hash-passwords.ts").stderr, /expected <file>:<line>:<column>/);
  assert.match(run("frobnicate").stderr, /usage: experimental-threads explain/);
  const nowhere = run("explain", "test/compiler/fixtures/hash-passwords.ts:2:1");
  assert.equal(nowhere.status, 1);
  assert.match(nowhere.stdout, /error: no call expression starts at the call site position/);
});
