#!/usr/bin/env node
// npx experimental-threads explain <file>:<line>:<column> [--emit]
// Explains what the closure passed to the spawn call at that position captures, and how each
// variable reaches the worker; with --emit, prints the worker module. Runs the WebAssembly build
// of the capture compiler.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

import { dialectForPath, explain } from "../dist/compiler/wasm.js";

const usage = "usage: experimental-threads explain <file>:<line>:<column> [--emit]";

function fail(message) {
  console.error(message);
  process.exit(2);
}

const [command, site, ...flags] = process.argv.slice(2);
if (command !== "explain" || !site) fail(usage);
const match = /^(.*):(\d+):(\d+)$/.exec(site);
if (!match) fail(`expected <file>:<line>:<column>, got ${site}\n${usage}`);
const [, file, line, column] = match;
const dialect = dialectForPath(file);
if (!dialect) fail(`${file}: not a .js .mjs .cjs .jsx .ts .mts .cts or .tsx file`);
let source;
try {
  source = readFileSync(file, "utf8");
} catch (error) {
  fail(`${file}: cannot read the file (${error.code ?? error.message})`);
}

const shown = relative(process.cwd(), file) || file;
const at = (p) => `${shown}:${p.line}:${p.column}`;
const result = explain(source, dialect, Number(line), Number(column));
if (result.closure) {
  console.log(`closure at ${at(result.closure)}`);
  const width = Math.max(0, ...result.closure.plan.map((c) => c.name.length));
  for (const c of result.closure.plan) {
    const where = c.line ? ` declared at ${at(c)}` : "";
    const from = c.specifier !== undefined ? ` from "${c.specifier}"` : "";
    const via = c.direct ? "" : " (needed by captured code)";
    console.log(`  ${c.name.padEnd(width)}  ${c.capture.padEnd(13)}${from}${where}${via}`);
  }
  for (const n of result.closure.notes) console.log(`${at(n)}: note: ${n.message}`);
}
for (const d of result.diagnostics) console.log(`${at(d)}: error: ${d.message}`);
if (flags.includes("--emit") && result.module) {
  console.log("--- worker module");
  process.stdout.write(result.module.text);
}
process.exit(result.ok ? 0 : 1);
