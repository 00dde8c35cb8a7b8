// A TypeScript module: types, imports, helpers, and top-level side effects that must not run.
import { scryptSync, randomBytes } from "node:crypto";
import path, * as fsp from "node:fs/promises";
import type { Stats } from "node:fs";
import { type Dirent, constants } from "node:fs";
import config from "./config.json" with { type: "json" };

interface User { name: string; password: string }
const ROUNDS: number = 2 ** 14, unused = setInterval(() => {}, 1000);
export const label = (u: User): string => `${u.name}@${new URL(import.meta.url).pathname}`;

function slowHash(password: string, salt: Buffer): string {
  return scryptSync(password, salt, 64, { N: ROUNDS }).toString("hex") + constants.O_RDONLY;
}

console.log("module side effect: must not run in the worker");

export async function hashAll(users: User[], stats?: Stats): Promise<string[]> {
  const salt = randomBytes(16);
  return Promise.all(users.map((user) => /* café ☕ */ eval(spawn(async () => `${label(user)}:${slowHash(user.password, salt)}:${config.v}` as string))));
}
