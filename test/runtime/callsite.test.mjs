// The call-site fallback for runtimes without structured call sites: parsing text stack frames.
import { test } from "node:test";
import assert from "node:assert/strict";
import { callerOf, parseFrame, originalUrl } from "../../dist/runtime/callsite.js";

const cases = [
  ["V8 frame with a function name", "    at work (file:///home/u/app/main.mjs:12:34)", "file:///home/u/app/main.mjs", 12, 34],
  ["V8 frame without a function name", "    at file:///home/u/app/main.mjs:3:5", "file:///home/u/app/main.mjs", 3, 5],
  ["V8 async frame", "    at async Promise.all (index 0)", null],
  ["V8 frame with a plain path (CommonJS)", "    at Object.<anonymous> (/home/u/app/main.cjs:7:1)", "/home/u/app/main.cjs", 7, 1],
  ["V8 frame with spaces in the path", "    at run (/home/u/my app/main.js:1:2)", "/home/u/my app/main.js", 1, 2],
  ["JSC frame", "work@/home/u/app/main.js:9:10", "/home/u/app/main.js", 9, 10],
  ["JSC frame with a file URL", "@file:///home/u/app/main.mjs:2:3", "file:///home/u/app/main.mjs", 2, 3],
  ["Bun frame", "      at <anonymous> (/home/u/app/main.ts:4:20)", "/home/u/app/main.ts", 4, 20],
  ["native frame", "    at Array.map (<anonymous>)", null],
];

for (const [name, line, file, row, column] of cases) {
  test(`parseFrame reads a ${name}`, () => {
    const frame = parseFrame(line);
    if (file === null) assert.equal(frame, null);
    else assert.deepEqual(frame, { fileName: file, line: row, column });
  });
}

test("originalUrl undoes a generated module's query and Deno's sibling name", () => {
  assert.equal(originalUrl("file:///a/b.ts?xt=0123abcd"), "file:///a/b.ts");
  assert.equal(originalUrl("file:///a/b.cjs.xt-0123abcd-2.mjs"), "file:///a/b.cjs");
  assert.equal(originalUrl("/a/b.ts?xt=0123abcd"), "file:///a/b.ts");
});

test("callerOf finds its caller through structured call sites, even when a tool replaced prepareStackTrace", () => {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (error) => `replaced: ${error.message}`;
  try {
    function probe() {
      return callerOf(probe);
    }
    const site = probe(); // this line and column
    assert.deepEqual(site && [site.url, site.line, site.column], [import.meta.url, 39, 18]);
    assert.equal(Error.prepareStackTrace(new Error("x")), "replaced: x", "the tool's hook is restored");
  } finally {
    Error.prepareStackTrace = saved;
  }
});
