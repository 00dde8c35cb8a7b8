// The emitted worker module, loaded for real: the compiler (wasm) explains a call site, the
// test fills the module's slots as the runtime will (specifiers resolved from the original file,
// the original URL), imports it, and runs the closure with captured values.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { explain } from "../../src/compiler/wasm.js";

const fixture = fileURLToPath(new URL("fixtures/run/caller.ts", import.meta.url));
const originalUrl = pathToFileURL(fixture).href;

function siteOf(source, needle) {
  const lines = source.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

function fillSlots(module) {
  let text = module.text;
  for (const slot of [...module.slots].sort((a, b) => b.begin - a.begin)) {
    const value = slot.kind === "original-url"
      ? JSON.stringify(originalUrl)
      : JSON.stringify(slot.specifier.startsWith(".") ? new URL(slot.specifier, originalUrl).href : slot.specifier);
    text = text.slice(0, slot.begin) + value + text.slice(slot.end);
  }
  return text;
}

test("the worker module of a TypeScript call site runs on Node 20 and keeps positions", async () => {
  const source = readFileSync(fixture, "utf8");
  const site = siteOf(source, "spawn(");
  const result = explain(source, "typescript", site.line, site.column);
  assert.equal(result.ok, true, JSON.stringify(result.diagnostics));
  const plan = Object.fromEntries(result.closure.plan.map((c) => [c.name, c.capture]));
  assert.deepEqual(plan, { URL: "global", area: "import", basename: "import", describe: "code", factor: "value", job: "value", os: "import" });
  assert.deepEqual(result.module.values.sort(), ["factor", "job"]);

  const dir = mkdtempSync(join(tmpdir(), "xthreads-module-"));
  const file = join(dir, "site.mjs");
  writeFileSync(file, fillSlots(result.module));
  const before = globalThis.__sideEffects;
  const module = await import(pathToFileURL(file).href);
  assert.equal(globalThis.__sideEffects, before, "top-level side effects of the caller must not run");
  const out = module.__xt_run({ factor: 3, job: { side: 4 } });
  assert.equal(out, "caller.ts:48:function");

  // Line and column of the closure's code are the caller's: a stack trace from the closure
  // points at the original line.
  const lines = readFileSync(file, "utf8").split("\n");
  const original = source.split("\n");
  const describeLine = original.findIndex((l) => l.startsWith("function describe"));
  assert.equal(lines[describeLine].trimEnd(), "function describe(job     )         {");
  assert.equal(lines[site.line - 1].indexOf("() => describe(job)"), original[site.line - 1].indexOf("() => describe(job)"));
});
