// Jest, run for real in its ESM mode (node --experimental-vm-modules, no transform) on
// test/runtime/jest-project: test files that spawn pass, on Node 20 and 26.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runtimes } from "../../tools/runtimes/paths.mjs";

const project = fileURLToPath(new URL("./jest-project/", import.meta.url));
const jest = fileURLToPath(new URL("../../node_modules/jest/bin/jest.js", import.meta.url));

for (const runtime of ["node20", "node26"]) {
  test(`${runtime}: Jest's ESM mode runs test files that spawn`, () => {
    const child = spawnSync(runtimes[runtime], ["--experimental-vm-modules", "--no-warnings", jest, "--ci", "--json"], {
      cwd: project, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" },
    });
    let report;
    try {
      report = JSON.parse(child.stdout);
    } catch {
      assert.fail(`jest printed no report (exit ${child.status}):\n${child.stdout.slice(-2000)}\n${child.stderr.slice(-2000)}`);
    }
    const results = report.testResults.flatMap((file) => file.assertionResults);
    assert.equal(results.length, 3, child.stderr);
    for (const r of results) assert.equal(r.status, "passed", `${r.title}: ${r.failureMessages.join("\n")}`);
  });
}
