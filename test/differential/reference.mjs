// The reference side of the differential test: free value variables of every function with a
// body, computed by @typescript-eslint/typescript-estree (parser) and
// @typescript-eslint/scope-manager (scopes), which share no code with core/.
//
// Definition (docs/design "Free variables"): the names of value references inside a function (its
// parameters, defaults and body) that do not resolve to a binding declared in the function's own
// scope or in a scope nested in it. Type positions are invisible. A named function expression's
// own name lives in a scope outside the function scope, so it is free; so is a function
// declaration's name used in its own body. `this` is not a reference. `arguments` in an arrow
// resolves to the enclosing function's implicit binding, so it is free in the arrow.
//
// Resolution is done here, on scope-manager's scopes and variables, instead of reading
// `scope.through`: scope-manager gives up resolving references inside a `with` statement (they go
// "through" every scope), while the free-variable set is defined lexically. Otherwise the walk
// mirrors scope-manager's own static resolution (including its rule that a parameter default
// never sees a variable declared in the body).
//
// Functions are keyed by the start of their body: the `{` of a block body, or the first token of
// a concise arrow body (an opening parenthesis included), as a 1-based line and a 1-based column
// in UTF-16 code units.
//
// Usable as a module (`analyzeFile`, `analyzeSource`) and as a CLI printing the same one-line JSON
// per file as `xthreads-scan --functions`:  node reference.mjs FILE...

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { analyze } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

// TS node types that are run-time syntax (or may contain run-time expressions). Every other `TS*`
// node is a type-level construct that is erased, together with everything inside it.
const VALUE_TS_TYPES = new Set([
  'TSAsExpression',          // `expression` is a value; `typeAnnotation` is a TS type node
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSEnumDeclaration',
  'TSEnumBody',
  'TSEnumMember',
  'TSModuleDeclaration',
  'TSModuleBlock',
  'TSParameterProperty',
  'TSImportEqualsDeclaration',
  'TSExternalModuleReference',
  'TSExportAssignment',
  'TSQualifiedName',         // `import x = A.B` (a value); inside types an ancestor is a type node
]);

function isErasedNode(node) {
  const t = node.type;
  if (t.charCodeAt(0) === 84 /* T */ && t.charCodeAt(1) === 83 /* S */) {
    if (!VALUE_TS_TYPES.has(t)) return true;
    if ((t === 'TSModuleDeclaration' || t === 'TSEnumDeclaration') && node.declare) return true;
    if (t === 'TSModuleDeclaration' && node.kind === 'global') return true;
    return false;
  }
  if (node.declare === true) {
    // `declare const x`, `declare class C`, `declare` class fields: ambient, erased.
    return t === 'VariableDeclaration' || t === 'ClassDeclaration' || t === 'PropertyDefinition' ||
      t === 'AccessorProperty' || t === 'FunctionDeclaration';
  }
  return false;
}

function inErasedPosition(identifier) {
  for (let n = identifier.parent; n; n = n.parent) {
    if (isErasedNode(n)) return true;
  }
  return false;
}

// scope-manager references every part of a namespaced JSX name (`<svg:rect>`: `svg` and `rect`)
// and treats an element name as a variable when its first character is unchanged by
// toUpperCase (so also `<Foo-bar>`). JSX transforms (TypeScript's isIntrinsicJsxName, Babel's
// isCompatTag) treat a name as intrinsic, i.e. a string, when it starts with a-z or contains `-`;
// a namespaced name is always a string.
function isJsxValueName(id) {
  const parent = id.parent;
  if (!parent) return true;
  if (parent.type === 'JSXNamespacedName') return false;
  if ((parent.type === 'JSXOpeningElement' || parent.type === 'JSXClosingElement') && parent.name === id) {
    const c = id.name.charCodeAt(0);
    return !((c >= 97 && c <= 122) || id.name.includes('-'));
  }
  return true;
}

