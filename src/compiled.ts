// experimental-threads/compiled: what compile mode's rewritten files import (see
// src/spawn/compiled.ts). Not for hand-written code: write `await eval(spawn(...))` and let a front
// door (experimental-threads/register, /esbuild, /vite) rewrite it.
import "./index.js"; // the main thread's pool, the same one eval mode uses

export { run } from "./spawn/compiled.js";
export type { CompiledSite } from "./spawn/compiled.js";
