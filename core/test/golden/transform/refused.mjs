// Sites the compiler refuses: each a diagnostic at the user's line, the file otherwise rewritten.
import { spawn } from "experimental-threads";

let count = 0;
const ok = 1;

export const writes = () => eval(spawn(() => { count++; }));
export const good = () => eval(spawn(() => ok + 1));
export const twoParameters = () => eval(spawn((a, b) => a + b));
const snippet = spawn(() => ok);
export const later = () => eval(snippet);
export class Holder {
  value = 2;
  read() {
    return eval(spawn(() => this.value));
  }
}