// Offsets (UTF-16 indices) → 1-based line, 1-based UTF-16 column. Line terminators: LF, CR, CRLF,
// U+2028, U+2029 (as ECMAScript and TypeScript's scanner).
export class LineMap {
  constructor(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    this.text = text;
  }
  position(offset) {
    const s = this.starts;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo] + 1 };
  }
  offset(line, column) {
    return this.starts[line - 1] + column - 1;
  }
  lineText(line) {
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] : this.text.length;
    return this.text.slice(start, end).replace(/[\r\n\u2028\u2029]+$/, '');
  }
}

function isWhitespace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 ||
    c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f || c === 0x205f || c === 0x3000;
}

// The first token of a concise arrow body: ESTree drops parentheses, so walk back from the
// expression over whitespace, comments and `(` up to the `=>`.
function conciseBodyStart(text, bodyStart, commentByEnd) {
  let first = bodyStart;
  let p = bodyStart;
  for (;;) {
    let j = p - 1;
    while (j >= 0 && isWhitespace(text.charCodeAt(j))) j--;
    if (j < 0) break;
    const comment = commentByEnd.get(j + 1);
    if (comment !== undefined) { p = comment; continue; }
    if (text.charCodeAt(j) === 40 /* ( */) { first = j; p = j; continue; }
    break;
  }
  return first;
}

function dialectOf(path) {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.js': case '.mjs': case '.cjs': return { jsx: false, ts: false, ext };
    case '.jsx': return { jsx: true, ts: false, ext };
    case '.ts': case '.mts': case '.cts': return { jsx: false, ts: true, ext };
    case '.tsx': return { jsx: true, ts: true, ext };
    default: return null;
  }
}

function parseWith(code, path, dialect, sourceType) {
  return parse(code, {
    range: true,
    loc: false,
    comment: true,
    tokens: false,
    // The extension decides TypeScript's script kind (JS files get JS parsing rules: no type
    // arguments in expressions, etc.). For an unknown extension the `jsx` flag decides.
    filePath: path,
    jsx: dialect.jsx,
    sourceType,
    jsDocParsingMode: 'none',
    suppressDeprecatedPropertyWarnings: true,
    errorOnUnknownASTType: false,
  });
}

