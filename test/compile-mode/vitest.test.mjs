// Vitest, run for real on test/compile-mode/vitest-project: with experimental-threads/vite in
// vitest.config, test files that spawn pass (compile mode: the sites are compiled from the file
// as written, not found from positions in the code Vite transformed); without it, each spawn
// fails with a SpawnError that names the cause and the fix. Vitest 5 supports Node 22.12+; the
// plugin's run is also checked on Node 20, where it works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runtimes } from "../../tools/runtimes/paths.mjs";

const project = fileURLToPath(new URL("./vitest-project/", import.meta.url));
const vitest = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));

/** Runs `vitest run` with `config`; returns each test's status and first failure line. */
function vitestRun(node, config) {
  const dir = mkdtempSync(join(tmpdir(), "xthreads-vitest-"));
  try {
    const report = join(dir, "report.json");
    const child = spawnSync(node, [vitest, "run", "--config", config, "--reporter=json", `--outputFile=${report}`], {
      cwd: project, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1", CI: "true" },
    });
    let results;
    try {
      results = JSON.parse(readFileSync(report, "utf8")).testResults.flatMap((file) => file.assertionResults);
    } catch {
      assert.fail(`vitest wrote no report (exit ${child.status}):\n${child.stdout.slice(-2000)}\n${child.stderr.slice(-2000)}`);
    }
    return results.map((r) => ({ title: r.title, status: r.status, failure: r.failureMessages[0]?.split("\n")[0] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const runtime of ["node20", "node26"]) {
  test(`${runtime}: with the Vite plugin, test files that spawn pass under vitest run`, () => {
    const results = vitestRun(runtimes[runtime], "vitest.config.mjs");
    assert.equal(results.length, 2);
    for (const r of results) assert.equal(r.status, "passed", `${r.title}: ${r.failure}`);
  });
}

test("node26: without the plugin, each spawn under vitest fails with the cause and the fix", () => {
  const results = vitestRun(runtimes.node26, "plain.config.mjs");
  assert.equal(results.length, 2);
  for (const r of results) {
    assert.equal(r.status, "failed", r.title);
    assert.match(r.failure, /SpawnError: .*Vitest runs code that Vite transformed.*import xthreads from "experimental-threads\/vite"/);
  }
});
