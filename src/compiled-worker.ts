// experimental-threads/compiled-worker: the worker of a bundled program. A bundler plugin
// (experimental-threads/esbuild, /vite) makes a worker bundle whose entry imports this and hands
// it the table of the build's site modules; the pool starts its workers from that bundle.
import "./pool/worker.js";

export { serveBundledSites } from "./pool/loader.js";
