// Worker modules for real code: every call with a function literal in the differential corpus
// (up to 25 per file) is treated as a spawn site. The native compiler checks that each module
// parses and keeps every identifier at its line and column; acorn, an independent parser,
// then parses a sample of the modules (three per file) as ES modules.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const modules = join(root, "test", "differential", "node_modules");
const scan = process.env.XTHREADS_SCAN ?? join(root, "build", "core", "xthreads-scan");

const roots = [
  "typescript/lib/typescript.js", "rxjs/src", "zod/src", "effect/src", "@tanstack/query-core/src",
  "@tanstack/react-query/src", "three/src", "lodash", "acorn/dist", "react-dom/cjs",
];

function sources(path, out = []) {
  if (!existsSync(path)) return out;
  if (statSync(path).isFile()) {
    out.push(path);
    return out;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") sources(full, out);
    else if (/\.(m|c)?(j|t)sx?$/.test(entry.name) && !/\.d\.(m|c)?ts$|\.min\./.test(entry.name)) out.push(full);
  }
  return out;
}

test("modules emitted for real call sites parse and keep positions", { timeout: 20 * 60_000 }, async (t) => {
  const files = roots.flatMap((r) => sources(join(modules, r)));
  if (files.length === 0) {
    t.skip("the differential corpus is not installed (bash scripts/setup.sh)");
    return;
  }
  const dump = mkdtempSync(join(tmpdir(), "xthreads-emitted-"));
  let report;
  try {
    report = execFileSync(scan, ["--emit-check", "--dump", dump, ...files], { encoding: "utf8", maxBuffer: 1 << 26 });
  } catch (error) {
    assert.fail(`modules that do not parse or moved identifiers:\n${error.stdout}`);
  }
  const summary = report.trim().split("\n").at(-1);
  t.diagnostic(`${files.length} files: ${summary}`);
  const emitted = Number(/emitted (\d+)/.exec(summary)[1]);
  assert.ok(emitted > 1000, summary);

  const { Parser } = await import(join(modules, "acorn", "dist", "acorn.mjs"));
  const failures = [];
  const dumped = readdirSync(dump);
  for (const name of dumped) {
    const text = readFileSync(join(dump, name), "utf8");
    try {
      Parser.parse(text, { ecmaVersion: "latest", sourceType: "module" });
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
  t.diagnostic(`acorn parsed ${dumped.length - failures.length} of ${dumped.length} modules`);
  assert.deepEqual(failures.slice(0, 10), []);
  assert.ok(dumped.length > 500, `only ${dumped.length} modules were dumped`);
});
