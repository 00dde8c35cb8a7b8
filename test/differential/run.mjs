#!/usr/bin/env node
// Differential test of free variables: `xthreads-scan --functions` (the C++ front end) against
// reference.mjs (@typescript-eslint/typescript-estree + @typescript-eslint/scope-manager) on the
// npm corpus chosen by corpus.json, or on the handwritten fixtures.
//
//   node test/differential/run.mjs                 whole corpus
//   node test/differential/run.mjs --fixtures      fixtures/ (also checks the reference against the
//                                                  `/*free: ...*/` annotations written in them;
//                                                  fixtures/probes/ is compared only)
//   node test/differential/run.mjs --file PATH     one file (repeatable), every difference printed
//   options: --limit N (first N files of the corpus), --details N (differences printed, default 50),
//            --jobs N (reference workers), --package NAME (repeatable: only these corpus packages),
//            --all (with --file: print every function, matching ones too), --no-cache,
//            --mock (no CLI: compare the reference with itself, to exercise the harness)
//   env: XTHREADS_SCAN (default <repo>/build/core/xthreads-scan)
//
// The last line is `N passed, M failed`, counting FILES: a file passes when our parser accepted
// it and every function (matched by the start of its body) has the same free variables on both
// sides, up to the rules in known-differences.json. Exit status: 0 all passed, 1 a failure,
// 2 the harness itself could not run.

import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CORPUS_ROOT, corpusFiles, globToRegExp, walk } from './corpus.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const FIXTURES = join(HERE, 'fixtures');
const CACHE_DIR = join(HERE, '.cache', 'reference');

function writeAtomic(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const o = { files: [], packages: [], fixtures: false, limit: Infinity, details: 50, jobs: 0,
              all: false, cache: true, mock: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--fixtures': o.fixtures = true; break;
      case '--file': o.files.push(resolve(value())); break;
      case '--package': o.packages.push(value()); break;
      case '--limit': o.limit = Number(value()); break;
      case '--details': o.details = Number(value()); break;
      case '--jobs': o.jobs = Number(value()); break;
      case '--all': o.all = true; break;
      case '--no-cache': o.cache = false; break;
      case '--mock': o.mock = true; break;
      case '-h': case '--help':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20)
          .map(l => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
      default: throw new Error(`unknown argument ${a} (see --help)`);
    }
  }
  if (o.files.length) o.details = Infinity;
  if (!o.jobs) o.jobs = Math.max(1, Math.min(availableParallelism(), 4));
  return o;
}

// ---------------------------------------------------------------------------------------------
// Our side: the native CLI, many files per process

