// The same fixtures as run.test.mjs in compile mode: every module is compiled as it loads by
// experimental-threads/register (Node 20, 22, 24, 26 with --disallow-code-generation-from-strings,
// and Bun; Deno has no load hook). What a fixture checks holds in both modes; the few checks of one
// mode's own machinery say so (compileMode in fixtures/check.mjs).
import { runFixtures } from "../support/fixtures.mjs";

runFixtures(new URL("../runtime/fixtures/", import.meta.url), { mode: "hook" });
