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
  /** Where the closure's text ends (exclusive). */
  endLine: number;
  endColumn: number;
  captures: Capture[];
  /** How each variable the closure needs, directly or through captured code, reaches the worker. */
  plan: PlannedCapture[];
  /** Remarks of the planner that are not errors (what `explain` prints under the table). */
  notes: Diagnostic[];
  /** `this`, `arguments`, `super`, `new.target` of an enclosing function. */
  outerUses: SpecialUse[];
  /** Direct `eval` (`kind: "eval"`) and `with` (`kind: "with"`) inside the closure. */
  dynamic: SpecialUse[];
}

export interface PlannedCapture {
  name: string;
  /** `import`, `code`, `shared-global` (a `Global`), `value` or `global`. */
  capture: string;
  /** Whether the closure itself uses it (else only code it needs does). */
  direct: boolean;
  /** Where it is declared (absent for globals). */
  line?: number;
  column?: number;
  /** For imports: the module specifier, the imported name, and whether it is a require(). */
  specifier?: string;
  imported?: string;
  require?: boolean;
}

/** A place in the module text the runtime fills in. Offsets in UTF-16 code units of `text`. */
export interface ModuleSlot {
  /** `import`: a quoted import specifier; `original-url`: where the user's file URL goes. */
  kind: "import" | "original-url";
  begin: number;
  end: number;
  /** For `import` slots: the specifier as written. */
  specifier?: string;
}

/** The position-preserving worker module of the closure. */
export interface WorkerModule {
  text: string;
  slots: ModuleSlot[];
  /** Where the epilogue starts in `text` (UTF-16 code units): before it are the source's lines. */
  epilogue: number;
  /** The names of the value captures: a task's values come in this order. */
  values: string[];
  /** The first JSX element kept in the module (only Bun's loader transforms JSX). */
  jsx?: Position;
  /** The closure runs from a copy in the epilogue: module lines from `line` on are the user's from `originalLine` on. */
  copy?: { line: number; originalLine: number };
  /** Positions of the kept `new Global(...)` expressions. */
  globals: Position[];
}

/**
 * The answer of the compiler: the whole document `explain_json` (core/include/xthreads/explain.h)
 * writes. Every key is camelCase.
 */
export interface Explanation {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Present when the closure was found (even when it cannot run: see diagnostics). */
  closure?: Closure;
  /** Present when `ok`. */
  module?: WorkerModule;
}

/** A site of a transformed file (core/include/xthreads/transform.h). */
export interface TransformedSite extends Position {
  /** The hoisted function the front door declares for this site (`__xt_s0`, ...). */
  name: string;
  /** The closure is a generator: its task streams what it yields. */
  streamed: boolean;
  module: WorkerModule;
}

/** The answer of `transform`: the rewritten file and its sites. */
export interface TransformDocument {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The file with every site rewritten in place (lines kept); the source when there is no site. */
  text: string;
  /** The sites without errors, in source order. */
  sites: TransformedSite[];
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

/** Compile mode's whole-file transform; syntax and site errors are in `diagnostics`, not thrown. */
export function transform(source: string, dialect: Dialect): TransformDocument;

/** The dialect of a file from its extension, or null for `.d.ts` and non-script files. */
export function dialectForPath(path: string): Dialect | null;