function runProcess(cmd, args, timeoutMs) {
  return new Promise(resolvePromise => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    let errBytes = 0;
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => { if (errBytes < 1 << 16) { err.push(d); errBytes += d.length; } });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', e => { clearTimeout(timer); resolvePromise({ code: -1, signal: null, stdout: '', stderr: String(e) }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

async function runOurs(scan, files, sizes) {
  const results = new Map();
  const batches = [];
  let batch = [], bytes = 0;
  for (const f of files) {
    if (batch.length && (batch.length >= 400 || bytes + sizes.get(f) > 12e6)) { batches.push(batch); batch = []; bytes = 0; }
    batch.push(f);
    bytes += sizes.get(f);
  }
  if (batch.length) batches.push(batch);

  const runBatch = async (list) => {
    const r = await runProcess(scan, ['--functions', ...list], 60_000 + list.length * 2_000);
    const seen = new Set();
    for (const line of r.stdout.split('\n')) {
      if (!line.trim()) continue;
      let obj;
      try { obj = JSON.parse(line); } catch {
        continue;  // a partial last line after a crash, or stray output; missing files are reported
      }
      if (typeof obj?.file !== 'string') continue;
      const file = resolve(obj.file);
      seen.add(file);
      results.set(file, obj);
    }
    return { r, missing: list.filter(f => !seen.has(f)) };
  };

  for (const list of batches) {
    const { r, missing } = await runBatch(list);
    if (!missing.length) continue;
    if (list.length === 1) {
      results.set(list[0], crashed(r));
      continue;
    }
    // The process stopped early (crash, timeout) or skipped files: one file per process, to
    // blame the right file.
    for (const f of missing) {
      const single = await runBatch([f]);
      if (single.missing.length) results.set(f, crashed(single.r));
    }
  }
  return results;
}

function crashed(r) {
  const how = r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`;
  const tail = r.stderr.trim().split('\n').slice(-3).join(' | ');
  return { crashed: true, message: `${how}${tail ? `: ${tail}` : ''}` };
}

// ---------------------------------------------------------------------------------------------
// Reference side: worker threads

async function runReference(files, options, refVersion) {
  const results = new Map();
  const queue = [...files];
  const workers = [];
  const jobs = Math.min(options.jobs, files.length);
  await Promise.all(Array.from({ length: jobs }, () => new Promise((done, fail) => {
    const w = new Worker(fileURLToPath(import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 8192, maxYoungGenerationSizeMb: 128 },
    });
    workers.push(w);
    let next = 0;
    const pending = new Map();
    const feed = () => {
      const file = queue.shift();
      if (file === undefined) { w.terminate(); done(); return; }
      const id = next++;
      pending.set(id, file);
      let cacheKey = null;
      if (options.cache) {
        cacheKey = createHash('sha1').update(refVersion).update('\0').update(extname(file))
          .update('\0').update(readFileSync(file)).digest('hex');
      }
      w.postMessage({ id, file, cacheKey });
    };
    w.on('message', ({ id, result }) => {
      pending.delete(id);
      results.set(result.file, result);
      feed();
    });
    w.on('error', fail);
    w.on('exit', code => { if (pending.size) fail(new Error(`reference worker exited (${code}) on ${[...pending.values()].join(', ')}`)); });
    feed();
  })));
  return results;
}

function referenceVersion() {
  const h = createHash('sha1');
  h.update(readFileSync(join(HERE, 'reference.mjs')));
  const lock = join(HERE, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Comparison

const KINDS = ['free-only-ours', 'free-only-reference', 'function-only-ours', 'function-only-reference',
               'body-position', 'rejected', 'crashed', 'reference-rejected', 'annotation'];

function loadRules() {
  const config = JSON.parse(readFileSync(join(HERE, 'known-differences.json'), 'utf8'));
  return (config.rules ?? []).map(rule => {
    const m = rule.match ?? {};
    if (m.kind && !KINDS.includes(m.kind)) throw new Error(`known-differences.json: rule ${rule.id}: unknown kind ${m.kind}`);
    return {
      id: rule.id,
      kind: m.kind,
      file: m.file ? globToRegExp(m.file) : null,
      name: m.name ? new RegExp(m.name) : null,
      source: m.source ? new RegExp(m.source) : null,
      count: 0,
    };
  });
}

function allowedBy(rules, diff) {
  for (const r of rules) {
    if (r.kind && r.kind !== diff.kind) continue;
    if (r.file && !r.file.test(diff.relFile)) continue;
    if (r.name && !(diff.name !== undefined && r.name.test(diff.name))) continue;
    if (r.source && !r.source.test(diff.source ?? '')) continue;
    r.count++;
    return r.id;
  }
  return null;
}

const key = f => `${f.body_line}:${f.body_column}`;

function compareFile(file, relFile, ours, ref, rules, text, lineMap, mayReject) {
  // Returns { status: 'pass'|'fail', functions: {compared, mismatching, matched}, diffs: [...] }.
  const diffs = [];
  const snippet = (line, column) => sourceLine(lineMap, line, column);
  const add = (d) => {
    d.relFile = relFile;
    d.allowedBy = allowedBy(rules, d);
    diffs.push(d);
  };
  if (!ref.ok && mayReject && ours && !ours.crashed && ours.ok) {
    // Valid code the reference cannot read: nothing to compare, but our parser got through it.
    return { status: 'skip', functions: { compared: 0, mismatching: 0 }, diffs: [], skipped: ref.error };
  }
  if (!ref.ok && mayReject) {
    // The package holds only valid programs: our rejecting (or crashing on) one is a failure.
    if (!ours || ours.crashed) {
      add({ kind: 'crashed', line: 1, column: 1, source: ours?.message ?? 'no output for this file' });
    } else {
      const d = ours.diagnostics?.[0] ?? { message: '(no diagnostic)', line: 1, column: 1 };
      add({ kind: 'rejected', line: d.line, column: d.column, source: d.message, context: snippet(d.line, d.column) });
    }
    return finish(diffs, { compared: 0, mismatching: 0 });
  }
  if (!ref.ok) {
    add({ kind: 'reference-rejected', line: ref.error.line, column: ref.error.column, source: ref.error.message });
    if (ours && !ours.crashed && ours.ok === false) diffs.at(-1).allowedBy = 'both-rejected';
    return finish(diffs, { compared: 0, mismatching: 0 });
  }
  if (!ours || ours.crashed) {
    add({ kind: 'crashed', line: 1, column: 1, source: ours?.message ?? 'no output for this file' });
    return finish(diffs, { compared: 0, mismatching: 0 });
  }
  if (!ours.ok) {
    const d = ours.diagnostics?.[0] ?? { message: '(no diagnostic)', line: 1, column: 1 };
    add({ kind: 'rejected', line: d.line, column: d.column, source: d.message, context: snippet(d.line, d.column) });
    return finish(diffs, { compared: 0, mismatching: 0 });
  }

  const mine = new Map();
  for (const f of ours.functions ?? []) {
    if (mine.has(key(f))) f.duplicate = true;
    mine.set(key(f), f);
  }
  const theirs = new Map(ref.functions.map(f => [key(f), f]));
  const mismatching = new Set();
  const pairs = [];
  const onlyRef = [], onlyOurs = [];
  for (const [k, f] of theirs) {
    if (mine.has(k)) pairs.push([f, mine.get(k)]); else onlyRef.push(f);
  }
  for (const [k, f] of mine) if (!theirs.has(k)) onlyOurs.push(f);
  // A function both sides found but whose body starts elsewhere: pair by the function's start.
  const oursByStart = new Map(onlyOurs.map(f => [`${f.line}:${f.column}`, f]));
  for (const f of onlyRef) {
    const g = oursByStart.get(`${f.line}:${f.column}`);
    if (g) {
      oursByStart.delete(`${f.line}:${f.column}`);
      add({ kind: 'body-position', fn: f, line: f.line, column: f.column, source: snippet(f.line, f.column),
            detail: `body at ${g.body_line}:${g.body_column} (ours) vs ${f.body_line}:${f.body_column} (reference)` });
      pairs.push([f, g]);
    } else {
      add({ kind: 'function-only-reference', fn: f, line: f.body_line, column: f.body_column, source: snippet(f.line, f.column) });
    }
  }
  for (const g of oursByStart.values()) {
    add({ kind: 'function-only-ours', fn: g, line: g.body_line, column: g.body_column, source: snippet(g.line, g.column) });
  }
  for (const [f, g] of pairs) {
    const a = new Set(f.free), b = new Set(g.free ?? []);
    for (const n of b) if (!a.has(n)) add({ kind: 'free-only-ours', fn: f, name: n, line: f.body_line, column: f.body_column, source: snippet(f.line, f.column) });
    for (const n of a) if (!b.has(n)) add({ kind: 'free-only-reference', fn: f, name: n, line: f.body_line, column: f.body_column, source: snippet(f.line, f.column) });
  }
  for (const d of diffs) if (!d.allowedBy && d.fn) mismatching.add(d.fn);
  return finish(diffs, { compared: theirs.size, ours: mine.size, mismatching: mismatching.size });
}

function finish(diffs, functions) {
  return { status: diffs.some(d => !d.allowedBy) ? 'fail' : 'pass', functions, diffs };
}

function sourceLine(lineMap, line, column) {
  if (!lineMap || line < 1 || line > lineMap.starts.length) return '';
  const text = lineMap.lineText(line);
  if (text.length <= 140) return text.trim();
  const from = Math.max(0, column - 1 - 30);
  return (from > 0 ? '…' : '') + text.slice(from, from + 120).trim() + '…';
}

// Fixture annotations: `/*free: a b c*/` (or `/*free:*/` for none) written just before a
// function's body. They check the reference itself against handwritten expectations.
function checkAnnotations(text, lineMap, ref, relFile) {
  const out = [];
  if (!ref.ok) return out;
  const byBody = new Map(ref.functions.map(f => [key(f), f]));
  const annotated = new Set();
  const re = /\/\*\s*free:([^*]*)\*\//g;
  let m;
  while ((m = re.exec(text))) {
    let p = m.index + m[0].length;
    while (p < text.length && /\s/.test(text[p])) p++;
    const at = lineMap.position(p);
    const f = byBody.get(`${at.line}:${at.column}`);
    const expected = m[1].trim().split(/[\s,]+/).filter(Boolean).sort();
    if (!f) {
      out.push({ kind: 'annotation', relFile, line: at.line, column: at.column, source: sourceLine(lineMap, at.line, at.column),
                 detail: 'annotation is not followed by a function body the reference knows' });
      continue;
    }
    annotated.add(f);
    const got = [...f.free].sort();
    if (got.join(' ') !== expected.join(' ')) {
      out.push({ kind: 'annotation', relFile, line: at.line, column: at.column, source: sourceLine(lineMap, f.line, f.column),
                 detail: `reference gives [${got.join(' ')}], the fixture expects [${expected.join(' ')}]` });
    }
  }
  for (const f of ref.functions) {
    if (!annotated.has(f)) {
      out.push({ kind: 'annotation', relFile, line: f.body_line, column: f.body_column, source: sourceLine(lineMap, f.line, f.column),
                 detail: `function without a /*free: ...*/ annotation (reference gives [${f.free.join(' ')}])` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

let LineMap;

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(join(HERE, 'node_modules', '@typescript-eslint', 'scope-manager'))) {
    console.log(`error: the reference is not installed: run \`npm ci --ignore-scripts\` in ${HERE}`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  ({ LineMap } = await import('./reference.mjs'));
  const started = performance.now();
  const rules = loadRules();

  let files, packages = null, base, mayReject = new Set();
  if (options.files.length) {
    files = options.files;
    base = process.cwd();
  } else if (options.fixtures) {
    files = walk(FIXTURES).sort().map(p => join(FIXTURES, p));
    base = FIXTURES;
  } else {
    ({ files, packages, mayReject } = corpusFiles(options));
    base = CORPUS_ROOT;
  }
  files = files.slice(0, options.limit);
  for (const f of files) if (!existsSync(f)) throw new Error(`no such file: ${f}`);
  const sizes = new Map(files.map(f => [f, statSync(f).size]));
  const totalBytes = files.reduce((s, f) => s + sizes.get(f), 0);
  // Biggest first: balances the workers.
  const bySize = [...files].sort((a, b) => sizes.get(b) - sizes.get(a));

  const scan = process.env.XTHREADS_SCAN || join(REPO, 'build', 'core', 'xthreads-scan');
  console.log(`differential: ${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB` +
    (packages ? ` from ${packages.length} packages` : options.fixtures ? ' (fixtures)' : ''));
  if (packages) {
    for (const p of packages) console.log(`  ${p.name}@${p.version}: ${p.files} files, ${(p.bytes / 1e6).toFixed(1)} MB`);
  }
  if (options.mock) {
    console.log('MOCK: our side is the reference itself (harness check only; no C++ involved)');
  } else {
    if (!existsSync(scan)) {
      console.log(`error: ${scan} does not exist: build it (target xthreads-scan) or set XTHREADS_SCAN`);
      console.log(`0 passed, ${files.length} failed`);
      return 2;
    }
    console.log(`ours: ${scan} --functions`);
  }
  console.log(`reference: @typescript-eslint/typescript-estree + scope-manager, ${options.jobs} worker(s)` +
    (options.cache ? `, cache ${relative(process.cwd(), CACHE_DIR)}` : ''));

  const refVersion = referenceVersion();
  let oursDone = 0, refDone = 0;
  const oursPromise = options.mock ? Promise.resolve(null)
    : runOurs(scan, bySize, sizes).then(r => { oursDone = performance.now(); return r; });
  const refPromise = runReference(bySize, options, refVersion).then(r => { refDone = performance.now(); return r; });
  let [ours, ref] = await Promise.all([oursPromise, refPromise]);
  if (options.mock) {
    ours = new Map([...ref].map(([f, r]) => [f, r.ok
      ? { file: f, ok: true, diagnostics: [], functions: r.functions }
      : { file: f, ok: false, diagnostics: [r.error], functions: [] }]));
  }

  // Compare.
  const results = [];
  let functionsCompared = 0, functionsOurs = 0, functionsMismatching = 0, cacheHits = 0;
  for (const file of files) {
    const r = ref.get(file);
    if (r.cached) cacheHits++;
    const text = readFileSync(file, 'utf8');
    const lineMap = new LineMap(text);
    const relFile = relative(base, file).split(sep).join('/');
    const res = compareFile(file, relFile, ours.get(file), r, rules, text, lineMap, mayReject.has(file));
    if (options.fixtures && !relFile.startsWith('probes/')) {
      const ann = checkAnnotations(text, lineMap, r, relFile);
      if (ann.length) { res.diffs.push(...ann); res.status = 'fail'; }
    }
    res.file = file;
    res.relFile = relFile;
    res.ref = r;
    res.ours = ours.get(file);
    functionsCompared += res.functions.compared;
    functionsOurs += res.functions.ours ?? 0;
    functionsMismatching += res.functions.mismatching;
    results.push(res);
  }

  // Report: details.
  const failing = results.filter(r => r.status === 'fail');
  let printed = 0, totalDiffs = 0;
  const shown = (options.files.length || options.fixtures) ? Infinity : options.details;
  const display = r => {
    const rel = relative(process.cwd(), r.file);
    return rel && !rel.startsWith('..') ? rel : r.file;
  };
  if (failing.length) console.log('\n== differences ==');
  for (const r of failing) {
    // Group a file's differences by function.
    const groups = new Map();
    for (const d of [...r.diffs].sort((a, b) => a.line - b.line || a.column - b.column)) {
      if (d.allowedBy) continue;
      totalDiffs++;
      const k = `${d.kind === 'free-only-ours' || d.kind === 'free-only-reference' ? 'free' : d.kind}@${d.line}:${d.column}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(d);
    }
    for (const [k, list] of groups) {
      if (printed >= shown) { printed++; continue; }
      printed++;
      const d = list[0];
      const where = `${display(r)}:${d.line}:${d.column}`;
      switch (d.kind) {
        case 'free-only-ours':
        case 'free-only-reference': {
          const o = list.filter(x => x.kind === 'free-only-ours').map(x => x.name);
          const t = list.filter(x => x.kind === 'free-only-reference').map(x => x.name);
          console.log(`${where}  free variables differ  \`${d.source}\``);
          if (t.length) console.log(`    only reference: ${t.join(' ')}`);
          if (o.length) console.log(`    only ours:      ${o.join(' ')}`);
          break;
        }
        case 'function-only-reference':
          console.log(`${where}  function only in the reference (free: ${d.fn.free.join(' ') || '-'})  \`${d.source}\``);
          break;
        case 'function-only-ours':
          console.log(`${where}  function only in ours (free: ${(d.fn.free ?? []).join(' ') || '-'})  \`${d.source}\``);
          break;
        case 'body-position':
          console.log(`${where}  ${d.detail}  \`${d.source}\``);
          break;
        case 'rejected':
          console.log(`${where}  our parser rejected the file: ${d.source}${d.context ? `  \`${d.context}\`` : ''}`);
          break;
        case 'crashed':
          console.log(`${where}  our CLI gave no result: ${d.source}`);
          break;
        case 'reference-rejected':
          console.log(`${where}  the reference rejected the file: ${d.source}` +
            (r.ours?.ok ? ' (ours accepted it: fix the corpus selection)' : ''));
          break;
        case 'annotation':
          console.log(`${where}  fixture annotation: ${d.detail}  \`${d.source}\``);
          break;
      }
    }
  }
  if (printed > shown) console.log(`… ${printed - shown} more (of ${printed}); use --details N or --file PATH`);

  if (options.files.length && options.all) {
    console.log('\n== functions ==');
    for (const r of results) {
      const mine = new Map((r.ours?.functions ?? []).map(f => [key(f), f]));
      const mineByStart = new Map((r.ours?.functions ?? []).map(f => [`${f.line}:${f.column}`, f]));
      for (const f of r.ref.functions ?? []) {
        const g = mine.get(key(f)) ?? mineByStart.get(`${f.line}:${f.column}`);
        const same = g && [...f.free].sort().join(' ') === [...(g.free ?? [])].sort().join(' ');
        console.log(`${display(r)}:${f.body_line}:${f.body_column} ${same ? 'ok  ' : 'DIFF'} reference [${f.free.join(' ')}]` +
          (same ? '' : ` ours ${g ? `[${(g.free ?? []).join(' ')}]` : '(none)'}`));
      }
    }
  }

  // Report: summary.
  const count = kind => results.reduce((s, r) => s + r.diffs.filter(d => d.kind === kind && !d.allowedBy).length, 0);
  const rejected = results.filter(r => r.diffs.some(d => d.kind === 'rejected' && !d.allowedBy));
  const crashedFiles = results.filter(r => r.diffs.some(d => d.kind === 'crashed' && !d.allowedBy));
  const refRejected = results.filter(r => r.diffs.some(d => d.kind === 'reference-rejected'));
  console.log('\n== summary ==');
  const skipped = results.filter(r => r.status === 'skip');
  const passedCount = results.length - failing.length - skipped.length;
  console.log(`files compared: ${files.length} (${(totalBytes / 1e6).toFixed(1)} MB); passed ${passedCount}, failed ${failing.length}` +
    (skipped.length ? `, skipped ${skipped.length} (the reference cannot parse them; their package allows that)` : ''));
  const showSkipped = Math.min(skipped.length, shown === Infinity ? Infinity : 3);
  for (const r of skipped.slice(0, showSkipped)) {
    console.log(`    skipped ${display(r)}:${r.skipped.line}:${r.skipped.column}: ${r.skipped.message}`);
  }
  if (skipped.length > showSkipped) console.log(`    … ${skipped.length - showSkipped} more skipped (--file PATH... lists them all)`);
  console.log(`files our parser rejected: ${rejected.length}`);
  for (const r of rejected.slice(0, shown)) {
    const d = r.diffs.find(x => x.kind === 'rejected');
    console.log(`    ${display(r)}:${d.line}:${d.column}: ${d.source}`);
  }
  if (rejected.length > shown) console.log(`    … ${rejected.length - shown} more`);
  if (crashedFiles.length) {
    console.log(`files our CLI gave no result for (crash, timeout): ${crashedFiles.length}`);
    for (const r of crashedFiles.slice(0, shown)) console.log(`    ${display(r)}: ${r.diffs.find(x => x.kind === 'crashed').source}`);
  }
  if (refRejected.length) {
    console.log(`files the reference rejected: ${refRejected.length}`);
    for (const r of refRejected.slice(0, shown)) {
      const d = r.diffs.find(x => x.kind === 'reference-rejected');
      console.log(`    ${display(r)}:${d.line}:${d.column}: ${d.source}${d.allowedBy ? ' (ours rejects it too)' : ''}`);
    }
  }
  console.log(`functions compared: ${functionsCompared} (reference), ${functionsOurs} (ours); mismatching functions: ${functionsMismatching}`);
  const kindCounts = KINDS.map(k => [k, count(k)]).filter(([, n]) => n);
  if (kindCounts.length) console.log(`differences by kind: ${kindCounts.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const kind of ['free-only-reference', 'free-only-ours']) {
    const names = new Map();
    for (const r of results) for (const d of r.diffs) if (d.kind === kind && !d.allowedBy) names.set(d.name, (names.get(d.name) ?? 0) + 1);
    if (names.size) {
      console.log(`  most frequent ${kind}: ${[...names].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([n, c]) => `${n} (${c})`).join(', ')}`);
    }
  }
  const byPackage = new Map();
  if (packages) {
    for (const r of failing) {
      const p = packages.find(p => r.relFile.startsWith(p.name + '/'))?.name ?? '?';
      byPackage.set(p, (byPackage.get(p) ?? 0) + 1);
    }
    if (byPackage.size) console.log(`failed files by package: ${[...byPackage].map(([p, n]) => `${p} ${n}`).join(', ')}`);
  }
  for (const rule of rules) if (rule.count) console.log(`allowed by known-differences.json rule ${rule.id}: ${rule.count}`);
  const secs = t => ((t - started) / 1000).toFixed(1);
  console.log(`time: ours ${options.mock ? '-' : secs(oursDone) + ' s'}, reference ${secs(refDone)} s ` +
    `(${cacheHits} of ${files.length} files from cache), total ${secs(performance.now())} s`);
  // The runner summary line (scripts/test.sh parses it): files; skipped files are in neither count.
  console.log(`${passedCount} passed, ${failing.length} failed`);
  return failing.length ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Entry point (last, so that every module-level constant above is initialised)

if (!isMainThread) {
  // Reference worker: one file per message, results cached by content.
  const { analyzeFile } = await import('./reference.mjs');
  parentPort.on('message', ({ id, file, cacheKey }) => {
    let result;
    const cached = cacheKey && join(CACHE_DIR, cacheKey.slice(0, 2), cacheKey + '.json');
    try {
      if (cached && existsSync(cached)) {
        result = { ...JSON.parse(readFileSync(cached, 'utf8')), file, cached: true };
      } else {
        result = analyzeFile(file);
        if (cached) writeAtomic(cached, JSON.stringify(result));
      }
    } catch (e) {
      result = { file, ok: false, error: { message: `reference crashed: ${e?.stack ?? e}`, line: 1, column: 1 }, functions: [] };
    }
    parentPort.postMessage({ id, result });
  });
} else {
  process.exitCode = await main().catch(e => {
    console.log(`error: ${e?.stack ?? e}`);
    console.log('0 passed, 1 failed');
    return 2;
  });
}
