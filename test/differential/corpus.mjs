// The differential corpus: which files of the pinned npm packages (node_modules here) are read,
// as corpus.json says. Shared by the differential test (run.mjs) and the worker-module corpus
// check (test/compiler/emit_corpus.test.mjs).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_ROOT = join(HERE, 'node_modules');
export const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += '(?:' + glob.slice(i + 1, end).split(',').map(s => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

export function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, base, out);
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name))) {
      out.push(relative(base, path).split(sep).join('/'));
    }
  }
  return out;
}

// { files (absolute paths), packages (name, version, files, bytes), mayReject (paths) };
// options.packages: only these package names (all when empty).
export function corpusFiles(options = { packages: [] }) {
  const config = JSON.parse(readFileSync(join(HERE, 'corpus.json'), 'utf8'));
  const files = [];
  const packages = [];
  const mayReject = new Set();
  for (const pkg of config.packages) {
    if (options.packages.length && !options.packages.includes(pkg.name)) continue;
    const dir = join(CORPUS_ROOT, pkg.name);
    if (!existsSync(dir)) {
      throw new Error(`corpus package ${pkg.name} is not installed: run \`npm ci --ignore-scripts\` in ${relative(process.cwd(), HERE) || '.'}`);
    }
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const include = pkg.include.map(globToRegExp);
    const exclude = [...config.exclude, ...(pkg.exclude ?? [])].map(globToRegExp);
    const chosen = walk(dir).filter(p => include.some(r => r.test(p)) && !exclude.some(r => r.test(p))).sort();
    if (!chosen.length) throw new Error(`corpus package ${pkg.name}: no file matches ${pkg.include.join(', ')}`);
    let bytes = 0;
    for (const p of chosen) {
      const abs = join(dir, p);
      bytes += statSync(abs).size;
      files.push(abs);
      if (pkg.referenceMayReject) mayReject.add(abs);
    }
    packages.push({ name: pkg.name, version, files: chosen.length, bytes });
  }
  return { files, packages, mayReject };
}

