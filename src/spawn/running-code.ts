// Only the code that is running may run. spawn reads the caller's file when a site is first
// used; if the file changed since it was loaded (an editor, a checkout, a deploy over a running
// server), or the running code was never loaded from it (eval, new Function, whose frames some
// engines name after the calling file), the closure found at that position is not the one that
// called spawn. The engine holds the text it runs (`Function.prototype.toString` of the closure
// spawn received); it is compared with the file's closure before anything is compiled to run.
//
// How close the two must be depends on what stood between the file and the engine:
// - nothing, or type stripping (Node's, which blanks types in place): the same characters apart
//   from white space, compared with the file's closure and with the compiler's type-erased copy;
// - a transform (a source map mapped the position back, Bun's transpiler, Deno's for TypeScript
//   and JSX), which re-prints the code, inlines constants (Bun), and adds helpers (esbuild's
//   `__name`, enum lowering, JSX factories): the running text's identifiers, apart from the
//   words transforms add, must be the closure's in order (in any order where TypeScript is
//   lowered); its numbers and strings must be the closure's too (as written, or as the
//   engine's transpiler folds them: Bun prints `1 << 17` as 131072), or, where the closure has
//   identifiers the running text lacks (an inlined constant, an erased type), occur in the file.
//   An edit that only removes code can pass there; one that adds or changes code cannot.

/** Words transforms add to the code they emit (esbuild's `__name` and helpers, TypeScript's enum lowering). */
const TRANSFORM_WORDS = new Set([
  "function", "var", "let", "const", "return", "void", "this", "arguments", "undefined", "null",
  "true", "false", "new", "typeof", "in", "of", "for", "if", "else", "await", "async", "yield",
  "Object", "Symbol", "Reflect", "exports", "require", "module", "default",
]);

export interface ClosureTexts {
  /** What the engine runs: `Function.prototype.toString` of the closure. */
  running: string;
  /** The closure as the file on disk has it. */
  original: string;
  /** The same range of the worker module: TypeScript blanked, positions kept. */
  erased: string;
  /** The whole file (where a transform's inlined constants come from). */
  file: string;
  /** Whether a transform stood between the file and the engine (see above). */
  transformed: boolean;
  /** The closure as the engine's own transpiler prints it, where it has one (Bun: it folds constants). */
  reprinted?: string;
}

/** Whether the running closure is the file's closure. */
export function isSameClosure({ running, original, erased, file, transformed, reprinted }: ClosureTexts): boolean {
  const text = squeeze(running);
  // The module reads import.meta through a helper of the same length.
  if (text === squeeze(original) || text === squeeze(erased.replaceAll("__xt_meta()", "import.meta"))) return true;
  if (!transformed) return false;
  const ours = tokens(original);
  const theirs = tokens(running);
  // TypeScript that is lowered, not erased (enums, namespaces, parameter properties), moves and
  // repeats names: there they must occur in the closure, in any order.
  const lowered = ours.identifiers.some((word) => LOWERED.has(word));
  const factories = original.includes("<") ? jsxFactories(file) : NO_FACTORIES;
  const known = new Set(ours.identifiers);
  let next = 0;
  let matched = 0;
  for (const word of theirs.identifiers) {
    if (TRANSFORM_WORDS.has(word) || word.startsWith("__") || factories.has(word)) continue;
    if (lowered) {
      if (!known.has(word)) return false;
      continue;
    }
    while (next < ours.identifiers.length && ours.identifiers[next] !== word) next++;
    if (next === ours.identifiers.length) return false;
    next++;
    matched++;
  }
  // Literals the running text has that the closure lacks come from inlined constants: only
  // where the closure lost an identifier, and only literals the file has.
  const lost = lowered || matched < ours.identifiers.filter((w) => !TRANSFORM_WORDS.has(w)).length;
  const pools = [ours, ...(reprinted === undefined ? [] : [tokens(reprinted)]), ...(lost ? [tokens(file)] : [])];
  const pool = { numbers: pools.flatMap((p) => p.numbers), strings: pools.flatMap((p) => p.strings) };
  const numbers = new Set(pool.numbers.map(numberValue));
  for (const number of theirs.numbers) {
    if (!numbers.has(numberValue(number)) && !(lowered && /^\d+$/.test(number))) return false;
  }
  const strings = new Set([...pool.strings, ...ours.identifiers]); // JSX tags and attributes become strings
  for (const number of pool.numbers) strings.add(numberValue(number));
  for (const string of theirs.strings) if (!strings.has(string) && !(lost && isConcatenation(string, strings))) return false;
  return true;
}

