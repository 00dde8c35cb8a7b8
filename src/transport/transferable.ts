// What can be moved (not copied) to another thread, as node:worker_threads types it.
export type { Transferable } from "node:worker_threads";