// Returns { ok, sourceType, error?, functions: [{line, column, body_line, body_column, free}] }.
export function analyzeSource(code, path) {
  const dialect = dialectOf(path);
  if (!dialect) return { ok: false, error: { message: `unsupported extension ${extname(path)}`, line: 1, column: 1 }, functions: [] };

  let ast;
  let sourceType = dialect.ext === '.cjs' || dialect.ext === '.cts' ? 'script' : 'module';
  try {
    ast = parseWith(code, path, dialect, sourceType);
  } catch (e) {
    if (sourceType === 'module' && (dialect.ext === '.js' || dialect.ext === '.jsx')) {
      try {
        sourceType = 'script';
        ast = parseWith(code, path, dialect, sourceType);
      } catch (e2) {
        return { ok: false, error: errorOf(e2), functions: [] };
      }
    } else {
      return { ok: false, error: errorOf(e), functions: [] };
    }
  }

  // Parent links and the list of functions with a body, in one walk.
  const functions = [];
  const jsxNames = [];  // element names scope-manager does not reference but JSX transforms do
  const stack = [ast];
  ast.parent = null;
  while (stack.length) {
    const node = stack.pop();
    if (FUNCTION_TYPES.has(node.type) && node.body) functions.push(node);
    if ((node.type === 'JSXOpeningElement' || node.type === 'JSXClosingElement') &&
        node.name.type === 'JSXIdentifier' && node.name.name !== 'this' &&
        node.name.name[0].toUpperCase() !== node.name.name[0]) {
      jsxNames.push(node.name);  // e.g. `<ä>`: checked against isJsxValueName below
    }
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = node[keys[k]];
      if (!child) continue;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i];
          if (c && typeof c.type === 'string') { c.parent = node; stack.push(c); }
        }
      } else if (typeof child.type === 'string') {
        child.parent = node;
        stack.push(child);
      }
    }
  }

  const scopeManager = analyze(ast, {
    sourceType,
    lib: [],                 // no implicit lib globals: they are outside every function anyway
    jsxPragma: null,         // no implicit `React` reference for JSX
    jsxFragmentName: null,
    emitDecoratorMetadata: false,
  });

  // Function scope (parameters + body) of every function with a body.
  const freeOf = new Map();  // function scope → Set of names
  for (const scope of scopeManager.scopes) {
    if (scope.type === 'function' && FUNCTION_TYPES.has(scope.block.type) && scope.block.body) {
      freeOf.set(scope, new Set());
    }
  }

  const references = [];
  for (const scope of scopeManager.scopes) references.push(scope.references);
  const synthetic = [];
  for (const id of jsxNames) {
    if (!isJsxValueName(id)) continue;
    let from = null;
    for (let n = id.parent; n && !from; n = n.parent) from = scopeManager.acquire(n, true);
    if (from) synthetic.push({ identifier: id, from, resolved: null, isValueReference: true });
  }
  references.push(synthetic);

  for (const list of references) {
    for (const ref of list) {
      if (!ref.isValueReference) continue;
      const id = ref.identifier;
      if (id.type === 'JSXIdentifier' && !isJsxValueName(id)) continue;
      if (inErasedPosition(id)) continue;
      const target = resolve(ref);
      const name = id.name;
      for (let s = ref.from; s && s !== target; s = s.upper) {
        const set = freeOf.get(s);
        if (set) set.add(name);
      }
    }
  }

  const lines = new LineMap(code);
  const commentByEnd = new Map();
  for (const c of ast.comments ?? []) commentByEnd.set(c.range[1], c.range[0]);

  const out = [];
  for (const fn of functions) {
    const scope = scopeManager.nodeToScope.get(fn)?.find(s => s.type === 'function');
    const set = scope && freeOf.get(scope);
    const start = lines.position(fn.range[0]);
    const bodyOffset = fn.body.type === 'BlockStatement'
      ? fn.body.range[0]
      : conciseBodyStart(code, fn.body.range[0], commentByEnd);
    const body = lines.position(bodyOffset);
    out.push({
      line: start.line, column: start.column,
      body_line: body.line, body_column: body.column,
      free: set ? [...set].sort(compareNames) : ['<no scope>'],
    });
  }
  out.sort((a, b) => a.body_line - b.body_line || a.body_column - b.body_column);
  return { ok: true, sourceType, functions: out };
}

// Static, lexical resolution of a value reference: the scope of the binding it refers to, or
// null for a global. Like scope-manager's static close, but also through `with` scopes.
function resolve(ref) {
  if (ref.resolved) return ref.resolved.scope;
  const name = ref.identifier.name;
  for (let s = ref.from; s; s = s.upper) {
    const v = s.set.get(name);
    if (v && v.isValueVariable && s.isValidResolution(ref, v)) return s;
  }
  return null;
}

// Sort as the C++ side does (byte order of UTF-8, which equals code point order).
export function compareNames(a, b) {
  if (a === b) return 0;
  const x = [...a], y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

function errorOf(e) {
  return {
    message: String(e?.message ?? e).split('\n')[0],
    line: e?.lineNumber ?? e?.location?.start?.line ?? 1,
    column: (e?.column ?? e?.location?.start?.column ?? 0) + 1,
  };
}

export function analyzeFile(path) {
  const code = readFileSync(path, 'utf8');
  const result = analyzeSource(code, path);
  return { file: path, ...result };
}

// CLI: same line format as `xthreads-scan --functions`.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const r = analyzeFile(file);
    process.stdout.write(JSON.stringify({
      file: r.file, ok: r.ok,
      diagnostics: r.ok ? [] : [r.error],
      functions: r.functions,
    }) + '\n');
  }
}
