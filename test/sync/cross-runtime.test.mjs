// Runs the Mutex/Semaphore stress script, the RwLock/Condvar/Barrier one and the keep-alive script on Node 24, Deno and Bun
// (Node 20 runs the rest of test/sync). Installs the runtime binaries if they are missing.
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
  const child = spawnSync(command[0], command.slice(1), { cwd: root, encoding: "utf8", timeout: 60_000 });
  assert.equal(child.status, 0, `${runtime} ${script}: exit ${child.status} ${child.signal ?? ""}\n${child.stderr}`);
  return child.stdout;
}

for (const runtime of ["node22", "node24", "node26", "deno", "bun"]) {
  test(`${runtime}: Mutex counts exactly and Semaphore stays within its permits under workers`, () => {
    const result = JSON.parse(run(runtime, fixture("stress.mjs")).trim().split("\n").at(-1));
    assert.equal(result.mutex.counted, result.mutex.expected, result.runtime);
    assert.ok(result.semaphore.maxHolders <= result.semaphore.permits, `${result.runtime}: ${result.semaphore.maxHolders} holders`);
    assert.ok(result.semaphore.returned, `${result.runtime}: every permit came back`);
  });

  test(`${runtime}: RwLock, Condvar and Barrier hold their guarantees under workers`, () => {
    const result = JSON.parse(run(runtime, fixture("stress-primitives.mjs")).trim().split("\n").at(-1));
    const { rwlock, condvar, barrier } = result;
    assert.equal(rwlock.violations, 0, `${result.runtime}: a writer overlapped another holder`);
    assert.equal(rwlock.counted, rwlock.expected, `${result.runtime}: RwLock writes counted`);
    assert.equal(rwlock.readersTogether, 4, `${result.runtime}: four readers inside at once`);
    assert.ok(rwlock.writerServed, `${result.runtime}: a writer got in past a stream of readers`);
    assert.deepEqual([condvar.consumed, condvar.sum], [condvar.total, condvar.expectedSum], `${result.runtime}: Condvar hand-off`);
    assert.equal(barrier.arrivals, 4 * barrier.generations, result.runtime);
    assert.equal(barrier.badLeaders, 0, `${result.runtime}: one leader per generation`);
    assert.equal(barrier.violations, 0, `${result.runtime}: nobody passed the Barrier early`);
  });

  test(`${runtime}: a pending lock() keeps the process alive until the holder unlocks`, () => {
    for (const mode of ["worker", "timer"]) {
      assert.match(run(runtime, fixture("keep-alive.mjs"), [mode]), /^acquired after \d+ ms$/m, mode);
    }
  });
}
