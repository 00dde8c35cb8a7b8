// Compile mode's code generation, shared by every front door: the capture compiler's whole-file
// transform (core/include/xthreads/transform.h) gives the file with each `eval(spawn(...))`
// rewritten as `__xt_spawn(__xt_sN, [values], options?)` and each site's worker module; this adds
// what the rewritten calls need after the file's last line (so no line moves):
//   the import of `run`, and a hoisted `function __xt_sN() { return {site} }` per site.
// Two targets:
// - "hook" (the load hooks): the files are on disk and the package's own worker runs the sites;
//   each site carries its worker module's text, served to the worker from memory as in eval mode;
// - "bundle" (esbuild, Vite): each site's module becomes a module of a worker bundle
//   (`onModule`), imports kept as import statements the bundler follows; the site names it by
//   hash and names the worker bundle's URL.
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform, dialectForPath } from "../compiler/wasm.js";
import type { Dialect, ModuleSlot, TransformedSite } from "../compiler/wasm.js";
import { displayPath, fillSlots } from "../spawn/site-module.js";
import { hashOf } from "../spawn/module-hash.js";

/** A problem of one site, where the user wrote it. */
export interface CompileDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A site's worker module as a module of the worker bundle. */
export interface BundledModule {
  hash: string;
  code: string;
  /** The user's file: the module's imports resolve from its directory. */
  file: string;
  /** The code keeps JSX. */
  jsx: boolean;
}

export interface CompileOptions {
  target: "hook" | "bundle";
  /** How the file is loaded: the added code is an import statement or a require call. */
  format: "module" | "commonjs";
  /** The file's dialect when its path does not tell it. */
  dialect?: Dialect;
  /** bundle: a JavaScript expression, in the output, for the URL of the worker bundle. */
  workerUrl?: string;
  /** bundle: receives each site's module (nested sites' modules too). */
  onModule?(module: BundledModule): void;
  /**
   * The sites whose worker modules are being compiled around this one (`file:line:column` →
   * bundled module hash). A closure written inside a function it calls (recursion) has a worker
   * module that holds the same site again (positions are kept): compiling stops there.
   */
  enclosing?: Map<string, string>;
  /** hook: hashes of enclosing modules that a repeated site named (shared by the nested compiles). */
  named?: Set<string>;
}

export interface CompiledFile {
  /** The rewritten file; the source itself when it has no site. */
  code: string;
  sites: number;
  /** Sites that could not be compiled (they stay as written) and spawns outside eval. */
  diagnostics: CompileDiagnostic[];
}

// The runtime the rewritten files call: this package's own dist/bundled/compiled.js (what the
// "./compiled" export loads), by path, so that a file anywhere reaches the same module instance
// as its `import "experimental-threads"`. This code runs from dist/compile/ or dist/bundled/, one
// level below dist/ either way (see scripts/bundle-runtime.mjs).
const COMPILED_URL = new URL("../bundled/compiled.js", import.meta.url).href;
export const COMPILED_PATH = fileURLToPath(COMPILED_URL);
export const COMPILED_WORKER_PATH = fileURLToPath(new URL("../bundled/compiled-worker.js", import.meta.url));

/** Whether a file may hold sites: it names the package (files that do not are left alone). */
export function mayHoldSites(text: string): boolean {
  return text.includes("experimental-threads");
}

export function compileFile(source: string, file: string, options: CompileOptions): CompiledFile {
  const dialect = options.dialect ?? dialectForPath(file);
  if (dialect === null) return { code: source, sites: 0, diagnostics: [] };
  const document = transform(source, dialect);
  const diagnostics = document.diagnostics.map((d) => ({ file, line: d.line, column: d.column, message: d.message }));
  if (document.sites.length === 0) return { code: source, sites: 0, diagnostics };
  const url = pathToFileURL(file).href;
  let added =
    options.format === "module"
      ? `\n;import { run as __xt_spawn } from ${JSON.stringify(options.target === "hook" ? COMPILED_URL : COMPILED_PATH)};\n`
      : `\n;function __xt_spawn(d, v, o) { return require(${JSON.stringify(COMPILED_PATH)}).run(d, v, o); }\n`;
  for (const site of document.sites) {
    const description = options.target === "hook" ? servedSite(site, file, url, options, diagnostics) : bundledSite(site, file, options, diagnostics);
    added += `function ${site.name}() { return ${description}; }\n`;
  }
  return { code: document.text + added, sites: document.sites.length, diagnostics };
}

function common(site: TransformedSite, file: string): string {
  const label = `${displayPath(file)}:${site.line}:${site.column}`;
  return (
    `values: ${JSON.stringify(site.module.values)}, label: ${JSON.stringify(label)}, streamed: ${site.streamed}, ` +
    `file: ${JSON.stringify(displayPath(file))}${site.module.jsx ? `, jsx: ${JSON.stringify(site.module.jsx)}` : ""}`
  );
}

