// The fault suite: a fixture per fault class in fixtures/, each as its own process on Node 20,
// 22, 24 and 26, Deno and Bun. docs/reliability.md has a row per fault and names the check.
import { runFixtures } from "../support/fixtures.mjs";

runFixtures(new URL("./fixtures/", import.meta.url), { timeout: 90_000 });
