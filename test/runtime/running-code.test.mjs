// isSameClosure (src/spawn/running-code.ts): the running closure's text against the file's, for
// each way a text can legitimately differ, and for the edits that must be refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSameClosure, textBetween } from "../../dist/spawn/running-code.js";

const same = (fields) => isSameClosure({ erased: fields.original, file: fields.original, transformed: false, ...fields });

test("the same text, or the same apart from white space, is the same closure", () => {
  assert.ok(same({ running: "() => x + 1", original: "() => x + 1" }));
  assert.ok(same({ running: "() =>\n  x+1", original: "() => x + 1" }));
});

test("untransformed code whose number changed is refused", () => {
  assert.ok(!same({ running: "() => x + 1000", original: "() => x + 2000" }));
});

test("type stripping in place matches the compiler's erased copy; import.meta read through the helper counts as itself", () => {
  assert.ok(same({ running: "(a        ) => a", original: "(a: number) => a", erased: "(a        ) => a" }));
  assert.ok(same({ running: "() => import.meta.url", original: "(): string => import.meta.url", erased: "()         => __xt_meta().url" }));
});

test("untransformed code with a removed identifier is refused (no subsequence leniency without a transform)", () => {
  assert.ok(!same({ running: "() => a", original: "() => a + b" }));
});

test("a transform's re-printing, helpers and type erasure pass", () => {
  assert.ok(same({ transformed: true, running: "() => {\n  __name(f, \"f\");\n  return f(a);\n}", original: "() => { function f(x: T) { return x } return f(a); }" }));
});

test("a transformed closure whose identifiers changed or moved is refused", () => {
  assert.ok(!same({ transformed: true, running: "() => secret()", original: "() => other()" }));
  assert.ok(!same({ transformed: true, running: "() => b(a)", original: "() => a(b)" }));
});

test("a transformed closure with a number or string the closure lacks is refused when nothing was inlined", () => {
  assert.ok(!same({ transformed: true, running: "() => x + 1000", original: "() => x + 2000", file: "const x = 1; () => x + 2000" }));
  assert.ok(!same({ transformed: true, running: '() => "a"', original: '() => "b"', file: '() => "a"; () => "b"' }));
});

test("Bun's inlined constants come from the file; its folding is checked against its own transpiler's output", () => {
  const file = "const count = 1_000;\nconst label = 'v2';\n() => { for (let i = 0; i < count; i++) f(label + '!'); }";
  const original = "() => { for (let i = 0; i < count; i++) f(label + '!'); }";
  assert.ok(same({ transformed: true, file, original, running: '() => {\n  for (let i = 0;i < 1000; i++)\n    f("v2!");\n}' }));
  assert.ok(same({ transformed: true, original: "() => new Array(1 << 17)", reprinted: "export default () => Array(131072);", running: "() => Array(131072)" }));
  assert.ok(!same({ transformed: true, original: "() => new Array(1 << 17)", running: "() => Array(131072)" }));
});

test("lowered TypeScript (parameter properties, enums) may repeat and reorder the closure's names", () => {
  assert.ok(same({ transformed: true, original: "() => { class P { constructor(private a: number) {} } enum E { A, B } return E.B; }", running: "() => { class P { a; constructor(a) { this.a = a; } } var E; (function (E) { E[E[\"A\"] = 0] = \"A\"; E[E[\"B\"] = 1] = \"B\"; })(E || (E = {})); return E.B; }" }));
});

test("JSX compiled to factory calls passes; the factory comes from the file's pragma", () => {
  assert.ok(same({ transformed: true, file: "/** @jsx h */\nconst f = () => <b title={g}>{s(g)}</b>;", original: "() => <b title={g}>{s(g)}</b>", running: '() => h("b", {\n  title: g\n}, s(g))' }));
});

test("textBetween slices by 1-based line and UTF-16 column across every line terminator", () => {
  assert.equal(textBetween("ab\r\ncd\u2028ef\ngh", { line: 2, column: 2 }, { line: 4, column: 2 }), "d\u2028ef\ng");
});
