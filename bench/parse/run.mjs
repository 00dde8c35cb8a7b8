#!/usr/bin/env node
// Parse throughput benchmark: the xthreads C++ front end (parse + scope analysis) side by side,
// in one run, with tree-sitter-typescript (C runtime + grammar from npm, built natively with the
// same compiler and flags), typescript@5's createSourceFile and oxc-parser's parseSync.
//
//   cd bench/parse && npm ci --ignore-scripts && node --expose-gc run.mjs
//
// Options:
//   --rounds N              rounds per tool and input (default 5); the median round is reported
//   --min-round-seconds S   each round repeats whole passes until S seconds went by (default 0.3)
//   --corpus FILE           inputs file (default corpus.json beside this script); also takes
//                           ../../test/differential/corpus.json (packages with include globs)
//   --build-dir DIR         CMake build directory (default <repo>/build-bench)
//   --no-build              use the already built bench executable
//   --skip-native / --skip-js   leave out one side
//   --out FILE              write the results as JSON (default results.json beside this script)
//
// This is a benchmark, not a test: it exits 0 whether or not the targets are met.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const nodeModules = path.join(here, "node_modules");
const require = createRequire(import.meta.url);

// ---- options -----------------------------------------------------------------------------------
const args = process.argv.slice(2);
const opt = {
  rounds: 5,
  minRoundSeconds: 0.3,
  corpus: path.join(here, "corpus.json"),
  buildDir: path.join(repo, "build-bench"),
  build: true,
  native: true,
  js: true,
  out: path.join(here, "results.json"),
};
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    if (i + 1 >= args.length) fail(`${a} needs a value`);
    return args[++i];
  };
  if (a === "--rounds") opt.rounds = Math.max(1, parseInt(value(), 10));
  else if (a === "--min-round-seconds") opt.minRoundSeconds = parseFloat(value());
  else if (a === "--corpus") opt.corpus = path.resolve(value());
  else if (a === "--build-dir") opt.buildDir = path.resolve(value());
  else if (a === "--no-build") opt.build = false;
  else if (a === "--skip-native") opt.native = false;
  else if (a === "--skip-js") opt.js = false;
  else if (a === "--out") opt.out = path.resolve(value());
  else if (a === "--help" || a === "-h") {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 18).join("\n"));
    process.exit(0);
  } else fail(`unknown argument ${a}`);
}

function fail(message) {
  console.error(`bench/parse: ${message}`);
  process.exit(2);
}

if (!fs.existsSync(path.join(nodeModules, "typescript"))) {
  fail(`${nodeModules} is missing: run \`npm ci --ignore-scripts\` in ${here}`);
}

// ---- inputs ------------------------------------------------------------------------------------
const SOURCE_EXTENSIONS = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

function walk(dir, depth, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 1 && entry.name !== "node_modules") walk(p, depth - 1, out);
    } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(p);
    }
  }
  return out;
}

