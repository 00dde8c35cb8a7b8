// Runs the Channel stress script (exactly-once delivery, throughput, timeouts and aborts under
// traffic) and the keep-alive script on Node 24, Deno and Bun (Node 20 runs channel.test.mjs).
// Installs the runtime binaries if they are missing.
// Build first: npx tsc -p .
import { test } from "node:test";
import assert from "node:assert/strict";
import { execSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { installCommand, missingRuntimes, runtimes } from "../../tools/runtimes/paths.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

if (missingRuntimes().length > 0) execSync(installCommand, { cwd: root, stdio: "inherit", shell: "/bin/bash" });

function run(runtime, script, args = []) {
  const command = [runtimes[runtime], ...(runtime === "deno" ? ["run", "-A"] : []), script, ...args];
  const child = spawnSync(command[0], command.slice(1), { cwd: root, encoding: "utf8", timeout: 120_000 });
  assert.equal(child.status, 0, `${runtime} ${script}: exit ${child.status} ${child.signal ?? ""}\n${child.stderr}`);
  return child.stdout;
}

// One stress run per runtime, shared by the tests that read its parts.
const stressRuns = new Map();
function stress(runtime) {
  if (!stressRuns.has(runtime)) {
    stressRuns.set(runtime, JSON.parse(run(runtime, fixture("channel-stress.mjs")).trim().split("\n").at(-1)));
  }
  return stressRuns.get(runtime);
}

for (const runtime of ["node22", "node24", "node26", "deno", "bun"]) {
  test(`${runtime}: Channel delivers every message exactly once with 4 producer and 4 consumer threads`, (t) => {
    const { runtime: name, mpmc, spsc } = stress(runtime);
    t.diagnostic(`${name}: mpmc ${mpmc.perSecond} msg/s (per consumer ${mpmc.perConsumer}), spsc ${spsc.perSecond} msg/s`);
    assert.equal(mpmc.missing, 0, `${name}: missing`);
    assert.equal(mpmc.duplicates, 0, `${name}: duplicates`);
    assert.equal(mpmc.received, mpmc.sent, name);
    assert.equal(mpmc.sum, mpmc.expectedSum, name);
    assert.equal(spsc.received, spsc.messages, name);
  });

  test(`${runtime}: Channel sends and receives that time out or abort under traffic lose and duplicate nothing`, (t) => {
    const { runtime: name, churn } = stress(runtime);
    t.diagnostic(`${name}: ${churn.sendTimeouts} send timeouts, ${churn.recvTimeouts} recv timeouts, ${churn.aborts} aborts`);
    assert.equal(churn.notOnce, 0, `${name}: values not received exactly once`);
    assert.equal(churn.received, churn.sent, name);
    assert.ok(churn.sendTimeouts + churn.recvTimeouts + churn.aborts > 0, `${name}: some calls gave up`);
  });

  test(`${runtime}: a pending Channel recv() keeps the process alive until a message arrives`, () => {
    assert.match(run(runtime, fixture("channel-keep-alive.mjs")), /^received "late" after \d+ ms$/m);
  });
}
