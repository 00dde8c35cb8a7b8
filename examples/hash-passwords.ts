// What `spawn` will see in a real module: the demo asks the capture compiler which outer
// variables each closure uses and how each will reach the worker.
import { scryptSync, randomBytes } from "node:crypto";
import { spawn, Mutex } from "experimental-threads";

interface User {
  name: string;
  password: string;
}

const ROUNDS = 2 ** 14;
const counter = new Mutex(new SharedArrayBuffer(4));

function slowHash(password: string, salt: Buffer): string {
  return scryptSync(password, salt, 64, { N: ROUNDS }).toString("hex");
}

export async function hashAll(users: User[]): Promise<string[]> {
  return Promise.all(
    users.map((user) => {
      const salt = randomBytes(16);
      return eval(spawn(async () => {
        using guard = await counter.lock();
        guard.value[0]++;
        return `${user.name}:${slowHash(user.password, salt)}`;
      }));
    }),
  );
}

class Report {
  title = "hashes";
  async print(lines: string[]) {
    // `this` belongs to the method around the closure: the compiler reports it.
    return eval(spawn(() => `${this.title}: ${lines.length}`));
  }
}
