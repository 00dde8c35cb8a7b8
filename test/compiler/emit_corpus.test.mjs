// Worker modules for real code: every function of the differential corpus (the files of
// test/differential/corpus.json: function expressions, arrows and declarations, what spawn
// accepts) is treated as the closure of a spawn call, from the call it is passed to when it is a
// call's first argument, else from where it stands. The native compiler (`xthreads-scan
// --emit-check`) checks that each module parses and keeps every identifier at its line and
// column; acorn, an independent parser, then parses every module as an ES module (strict code).
//
// Files over 200 KB (about 20 of 5,300: typescript.js, react-dom's bundles, effect's biggest
// modules) are checked on 200 functions each, spread over the file: a module is as long as its
// file up to the closure, so checking all of typescript.js's functions would take hours.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { CORPUS_ROOT, corpusFiles } from "../differential/corpus.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scan = process.env.XTHREADS_SCAN ?? join(root, "build", "core", "xthreads-scan");
const LARGE_BYTES = 200_000;
const LARGE_SAMPLE = 200;

/** Runs the emit check on some files; returns its summary line's counts. */
async function emitCheck(files, dump, extra = []) {
  let stdout;
  try {
    ({ stdout } = await promisify(execFile)(scan, ["--emit-check", "--dump", dump, ...extra, ...files], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    }));
  } catch (error) {
    assert.fail(`modules that do not parse or moved identifiers:\n${error.stdout}${error.stderr}`);
  }
  const summary = stdout.trim().split("\n").at(-1);
  const count = (label) => Number(new RegExp(`${label} (\\d+)`).exec(summary)[1]);
  return { summary, functions: count("functions"), emitted: count("emitted"), dumped: count("dumped") };
}

test("the module of every function of the corpus parses and keeps positions", { timeout: 30 * 60_000 }, async (t) => {
  const { files } = corpusFiles();
  assert.ok(files.length > 5000, `the corpus has only ${files.length} files (is ${CORPUS_ROOT} installed?)`);
  const large = files.filter((f) => statSync(f).size > LARGE_BYTES);
  const small = files.filter((f) => statSync(f).size <= LARGE_BYTES);
  const dumps = [mkdtempSync(join(tmpdir(), "xthreads-emitted-")), mkdtempSync(join(tmpdir(), "xthreads-emitted-"))];
  try {
    // Two processes, one per core.
    const [all, sampled] = await Promise.all([
      emitCheck(small, dumps[0]),
      emitCheck(large, dumps[1], ["--max-sites", String(LARGE_SAMPLE)]),
    ]);
    t.diagnostic(`${small.length} files, every function: ${all.summary}`);
    t.diagnostic(`${large.length} files over ${LARGE_BYTES / 1000} KB, ${LARGE_SAMPLE} functions each: ${sampled.summary}`);
    assert.ok(all.emitted > 20_000, all.summary);
    assert.ok(sampled.emitted > 2_000, sampled.summary);

    const { Parser } = await import(join(CORPUS_ROOT, "acorn", "dist", "acorn.mjs"));
    const failures = [];
    let parsed = 0;
    for (const dump of dumps) {
      for (const name of readdirSync(dump)) {
        // One file per source file, its modules separated by NUL bytes (blank lines dropped).
        for (const text of readFileSync(join(dump, name), "utf8").split("\0")) {
          if (text === "") continue;
          try {
            Parser.parse(text, { ecmaVersion: "latest", sourceType: "module" });
            parsed++;
          } catch (error) {
            failures.push(`${name}: ${error.message}: ${text.slice(0, 300)}`);
          }
        }
      }
    }
    t.diagnostic(`acorn parsed ${parsed} of ${parsed + failures.length} modules as ES modules`);
    assert.deepEqual(failures.slice(0, 10), []);
    // JSX files' modules are not given to acorn (it has no JSX): the rest must all be there.
    assert.equal(parsed, all.dumped + sampled.dumped);
    assert.ok(parsed > 20_000, `only ${parsed} modules were parsed by acorn`);
  } finally {
    for (const dump of dumps) rmSync(dump, { recursive: true, force: true });
  }
});
