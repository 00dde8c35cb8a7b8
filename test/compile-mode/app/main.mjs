// A program bundled in compile mode: captures, an imported helper, a nested spawn, a stream,
// and `compiled`: whether the site was rewritten.
import { spawn } from "experimental-threads";
import { digest } from "./helpers.mjs";

const words = ["a", "b", "c"];
const hashed = await Promise.all(
  words.map((w) =>
    eval(spawn(async () => {
      const upper = await eval(spawn(() => w.toUpperCase()));
      return `${upper}:${digest(w)}`;
    })),
  ),
);
const streamed = [];
for await (const x of eval(spawn(function* () { yield words.length; yield 2; }))) streamed.push(x);
console.log(JSON.stringify({ hashed, streamed, compiled: !String(main).includes("eval(") }));
function main() { return eval(spawn(() => 1)); }
