// A closure inside the function it calls: the function is kept with its spawn call, the closure
// is copied into the epilogue at its own column, its locals arrive as values.
import { spawn } from "experimental-threads";

export async function sum(list) {
  if (list.length <= 2) return list.reduce((a, b) => a + b, 0);
  const half = list.length >> 1;
  const left = list.slice(0, half);
  const right = list.slice(half);
  const [a, b] = await Promise.all([
    eval(spawn(() => sum(left))),
    eval(spawn(() => sum(right))),
  ]);
  return a + b;
}
