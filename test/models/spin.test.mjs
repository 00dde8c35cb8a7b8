// The spin models of the waiting algorithms (models/*.pml, mirroring src/sync/): runs
// models/check.sh once and turns each of its checks into a test, so that every model and every
// deliberately broken model counts. check.sh installs spin (Debian package) when missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../models/check.sh", import.meta.url));
const run = spawnSync("bash", [script], { encoding: "utf8", timeout: 30 * 60_000, maxBuffer: 64 << 20 });
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;

// A check's line, then the indented lines of its counterexample, if any.
const checks = [];
for (const line of output.split("\n")) {
  const m = /^(ok|FAIL) (\S+)(?: ([^:]+))?: (.*)$/.exec(line);
  if (m) checks.push({ ok: m[1] === "ok", model: m[2], check: m[3], rest: m[4], details: [] });
  else if (line.startsWith("    ") && checks.length > 0) checks.at(-1).details.push(line);
}

function nameOf({ ok, model, check, rest }) {
  if (model.startsWith("broken/")) {
    const found = /spin reports the (.*) it must/.exec(rest);
    return `broken model ${model.slice(7)}: spin finds the ${found ? found[1] : "error"} (the checks are not vacuous)`;
  }
  const variant = check && check !== "safety" && check !== "liveness" ? ` [${check}]` : "";
  const m = ok && /^(.*): ([0-9.e+]+) states, 0 errors$/.exec(rest);
  if (m) return `${model} model${variant}: ${m[1]} (spin, ${m[2]} states)`;
  return `${model} model${variant}: ${rest.replace(/: spin found: .*/, "")}`;
}

if (checks.length === 0) {
  test("spin models: models/check.sh ran", () => {
    assert.fail(`models/check.sh printed no check (exit ${run.status}, ${run.error ?? ""}):\n${output}`);
  });
}
for (const c of checks) {
  test(nameOf(c), () => {
    assert.ok(c.ok, `${c.model} ${c.check ?? ""}: ${c.rest}\n${c.details.join("\n")}`);
  });
}
test("spin models: models/check.sh exits 0", () => {
  assert.equal(run.status, 0, output.split("\n").filter((l) => l.startsWith("FAIL")).join("\n"));
});
