// The public TypeScript types: `eval(spawn(fn))` is `Promise<Awaited<ReturnType<fn>>>`, options
// and primitives are typed (test/types/spawn-types.ts, compiled by tsc against dist/*.d.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("the public types: eval(spawn(fn)) is the promise of fn's awaited result; options and primitives are typed", () => {
  const run = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "test/types"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
});
