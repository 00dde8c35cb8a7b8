// @ts-self-types="./wasm.d.ts"
// The capture compiler (core/, built as build-wasm/xthreads.wasm) loaded synchronously, once per
// thread, on Node, Deno and Bun. Plain ESM with JSDoc types so it runs without a build step; its
// declarations are in wasm.d.ts. The C ABI it calls is described in core/wasm/exports.cpp.
//
// Synchronous on purpose: `spawn` must answer in the same tick, so the module is read with
// readFileSync and compiled with `new WebAssembly.Module` (no streaming, no promises). The
// compiled module is kept for the life of the thread; the instance is replaced if it ever traps.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** @typedef {"javascript" | "jsx" | "typescript" | "tsx"} Dialect */

/** Dialect names in the order of the C++ enum `xthreads::Dialect`. */
const DIALECTS = /** @type {const} */ (["javascript", "jsx", "typescript", "tsx"]);

/** Environment variable that names another .wasm file (read only where permitted, see below). */
const WASM_PATH_VARIABLE = "XTHREADS_WASM";

const DEFAULT_WASM_URL = new URL("../../build-wasm/xthreads.wasm", import.meta.url);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** @type {string | undefined} the file the module was loaded from */
let loadedPath;
/** @type {WebAssembly.Module | undefined} */
let compiled;
/** @type {CompilerExports | undefined} */
let live;

/**
 * @typedef {object} CompilerExports
 * @property {WebAssembly.Memory} memory
 * @property {(size: number) => number} xt_alloc
 * @property {(ptr: number) => void} xt_free
 * @property {(src: number, len: number, dialect: number, line: number, column: number) => number} xt_explain
 * @property {(src: number, len: number, dialect: number) => number} xt_transform
 * @property {(result: number) => void} xt_result_free
 * @property {(path: number, len: number) => number} xt_dialect_for_path
 */

/**
 * Loads the compiler now (it is otherwise loaded by the first call that needs it). Idempotent.
 * @param {string | URL} [wasmPath] the .wasm file; default: $XTHREADS_WASM, else
 *   build-wasm/xthreads.wasm at the root of this package
 */
export function loadCompiler(wasmPath) {
  if (compiled !== undefined) {
    const path = wasmPath === undefined ? loadedPath : resolveWasmPath(wasmPath);
    if (path !== loadedPath) {
      throw new Error(
        `experimental-threads: the capture compiler is already loaded from ${loadedPath}; ` +
          `it cannot be loaded again from ${path} in the same thread`,
      );
    }
    return;
  }
  const path = resolveWasmPath(wasmPath);
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    const hint =
      code === "ENOENT"
        ? "it is built by `bash core/wasm/build.sh`"
        : "Deno" in globalThis
          ? "Deno reads it only with --allow-read"
          : String(/** @type {Error} */ (error).message);
    throw new Error(`experimental-threads: cannot read the capture compiler at ${path}: ${hint}`, { cause: error });
  }
  compiled = new WebAssembly.Module(bytes);
  loadedPath = path;
}

/**
 * The closure passed to the call at `line`:`column` of `source`, and what it captures.
 * @param {string} source the whole file's text
 * @param {Dialect} dialect
 * @param {number} line 1-based
 * @param {number} column 1-based, in UTF-16 code units (as stack traces print it)
 * @returns {object} the JSON document of core/include/xthreads/explain.h, parsed
 */
export function explain(source, dialect, line, column) {
  if (typeof source !== "string") throw new TypeError("experimental-threads: explain(source): source must be a string");
  const dialectIndex = dialectIndexOf("explain", dialect);
  checkPosition("line", line);
  checkPosition("column", column);
  return JSON.parse(
    call((wasm) =>
      withBytes(wasm, encoder.encode(source), (ptr, length) =>
        readResult(wasm, wasm.xt_explain(ptr, length, dialectIndex, line, column)),
      ),
    ),
  );
}

/**
 * Compile mode's whole-file transform: every `eval(spawn(...))` of `source` rewritten as a call
 * of a precompiled site, and each site's worker module.
 * @param {string} source the whole file's text
 * @param {Dialect} dialect
 * @returns {object} the JSON document of core/include/xthreads/transform.h, parsed
 */
export function transform(source, dialect) {
  if (typeof source !== "string") throw new TypeError("experimental-threads: transform(source): source must be a string");
  const dialectIndex = dialectIndexOf("transform", dialect);
  return JSON.parse(
    call((wasm) =>
      withBytes(wasm, encoder.encode(source), (ptr, length) => readResult(wasm, wasm.xt_transform(ptr, length, dialectIndex))),
    ),
  );
}

/**
 * @param {CompilerExports} wasm
 * @param {number} result a result pointer of xt_explain or xt_transform
 * @returns {string} its JSON text (the result is given back)
 */
function readResult(wasm, result) {
  if (result === 0) throw new Error("out of memory");
  try {
    const view = new DataView(wasm.memory.buffer);
    const size = view.getUint32(result, true);
    return decoder.decode(new Uint8Array(wasm.memory.buffer, result + 4, size));
  } finally {
    wasm.xt_result_free(result);
  }
}

/**
 * @param {string} call
 * @param {Dialect} dialect
 * @returns {number}
 */
function dialectIndexOf(call, dialect) {
  const index = DIALECTS.indexOf(dialect);
  if (index < 0) {
    throw new TypeError(`experimental-threads: ${call}(source, dialect): unknown dialect ${JSON.stringify(dialect)}; expected one of ${DIALECTS.join(", ")}`);
  }
  return index;
}

/**
 * The dialect of a file from its extension (`.js .mjs .cjs .jsx .ts .mts .cts .tsx`), or null
 * for a file that holds no run-time code (`.d.ts`, anything else).
 * @param {string} path
 * @returns {Dialect | null}
 */
