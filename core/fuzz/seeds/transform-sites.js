0import { spawn } from "experimental-threads";
const w = 1;
const r = eval(spawn(async () => eval(spawn(() => w))), { timeout: 1 });
const s = spawn(() => 2);
