// Declarations of wasm.js: the capture compiler (core/, as WebAssembly) loaded synchronously.

/** The language of a source file. */
export type Dialect = "javascript" | "jsx" | "typescript" | "tsx";

/** A 1-based position; columns count UTF-16 code units, as stack traces print them. */
export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic extends Position {
  message: string;
}

/** A free variable of the closure: a binding of an enclosing scope, or a global. */
export interface Capture {
  name: string;
  /** `const`, `let`, `var`, `function`, `class`, `import`, `parameter`, `enum`... or `global`. */
  kind: string;
  /** What the declaration is initialised with (absent for globals). */
  initializer?: string;
  /** Where the name is declared (absent for globals). */
  line?: number;
  column?: number;
  /** Whether the closure assigns to it. */
  written: boolean;
}

/** A use of something that belongs to an enclosing function (`this`, `arguments`, `super`...), or a direct `eval` / `with`. */
export interface SpecialUse extends Position {
  kind: string;
}

export interface Closure extends Position {
  end_line: number;
  end_column: number;
  captures: Capture[];
  outer_uses: SpecialUse[];
  dynamic: SpecialUse[];
}

/**
 * The answer of the compiler, as core/include/xthreads/explain.h writes it. More fields will be
 * added; none will be removed without a change of this declaration.
 */
export interface Explanation {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Present when `ok`. */
  closure?: Closure;
}

/**
 * Loads the compiler now rather than on first use; idempotent. Reads the .wasm synchronously
 * from `wasmPath`, else $XTHREADS_WASM (on Deno only with --allow-env), else
 * build-wasm/xthreads.wasm at the package root. Throws if it was already loaded from another path.
 */
export function loadCompiler(wasmPath?: string | URL): void;

/**
 * The closure passed to the call at `line`:`column` of `source` and what it captures.
 * Syntax errors and positions that hold no such call are reported in `diagnostics`, not thrown.
 * @throws TypeError for a dialect outside `Dialect` or a position that is not a u32 integer
 */
export function explain(source: string, dialect: Dialect, line: number, column: number): Explanation;

/** The dialect of a file from its extension, or null for `.d.ts` and non-script files. */
export function dialectForPath(path: string): Dialect | null;