export function dialectForPath(path) {
  if (typeof path !== "string") throw new TypeError("experimental-threads: dialectForPath(path): path must be a string");
  const index = call((wasm) =>
    withBytes(wasm, encoder.encode(path), (ptr, length) => wasm.xt_dialect_for_path(ptr, length)),
  );
  return index < 0 ? null : DIALECTS[index];
}

/**
 * @param {string | URL | undefined} wasmPath
 * @returns {string}
 */
function resolveWasmPath(wasmPath) {
  const chosen = wasmPath ?? environmentWasmPath() ?? DEFAULT_WASM_URL;
  return chosen instanceof URL ? fileURLToPath(chosen) : chosen;
}

/**
 * $XTHREADS_WASM, read only when that needs no permission prompt: on Deno without --allow-env
 * the variable is ignored rather than asking the user.
 * @returns {string | undefined}
 */
function environmentWasmPath() {
  const deno = /** @type {any} */ (globalThis).Deno;
  if (deno !== undefined) {
    const permission = deno.permissions.querySync({ name: "env", variable: WASM_PATH_VARIABLE });
    if (permission.state !== "granted") return undefined;
  }
  return globalThis.process?.env?.[WASM_PATH_VARIABLE] || undefined;
}

/**
 * @param {string} name
 * @param {number} value
 */
function checkPosition(name, value) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new TypeError(`experimental-threads: explain(): ${name} must be an integer from 0 to 2^32-1, got ${value}`);
  }
}

/**
 * Runs `body` with the live instance, instantiating it first if needed. Anything thrown out of
 * it — a trap (a C++ abort, the C++ stack overflowing), the engine's own stack overflowing
 * (a RangeError), memory that cannot grow — may have left the instance's heap and stack pointer
 * half-updated, so the instance is dropped: the next call starts from a fresh instance of the
 * same compiled module.
 * @template T
 * @param {(wasm: CompilerExports) => T} body
 * @returns {T}
 */
function call(body) {
  if (live === undefined) live = instantiate();
  try {
    return body(live);
  } catch (error) {
    live = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`experimental-threads: the capture compiler failed (${reason}); it was reset`, { cause: error });
  }
}

/**
 * Copies `bytes` into the instance's memory for the duration of `body`.
 * @template T
 * @param {CompilerExports} wasm
 * @param {Uint8Array} bytes
 * @param {(ptr: number, length: number) => T} body
 * @returns {T}
 */
function withBytes(wasm, bytes, body) {
  const ptr = wasm.xt_alloc(bytes.length);
  if (ptr === 0) throw new Error("out of memory");
  try {
    new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
    return body(ptr, bytes.length);
  } finally {
    wasm.xt_free(ptr);
  }
}

/** @returns {CompilerExports} */
function instantiate() {
  loadCompiler();
  const module = /** @type {WebAssembly.Module} */ (compiled);
  /** @type {{ memory?: WebAssembly.Memory }} */
  const state = {};
  const instance = new WebAssembly.Instance(module, importsFor(module, state));
  const wasm = /** @type {CompilerExports & { _initialize?: () => void }} */ (
    /** @type {unknown} */ (instance.exports)
  );
  state.memory = wasm.memory;
  wasm._initialize?.(); // reactor module: runs the C++ static constructors
  return wasm;
}

// ---------------------------------------------------------------------------------------------
// WASI. The compiler does no I/O, but wasi-libc's stderr comes with the C++ standard library
// (libc++ prints why it aborts), so the module imports the three functions behind it. They are
// implemented here, and nothing else: a module that imports anything more is rejected when it
// is instantiated, with a message that says so.

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_SPIPE = 70;

/**
 * @param {{ memory?: WebAssembly.Memory }} state filled with the memory once instantiated
 */
function wasiFunctions(state) {
  const memory = () => /** @type {WebAssembly.Memory} */ (state.memory).buffer;
  /** @type {Record<string, (...args: number[]) => number>} */
  const functions = {
    // stdout and stderr go to console.error, one line per call
    fd_write(fd, iovs, iovsLength, writtenPtr) {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF;
      const view = new DataView(memory());
      let text = "";
      let written = 0;
      for (let i = 0; i < iovsLength; i++) {
        const base = view.getUint32(iovs + i * 8, true);
        const length = view.getUint32(iovs + i * 8 + 4, true);
        text += decoder.decode(new Uint8Array(memory(), base, length));
        written += length;
      }
      if (text !== "") console.error(`[xthreads.wasm] ${text.replace(/\n$/, "")}`);
      view.setUint32(writtenPtr, written, true);
      return ERRNO_SUCCESS;
    },
    fd_seek: () => ERRNO_SPIPE, // stdout and stderr are pipes
    fd_close: () => ERRNO_SUCCESS,
  };
  return functions;
}

/**
 * The import object for `module`: only what it imports, all of it from wasi_snapshot_preview1.
 * @param {WebAssembly.Module} module
 * @param {{ memory?: WebAssembly.Memory }} state
 * @returns {WebAssembly.Imports}
 */
function importsFor(module, state) {
  const wasi = wasiFunctions(state);
  /** @type {Record<string, Function>} */
  const provided = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (from !== "wasi_snapshot_preview1" || kind !== "function" || !Object.hasOwn(wasi, name)) {
      throw new Error(
        `experimental-threads: ${loadedPath} imports ${from}.${name} (${kind}), which this loader does not provide; ` +
          "add it to src/compiler/wasm.js",
      );
    }
    provided[name] = wasi[name];
  }
  return { wasi_snapshot_preview1: provided };
}
