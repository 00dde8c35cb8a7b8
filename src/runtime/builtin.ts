// A Node built-in module loaded on first use instead of by a static import. A static import of
// node:v8 alone costs ~3.5 ms of a process's (and of each worker's) start on Node, paid even by
// programs that never use what needs it (Channel's serializer); startup is on the first spawn's
// critical path (issues 12 and 13). Node >= 20.16, Deno 2 and Bun have
// `process.getBuiltinModule`; older Node 20 requires it through `module.createRequire`.
import { createRequire } from "node:module";

type GetBuiltin = (name: string) => unknown;

const getBuiltin: GetBuiltin =
  (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule ?? createRequire(import.meta.url);

/** `load()` returns the built-in `name`, loading it on the first call. */
export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= getBuiltin(name) as T);
}