// Bun folds `label + "!"` with an inlined `const label = "v2"` into "v2!": a string made of
// pieces the file has.
function isConcatenation(text: string, pieces: Set<string>): boolean {
  const reachable = new Array<boolean>(text.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= text.length; end++) {
    for (let start = 0; start < end && !reachable[end]; start++) {
      reachable[end] = reachable[start] && pieces.has(text.slice(start, end));
    }
  }
  return reachable[text.length];
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}

/** A number as written (`1_000`, `0x3e8`, `1000n`) → one spelling of its value. */
function numberValue(literal: string): string {
  const plain = literal.replaceAll("_", "").replace(/n$/, "");
  const value = Number(plain);
  return Number.isNaN(value) ? plain : String(value);
}

const LOWERED = new Set(["enum", "namespace", "module", "public", "private", "protected", "readonly", "override"]);

const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
const IDENTIFIER = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu;
const NUMBER = /(?<![\p{ID_Continue}$])\d[\w.]*/gu;

const NO_FACTORIES = new Set<string>();

function jsxFactories(file: string): Set<string> {
  const names = new Set(["React", "createElement", "Fragment", "jsx", "jsxs", "jsxDEV", "_jsx", "_jsxs", "_Fragment"]);
  for (const pragma of file.matchAll(/@jsx(?:Frag)?\s+([\w$.]+)/g)) for (const part of pragma[1].split(".")) names.add(part);
  return names;
}

function tokens(text: string): { identifiers: string[]; numbers: string[]; strings: string[] } {
  const strings: string[] = [];
  const code = text.replace(STRING, (literal) => {
    strings.push(literal.slice(1, -1));
    return '""';
  });
  // Numbers first: `1e4` and `0x1f` hold letters that are no identifiers.
  const numbers = code.match(NUMBER) ?? [];
  return { identifiers: code.replace(NUMBER, " ").match(IDENTIFIER) ?? [], numbers, strings };
}

/** The text between two 1-based positions (columns in UTF-16 code units, as `explain` gives them). */
export function textBetween(text: string, from: { line: number; column: number }, to: { line: number; column: number }): string {
  return text.slice(offsetOf(text, from.line, from.column), offsetOf(text, to.line, to.column));
}

function offsetOf(text: string, line: number, column: number): number {
  const terminator = /\r\n|[\n\r\u2028\u2029]/g;
  let at = 0;
  for (let current = 1; current < line; current++) {
    const found = terminator.exec(text);
    if (found === null) return text.length;
    at = terminator.lastIndex;
  }
  return at + column - 1;
}

type BunTranspiler = new (options: object) => { transformSync(code: string): string };

/**
 * The closure as Bun's runtime transpiler prints it (constants folded, `true` as `!0`), or
 * undefined elsewhere or where it cannot be transpiled alone.
 */
export function reprintedByBun(closure: string, dialect: string): string | undefined {
  const bun = (globalThis as { Bun?: { Transpiler?: BunTranspiler } }).Bun;
  if (bun?.Transpiler === undefined) return undefined;
  const loader = dialect === "typescript" ? "ts" : dialect === "tsx" ? "tsx" : dialect === "jsx" ? "jsx" : "js";
  try {
    return new bun.Transpiler({ loader, minify: { syntax: true } }).transformSync(`export default (${closure});`);
  } catch {
    return undefined;
  }
}
