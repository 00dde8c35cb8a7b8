// The site module hash (src/spawn/module-hash.ts): each worker loads a module once per hash, so two
// different modules must never share one. Checked on the kinds of near-identical inputs a program
// makes: one code unit changed, inserted or removed anywhere, the URL/text boundary moved, and
// many similar modules of one file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hashOf } from "../../dist/spawn/module-hash.js";

const url = "file:///home/user/project/src/server.mjs";
const text = 'import { digest } from "./helpers.mjs";\nvar __xt_fn, password, rounds;\nexport function __xt_run() { return digest(password, rounds); }\n';

test("the hash is 32 hex digits and the same for the same input", () => {
  assert.match(hashOf(url, text), /^[0-9a-f]{32}$/);
  assert.equal(hashOf(url, text), hashOf(url, text));
});

test("every one-unit edit of a module, and every move of the URL/text boundary, gives a new hash", () => {
  const seen = new Map();
  const add = (u, t, what) => {
    const h = hashOf(u, t);
    const key = `${u}\0${t}`;
    const before = seen.get(h);
    assert.ok(before === undefined || before === key, `${what}: collides with an earlier input`);
    seen.set(h, key);
  };
  add(url, text, "the module");
  for (let k = 0; k < text.length; k++) {
    for (const unit of ["a", " ", "\n", "é", "\u{1F600}", String.fromCharCode(text.charCodeAt(k) ^ 1)]) {
      add(url, text.slice(0, k) + unit + text.slice(k + 1), `unit ${k} replaced`);
      add(url, text.slice(0, k) + unit + text.slice(k), `unit inserted at ${k}`);
    }
    add(url, text.slice(0, k) + text.slice(k + 1), `unit ${k} removed`);
  }
  const whole = url + text;
  for (let k = 0; k <= whole.length; k++) add(whole.slice(0, k), whole.slice(k), `boundary at ${k}`);
  assert.ok(seen.size > 5 * text.length);
});

test("100,000 modules that differ in a number give 100,000 hashes", () => {
  const hashes = new Set();
  for (let n = 0; n < 100_000; n++) hashes.add(hashOf(url, `${text}export const __xt_globals = [[${n}, 1]];\n`));
  assert.equal(hashes.size, 100_000);
});
