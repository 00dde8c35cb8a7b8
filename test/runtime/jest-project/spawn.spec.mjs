import { spawn, shutdown } from "experimental-threads";
import { square } from "./square.mjs";

afterAll(() => shutdown());

test("a closure runs in a worker with its captures and an imported helper", async () => {
  const base = 3;
  expect(await eval(spawn(() => [square(base), typeof expect]))).toEqual([9, "undefined"]);
});

// Jest runs the test file, and the package, in a vm context of their own, while a worker's answers
// arrive in Node's main context: what comes back must still be revived (errors, Maps, Sets).
test("a closure that throws rejects with the error and the user's line", async () => {
  const error = await eval(spawn(() => { throw new RangeError("too far"); })).catch((e) => e);
  expect(error).toBeInstanceOf(RangeError);
  expect(error.stack).toMatch(/spawn\.spec\.mjs:14:/);
});

test("a Map and a Set holding errors arrive with the errors revived", async () => {
  const got = await eval(spawn(() => [new Map([["e", new TypeError("in a map")]]), new Set([new Error("in a set")])]));
  expect(got[0].get("e")).toBeInstanceOf(TypeError);
  expect([...got[1]][0].message).toBe("in a set");
});
