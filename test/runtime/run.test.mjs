// Every fixture in fixtures/ (spawn end to end: captures, transport, errors, the pool, imports,
// dialects, the primitives) as its own process on Node 20, 22, 24 and 26, Deno and Bun.
import { runFixtures } from "../support/fixtures.mjs";

runFixtures(new URL("./fixtures/", import.meta.url));
