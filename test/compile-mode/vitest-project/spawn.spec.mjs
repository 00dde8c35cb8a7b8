import { test, expect, afterAll } from "vitest";
import { spawn, shutdown } from "experimental-threads";
import { square } from "./square.mjs";

afterAll(() => shutdown());

test("a closure runs in a worker with its captures and an imported helper", async () => {
  const base = 3;
  const got = await eval(spawn(() => [square(base), typeof window]));
  expect(got).toEqual([9, "undefined"]);
});

test("a nested spawn and a stream", async () => {
  const words = ["a", "b"];
  const upper = await eval(spawn(async () => eval(spawn(() => words.map((w) => w.toUpperCase())))));
  expect(upper).toEqual(["A", "B"]);
  const seen = [];
  for await (const x of eval(spawn(function* () { yield* words; }))) seen.push(x);
  expect(seen).toEqual(["a", "b"]);
});