// The hook's site: the worker module's text, its original-URL slot filled, as eval mode makes it.
// The module is named by that text before its own sites are compiled; the same site met again
// inside it (a recursive closure) names the module by hash alone, and the pool fills it in
// (SiteModule.recursive).
function servedSite(site: TransformedSite, file: string, url: string, options: CompileOptions, diagnostics: CompileDiagnostic[]): string {
  const key = `${file}:${site.line}:${site.column}`;
  const enclosing = options.enclosing?.get(key);
  const names = site.module.values;
  if (enclosing !== undefined) {
    options.named!.add(enclosing);
    const reference = { hash: enclosing, url, text: "", imports: [], names };
    return `{ module: ${JSON.stringify(reference)}, ${common(site, file)} }`;
  }
  const hash = hashOf(url, fillSlots(site.module.text, site.module.slots, url).text);
  const named = options.named ?? new Set<string>();
  const inner = { ...options, named, enclosing: new Map(options.enclosing).set(key, hash) };
  const { text: filled, imports } = fillSlots(...nestedCompiled(site, file, inner, diagnostics), url);
  const module = {
    hash,
    url,
    text: filled,
    imports,
    names,
    ...(site.module.copy && { copy: site.module.copy }),
    ...(site.module.jsx && { jsx: true }),
    ...(named.has(hash) && { recursive: true }),
  };
  return `{ module: ${JSON.stringify(module)}, ${common(site, file)} }`;
}

// Nested spawns in the closure run in the worker: the worker module is compiled in turn (its
// sites served the same way). Its slots (the epilogue's imports and original URL) come before
// anything the rewrite changes in the epilogue (a copied closure), so they move by what the
// rewrite changed before the epilogue.
function nestedCompiled(site: TransformedSite, file: string, options: CompileOptions, diagnostics: CompileDiagnostic[]): [string, ModuleSlot[]] {
  const { text, slots, epilogue } = site.module;
  const nested = compileFile(text, file, {
    ...options,
    format: "module",
    dialect: site.module.jsx ? "jsx" : "javascript",
  });
  diagnostics.push(...nested.diagnostics);
  if (nested.sites === 0) return [text, slots];
  const slotsEnd = Math.max(...slots.map((slot) => slot.end));
  const moved = nested.code.indexOf(text.slice(epilogue, slotsEnd)) - epilogue;
  return [nested.code, slots.map((slot) => ({ ...slot, begin: slot.begin + moved, end: slot.end + moved }))];
}

// The bundle's site: its module goes into the worker bundle; the site names it by hash.
function bundledSite(site: TransformedSite, file: string, options: CompileOptions, diagnostics: CompileDiagnostic[]): string {
  const code = instanceFactory(site);
  // The module is named by its text before its own sites are compiled; the same site met again
  // inside it (a recursive closure) names that module instead of compiling forever.
  const key = `${file}:${site.line}:${site.column}`;
  const enclosing = options.enclosing?.get(key);
  const hash = enclosing ?? hashOf(pathToFileURL(file).href, code);
  const module = { hash, url: "", text: "", imports: [], names: site.module.values, bundled: true };
  const description = `{ module: ${JSON.stringify(module)}, ${common(site, file)}, worker: ${options.workerUrl} }`;
  if (enclosing !== undefined) return description;
  // Nested spawns in the closure run in the worker: the module is compiled in turn, and its
  // sites' modules go into the same worker bundle (its workers run every site of the program).
  const nested = compileFile(code, file, {
    ...options,
    format: "module",
    dialect: site.module.jsx ? "jsx" : "javascript",
    workerUrl: "import.meta.url",
    enclosing: new Map(options.enclosing).set(key, hash),
  });
  diagnostics.push(...nested.diagnostics);
  options.onModule?.({ hash, code: nested.code, file, jsx: site.module.jsx !== undefined });
  return description;
}

/**
 * The worker module as a module of a bundle. A worker may run several tasks of one site at once
 * (async closures), each with its own captured values in module variables: eval mode loads one
 * module instance per concurrent task; a bundled module is instantiated once, so its body
 * becomes `__xt_instance()`, called once per instance. Its imports stay at the top level (every
 * instance shares them, as every instance of eval mode imports the same modules). The body's
 * lines stay where they are (the function's head goes before the first line).
 */
function instanceFactory(site: TransformedSite): string {
  const { text, slots, epilogue } = site.module;
  let filled = "";
  let at = 0;
  for (const slot of [...slots].sort((a, b) => a.begin - b.begin)) {
    // import.meta.url is the worker bundle's, as the main program's is the main bundle's.
    filled += text.slice(at, slot.begin) + (slot.kind === "original-url" ? "import.meta.url" : text.slice(slot.begin, slot.end));
    at = slot.end;
  }
  filled += text.slice(at);
  const body = filled.slice(0, epilogue);
  const rest = filled.slice(epilogue).replace(/^\n;/, "\n"); // the epilogue starts with "\n;import"
  const imports: string[] = [];
  const inner = rest
    .replace(/^import [^;]*;\n/gm, (statement) => {
      imports.push(statement);
      return "";
    })
    .replace("export function __xt_run()", "function __xt_run()")
    .replace("export const __xt_globals", "const __xt_globals");
  return (
    `export async function __xt_instance() {${body}${inner}\nreturn { __xt_run, __xt_globals };\n}\n` + imports.join("")
  );
}