// `*` within a segment, `**` any number of segments, `?` one character, `{a,b}` alternatives.
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      if (glob[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") re += "(?:";
    else if (c === "}") re += ")";
    else if (c === ",") re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

// The differential test's corpus (test/differential/corpus.json: packages with include/exclude
// globs, resolved in the node_modules beside it) as one input.
function loadPackageCorpus(corpusFile, spec) {
  const base = path.join(path.dirname(corpusFile), "node_modules");
  if (!fs.existsSync(base)) fail(`${base} is missing: run \`npm ci --ignore-scripts\` in ${path.dirname(corpusFile)}`);
  const paths = [];
  for (const pkg of spec.packages) {
    const root = path.join(base, pkg.name);
    const include = pkg.include.map(globToRegExp);
    const exclude = [...(spec.exclude ?? []), ...(pkg.exclude ?? [])].map(globToRegExp);
    for (const p of walk(root, Infinity, [])) {
      const rel = path.relative(root, p).split(path.sep).join("/");
      if (include.some((r) => r.test(rel)) && !exclude.some((r) => r.test(rel))) paths.push(p);
    }
  }
  return [{ name: `${path.basename(path.dirname(corpusFile))} corpus`, paths }];
}

function loadInputs(corpusFile) {
  const spec = JSON.parse(fs.readFileSync(corpusFile, "utf8"));
  if (Array.isArray(spec.packages)) {
    return loadPackageCorpus(corpusFile, spec).map(({ name, paths }) => readInput(name, paths));
  }
  const base = spec.base ? path.resolve(path.dirname(corpusFile), spec.base) : nodeModules;
  return spec.inputs.map((input) => {
    let paths = (input.files ?? []).map((f) => path.resolve(base, f));
    for (const d of input.dirs ?? []) paths.push(...walk(path.resolve(base, d.dir), d.depth ?? Infinity, []));
    return readInput(input.name, paths);
  });
}

function readInput(name, paths) {
  paths = [...new Set(paths)].sort();
  const files = paths.map((p) => {
    const buffer = fs.readFileSync(p);
    return { path: p, name: path.basename(p), text: buffer.toString("utf8"), bytes: buffer.length };
  });
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { name, files, bytes };
}

const inputs = loadInputs(opt.corpus);
const bytesOf = (input) => input.bytes;

// ---- versions and machine ----------------------------------------------------------------------
function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(nodeModules, name, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}
const versions = {
  node: process.version,
  typescript: packageVersion("typescript"),
  "oxc-parser": packageVersion("oxc-parser"),
  "tree-sitter (C runtime)": packageVersion("tree-sitter"),
  "tree-sitter-typescript": packageVersion("tree-sitter-typescript"),
};
const machine = { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, platform: `${process.platform}-${process.arch}` };

// ---- native side: xthreads::analyze and tree-sitter --------------------------------------------
const benchExe = path.join(opt.buildDir, "core", "bench", "xthreads-parse-bench");

function run(cmd, cmdArgs, options = {}) {
  console.error(`$ ${[cmd, ...cmdArgs].join(" ")}`);
  // The build's output goes to stderr: stdout carries only the report.
  return spawnSync(cmd, cmdArgs, { stdio: ["ignore", 2, 2], ...options });
}

function buildNative() {
  // -O2 for everything: the xthreads core, the bench and the tree-sitter C sources alike.
  const configure = run("cmake", [
    "-S", repo, "-B", opt.buildDir, "-G", "Ninja",
    "-DCMAKE_BUILD_TYPE=Release",
    "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG",
    "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG",
    "-DXTHREADS_BENCH=ON", "-DXTHREADS_TESTS=OFF",
    `-DXTHREADS_BENCH_NODE_MODULES=${nodeModules}`,
  ]);
  if (configure.status !== 0) return `cmake configure failed (exit ${configure.status})`;
  const build = run("cmake", ["--build", opt.buildDir, "--target", "xthreads-parse-bench"]);
  if (build.status !== 0) return `the native bench did not build (exit ${build.status})`;
  return null;
}

function runNative() {
  const listDir = fs.mkdtempSync(path.join(os.tmpdir(), "xthreads-parse-bench-"));
  const benchArgs = ["--rounds", String(opt.rounds), "--min-round-seconds", String(opt.minRoundSeconds)];
  inputs.forEach((input, i) => {
    const list = path.join(listDir, `input-${i}.txt`);
    fs.writeFileSync(list, input.files.map((f) => f.path).join("\n") + "\n");
    benchArgs.push("--input", input.name, `@${list}`);
  });
  console.error(`$ ${benchExe} ${benchArgs.join(" ")}`);
  const r = spawnSync(benchExe, benchArgs, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
  fs.rmSync(listDir, { recursive: true, force: true });
  if (r.status !== 0) return { error: `xthreads-parse-bench exited with ${r.status ?? r.signal}` };
  return JSON.parse(r.stdout.toString("utf8"));
}

// ---- JS side: typescript and oxc-parser, in this process ---------------------------------------
function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

async function jsTools() {
  const ts = require(path.join(nodeModules, "typescript"));
  const oxc = await import(path.join(nodeModules, "oxc-parser", "src-js", "index.js"));
  const scriptKind = (name) =>
    name.endsWith(".tsx") ? ts.ScriptKind.TSX
    : name.endsWith(".jsx") ? ts.ScriptKind.JSX
    : /\.[cm]?ts$/.test(name) ? ts.ScriptKind.TS
    : ts.ScriptKind.JS;
  // Parse only, its fastest way: setParentNodes=false (as the compiler does) and JSDoc comments
  // left unparsed (JSDocParsingMode.ParseNone, TypeScript >= 5.3), since no other tool here
  // parses them either.
  const createOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode?.ParseNone };
  const tools = [
    {
      // No binder, no checker.
      tool: "typescript createSourceFile",
      parse: (f) => {
        const sf = ts.createSourceFile(f.path, f.text, createOptions, false, scriptKind(f.name));
        return { n: sf.statements.length, error: sf.parseDiagnostics?.length > 0 };
      },
    },
  ];
  if (typeof ts.bindSourceFile === "function") {
    tools.push({
      // Parse + the binder (TypeScript's own scope/symbol tables): the nearest peer to ours.
      tool: "typescript createSourceFile+bind",
      parse: (f) => {
        const sf = ts.createSourceFile(f.path, f.text, createOptions, false, scriptKind(f.name));
        ts.bindSourceFile(sf, { target: ts.ScriptTarget.Latest });
        return { n: sf.statements.length + (sf.locals?.size ?? 0), error: sf.parseDiagnostics?.length > 0 };
      },
    });
  }
  tools.push({
    // Rust parse + AST to JS objects (JSON), the way oxc-parser's users get it.
    tool: "oxc-parser parseSync",
    parse: (f) => {
      const r = oxc.parseSync(f.path, f.text);
      return { n: r.program.body.length, error: r.errors.length > 0 };
    },
  });
  tools.push({
    // The same call without reading `program`: the Rust parse and its serialisation to a JSON
    // string, but no JS objects. The fastest way to use oxc-parser's default API.
    tool: "oxc-parser parseSync (AST left as JSON)",
    parse: (f) => {
      const r = oxc.parseSync(f.path, f.text);
      return { n: r.comments.length, error: r.errors.length > 0 };
    },
  });
  const rawTransfer = oxc.rawTransferSupported();
  if (rawTransfer) {
    tools.push({
      tool: "oxc-parser parseSync (raw transfer)",
      parse: (f) => {
        const r = oxc.parseSync(f.path, f.text, { experimentalRawTransfer: true });
        return { n: r.program.body.length, error: r.errors.length > 0 };
      },
    });
  }
  // Which binding oxc-parser loaded: a native napi prebuild or its wasm fallback.
  const loaded = Object.keys(require.cache).filter((p) => p.includes("@oxc-parser/binding-") && !p.endsWith("package.json"));
  const oxcBinding = loaded.map((p) => path.relative(nodeModules, p)).join(", ") || "unknown";
  return { tools, notes: { oxcBinding, oxcRawTransfer: rawTransfer } };
}

function measureJs(tools, input) {
  const gc = globalThis.gc ?? (() => {});
  const results = tools.map((t) => ({ tool: t.tool, rounds: [], cpuRounds: [], passes: [], filesWithErrors: 0 }));
  // Warm-up: two passes per tool (JIT, inline caches), and count files with parse errors.
  tools.forEach((t, i) => {
    for (let k = 0; k < 2; k++) {
      let errors = 0;
      for (const f of input.files) if (t.parse(f).error) errors++;
      results[i].filesWithErrors = errors;
    }
  });
  let sink = 0;
  for (let round = 0; round < opt.rounds; round++) {
    tools.forEach((t, i) => {
      gc();
      let passes = 0;
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      let elapsed = 0;
      do {
        for (const f of input.files) sink += t.parse(f).n;
        passes++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      } while (elapsed < opt.minRoundSeconds);
      const cpu = process.cpuUsage(cpuStart);
      results[i].rounds.push(elapsed / passes);
      // All of this process's threads: the JS thread plus V8's GC and compiler helpers.
      results[i].cpuRounds.push((cpu.user + cpu.system) / 1e6 / passes);
      results[i].passes.push(passes);
    });
  }
  if (sink === -1) console.log(sink);
  return results;
}

// ---- main --------------------------------------------------------------------------------------
const loadBefore = os.loadavg()[0];
if (loadBefore > 0.8) console.error(`warning: load average is ${loadBefore.toFixed(2)} on ${os.cpus().length} cores: something else is running, timings will suffer`);
console.error(`inputs (${path.relative(process.cwd(), opt.corpus) || opt.corpus}):`);
for (const input of inputs) console.error(`  ${input.name}: ${input.files.length} files, ${(input.bytes / 1e6).toFixed(2)} MB`);

const rows = []; // { tool, input, bytes, medianS, minS, maxS, filesWithErrors }
const notes = [];
let native = null;
if (opt.native) {
  const buildError = opt.build ? buildNative() : null;
  if (buildError) {
    notes.push(`NATIVE SIDE MISSING: ${buildError}; no xthreads or tree-sitter numbers in this run.`);
  } else if (!fs.existsSync(benchExe)) {
    notes.push(`NATIVE SIDE MISSING: ${benchExe} does not exist (drop --no-build).`);
  } else {
    native = runNative();
    if (native.error) {
      notes.push(`NATIVE SIDE MISSING: ${native.error}.`);
      native = null;
    }
  }
}
if (native) {
  if (!native.tree_sitter.built) notes.push(`tree-sitter MISSING from the native bench: ${native.tree_sitter.note}`);
  native.inputs.forEach((ni, k) => {
    for (const [tool, r] of Object.entries(ni.results)) {
      rows.push({
        tool: tool === "xthreads" ? "xthreads analyze (ours)" : "tree-sitter",
        key: tool,
        input: inputs[k].name,
        files: ni.files,
        bytes: ni.bytes,
        medianS: r.median_s,
        medianCpuS: r.median_cpu_s,
        minS: r.min_s,
        maxS: r.max_s,
        filesWithErrors: r.files_with_errors,
      });
    }
  });
}
let jsNotes = null;
if (opt.js) {
  const { tools, notes: n } = await jsTools();
  jsNotes = n;
  if (!globalThis.gc) notes.push("run with `node --expose-gc` to collect garbage between rounds (GC time inside a round is always counted).");
  for (const input of inputs) {
    console.error(`measuring JS tools on ${input.name}...`);
    for (const r of measureJs(tools, input)) {
      rows.push({
        tool: r.tool,
        key: r.tool,
        input: input.name,
        files: input.files.length,
        bytes: bytesOf(input),
        medianS: median(r.rounds),
        medianCpuS: median(r.cpuRounds),
        minS: Math.min(...r.rounds),
        maxS: Math.max(...r.rounds),
        filesWithErrors: r.filesWithErrors,
      });
    }
  }
}

// ---- report ------------------------------------------------------------------------------------
const mbps = (row) => row.bytes / 1e6 / row.medianS;
const cpuMbps = (row) => row.bytes / 1e6 / row.medianCpuS;
const ours = new Map(rows.filter((r) => r.key === "xthreads").map((r) => [r.input, r]));
const table = [["tool", "input", "MB", "median ms", "MB/s", "ours ×", "CPU MB/s", "ours × (CPU)", "files w/ errors"]];
for (const input of inputs) {
  const inputRows = rows.filter((r) => r.input === input.name).sort((a, b) => mbps(b) - mbps(a));
  for (const r of inputRows) {
    const o = ours.get(r.input);
    table.push([
      r.tool,
      `${r.input} (${r.files} file${r.files === 1 ? "" : "s"})`,
      (r.bytes / 1e6).toFixed(2),
      (r.medianS * 1e3).toFixed(2),
      mbps(r).toFixed(1),
      o ? (r === o ? "1.00" : (mbps(o) / mbps(r)).toFixed(2)) : "-",
      cpuMbps(r).toFixed(1),
      o ? (r === o ? "1.00" : (cpuMbps(o) / cpuMbps(r)).toFixed(2)) : "-",
      String(r.filesWithErrors),
    ]);
  }
}
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
const line = (row) => "| " + row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(" | ") + " |";
console.log();
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}; ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")}`);
if (native) console.log(`native: ${native.compiler}, ${native.build_type}, C++ flags "${native.cxx_flags.trim()}", C flags "${native.c_flags.trim()}"`);
const loadAfter = os.loadavg()[0];
console.log(`load average (1 min): ${loadBefore.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end${loadBefore > 0.8 || loadAfter > 1.6 ? " (BUSY MACHINE: other processes competed for the cores; rerun on an idle machine)" : ""}`);
console.log(`${opt.rounds} rounds of >= ${opt.minRoundSeconds} s per tool and input, tools taking turns; median round shown. "ours ×" = our MB/s ÷ that tool's MB/s. CPU columns: from CPU time instead of wall-clock time (less hurt by other processes; for Node it counts all its threads, GC included).`);
console.log();
console.log(line(table[0]));
console.log("|" + widths.map((w, c) => (numeric.has(c) ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|");
for (const row of table.slice(1)) console.log(line(row));
console.log();
console.log("Caveats:");
console.log("- xthreads analyze = parse + full scope analysis (scopes, bindings, resolved references, calls, ...), natively.");
console.log("- tree-sitter = parse only (concrete syntax tree; no scope analysis), natively, same compiler and flags; tsx grammar for .tsx/.jsx, typescript grammar otherwise.");
console.log("- typescript createSourceFile = parse only (no binder, no checker; JSDoc left unparsed), in Node. The '+bind' row adds TypeScript's binder (its symbol tables), the closest peer to a scope analysis.");
console.log("- oxc-parser parseSync = Rust parse only (no semantic analysis), plus handing the AST to JS (JSON.parse of the serialized ESTree), in Node;" +
  " the '(AST left as JSON)' row skips the JSON.parse (Rust parse + serialisation only)" +
  (jsNotes ? `; binding: ${jsNotes.oxcBinding}; raw transfer ${jsNotes.oxcRawTransfer ? "supported (extra row)" : "not supported on this Node, so no raw-transfer row"}.` : "."));
console.log(
  (path.resolve(opt.corpus) === path.join(here, "corpus.json") ? "- Inputs are chosen so that all tools parse them cleanly (see corpus.json); " : "- ") +
    "'files w/ errors' counts files a tool reported syntax errors for: its time then includes error recovery.",
);
console.log("- Timings on a shared 2-core machine are noisy; each tool's min/max round is in the JSON.");
for (const n of notes) console.log(`- ${n}`);

const headline = [];
for (const input of inputs) {
  const o = ours.get(input.name);
  const t = rows.find((r) => r.input === input.name && r.key === "tree-sitter");
  if (!o) continue;
  const abs = mbps(o);
  let s = `${input.name}: ours ${abs.toFixed(1)} MB/s [CPU time: ${cpuMbps(o).toFixed(1)}] (target >= 50: ${abs >= 50 ? "MET" : "NOT MET"})`;
  if (t) {
    const ratio = abs / mbps(t);
    s += `; ours vs tree-sitter ${ratio.toFixed(1)}× [CPU time: ${(cpuMbps(o) / cpuMbps(t)).toFixed(1)}×] (target >= 10×: ${ratio >= 10 ? "MET" : "NOT MET"})`;
  }
  headline.push(s);
}
console.log();
console.log("Headline:");
if (headline.length === 0) console.log("  (no xthreads numbers in this run)");
for (const h of headline) console.log(`  ${h}`);

const result = {
  date: new Date().toISOString(),
  machine: { ...machine, loadBefore, loadAfter },
  versions,
  options: { rounds: opt.rounds, minRoundSeconds: opt.minRoundSeconds, corpus: opt.corpus },
  native: native && { compiler: native.compiler, build_type: native.build_type, cxx_flags: native.cxx_flags, c_flags: native.c_flags, tree_sitter: native.tree_sitter },
  inputs: inputs.map((i) => ({ name: i.name, files: i.files.length, bytes: i.bytes })),
  rows: rows.map((r) => ({ ...r, mbPerS: mbps(r), cpuMbPerS: cpuMbps(r) })),
  headline,
  notes,
};
fs.writeFileSync(opt.out, JSON.stringify(result, null, 2) + "\n");
console.log(`\nresults: ${path.relative(process.cwd(), opt.out) || opt.out}`);
