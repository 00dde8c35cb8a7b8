// TypeScript: types on the closure and around it are kept in the rewritten file (the runtime or
// bundler erases them); the worker module is JavaScript.
import * as xt from "experimental-threads";
import type { SpawnOptions } from "experimental-threads";

interface Job {
  id: number;
  weight: number;
}

const options: SpawnOptions = { timeout: 500 };

export function total(jobs: Job[]): Promise<number> {
  return eval(xt.spawn((): number => jobs.reduce((sum: number, job: Job) => sum + job.weight, 0), options));
}

enum Level {
  Low = 1,
  High = 2,
}

export const level = (n: number) => eval(xt.spawn(() => (n > 10 ? Level.High : Level.Low)));
