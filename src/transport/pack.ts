// Values between threads: captured values, results and errors. Structured clone does the
// copying; this module adds what it lacks, in one walk over the values:
// - transferables (ArrayBuffers, MessagePorts, streams) are collected to be transferred;
// - library objects (Mutex, Global...) become handles, revived on the same shared memory;
// - Node Buffers come back as Buffers; instances of registered classes keep their class;
// - errors keep their built-in class, message, stack, cause and own properties;
// - what clone would silently damage (a class instance losing its prototype) or reject (a
//   function, a symbol) is refused with the path of the offending value.
// When nothing needed replacing, the values travel as they are and `tagged` is false, so the
// receiving side skips its walk.
import type { Transferable } from "./transferable.js";
import { isTransportable, reviveHandle, toHandle } from "./handles.js";
import type { Handle } from "./handles.js";
import { registeredClassNamed, registeredClassOf } from "./classes.js";

const TAG = "__xt$tag";

export interface Packed {
  value: unknown;
  tagged: boolean;
}

export interface PackOptions {
  /** Collect transferables into this list (transfer); null to copy them instead. */
  transfer: Transferable[] | null;
  /** How the value is named in errors, e.g. "the captured variable `user`". */
  describe: (path: string) => string;
  /** The value is an array of named values: its indices are shown as these names. */
  names?: string[];
}

/** A value that cannot travel: the message says which part and why. */
export class UnclonableError extends TypeError {
  override name = "UnclonableError";
}

type Tagged =
  | { [TAG]: "plain"; value: Record<string, unknown> }
  | { [TAG]: "handle"; handle: Handle }
  | { [TAG]: "buffer"; bytes: Uint8Array }
  | { [TAG]: "class"; name: string; data: unknown }
  | { [TAG]: "error"; base: string; name: string; message: string; stack?: string;
      cause?: unknown; hasCause: boolean; errors?: unknown; props: Record<string, unknown> };

const g = globalThis as Record<string, unknown>;
const NodeBuffer = g.Buffer as (typeof Buffer) | undefined;

// Prototypes of the language's own values, which structured clone keeps as they are.
const cloneable = new Set<object>(
  [
    Object.prototype, Array.prototype, Date.prototype, RegExp.prototype, Map.prototype,
    Set.prototype, Boolean.prototype, Number.prototype, String.prototype, BigInt.prototype,
    ArrayBuffer.prototype, DataView.prototype,
    ...["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
      "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
      "Float16Array", "SharedArrayBuffer"]
      .map((name) => (g[name] as { prototype?: object } | undefined)?.prototype),
  ].filter((p): p is object => p !== undefined),
);

const prototypesOf = (names: string[]) =>
  names.map((name) => (g[name] as { prototype?: object } | undefined)?.prototype).filter((p): p is object => p !== undefined);

// The platform's classes that travel: Blob, File and CryptoKey are cloned; the streams and
// MessagePort can only be transferred (clone rejects them outside the transfer list). Node makes
// these globals on first access by loading web crypto and web streams, milliseconds that every
// import of the package would pay; so they are looked up the first time a value has a prototype
// that the language's own do not cover.
let platform: { cloneable: Set<object>; transferOnly: object[] } | undefined;
function platformPrototypes() {
  return (platform ??= {
    cloneable: new Set(prototypesOf(["Blob", "File", "CryptoKey"])),
    transferOnly: prototypesOf(["MessagePort", "ReadableStream", "WritableStream", "TransformStream"]),
  });
}

// Node 20 clones a DOMException into an empty object: it travels like the errors.
const DOMExceptionClass = g.DOMException as (new (message?: string, name?: string) => Error) | undefined;

export const builtinErrors: Record<string, ErrorConstructor> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
};
const builtinErrorPrototypes = new Map<object, string>(
  Object.entries(builtinErrors).map(([name, ctor]) => [ctor.prototype, name]),
);

/** Rewrites a stack trace before it leaves this thread (the worker swaps generated URLs). */
let stackRewriter: (stack: string) => string = (stack) => stack;
export function setStackRewriter(rewrite: (stack: string) => string): void {
  stackRewriter = rewrite;
}

export function pack(value: unknown, options: PackOptions): Packed {
  if (value === null || (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol")) {
    return { value, tagged: false };
  }
  let walker = new Packer(options);
  let out = walker.walk(value);
  if (walker.tagged && walker.backRef) {
    // Something was replaced (a Buffer, a handle...) in a graph with shared references or
    // cycles: walk again copying every container first, so that every reference to a container
    // points at its copy. Transferables were collected by the first walk; collect them afresh.
    if (options.transfer !== null) options.transfer.length = 0;
    walker = new Packer(options);
    walker.copyAll = true;
    out = walker.walk(value);
  }
  return { value: out, tagged: walker.tagged };
}

// Paths name the offending value in errors (`user.tags[2]`). They are built only when an error
// is thrown: the walk keeps a stack of keys, and `#path()` joins it.
class Packer {
  tagged = false;
  /** A container was referenced again while the walk still used the original for it. */
  backRef = false;
  /** Copy every container up front, registering the copy before its contents are walked. */
  copyAll = false;
  readonly #seen = new Map<object, unknown>();
  readonly #options: PackOptions;
  readonly #keys: (string | number)[] = [];
  constructor(options: PackOptions) {
    this.#options = options;
  }

  #path(): string {
    let out = "";
    const names = this.#options.names;
    for (const key of this.#keys) {
      if (names !== undefined && out === "" && typeof key === "number") out = names[key];
      else if (typeof key === "number") out += `[${key}]`;
      else if (key.startsWith("<") || key.startsWith(".get(")) out += key;
      else out += out ? `.${key}` : key;
    }
    return out;
  }

  #child(value: unknown, key: string | number): unknown {
    this.#keys.push(key);
    const out = this.walk(value);
    this.#keys.pop();
    return out;
  }

  walk(value: unknown): unknown {
    if (typeof value === "function") {
      throw new UnclonableError(
        `${this.#options.describe(this.#path())} is a function, and functions cannot be sent to a worker. ` +
          `Declare it as a function (it is then re-created in the worker) or move the call out of the closure.`,
      );
    }
    if (typeof value === "symbol") {
      throw new UnclonableError(`${this.#options.describe(this.#path())} is a symbol, and symbols cannot be sent to a worker.`);
    }
    if (value === null || typeof value !== "object") return value;
    if (this.#seen.has(value)) {
      const seen = this.#seen.get(value);
      // A reference to a container that is still the original: if that container is copied
      // later in this walk, this reference would still point at the original (see pack()).
      if (seen === value) this.backRef = true;
      return seen;
    }
    const proto = Object.getPrototypeOf(value);

    if (NodeBuffer !== undefined && NodeBuffer.isBuffer(value)) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      this.#transferBuffer(bytes);
      return this.#tag(value, { [TAG]: "buffer", bytes });
    }
    if (Array.isArray(value) && proto === Array.prototype) return this.#walkArray(value);
    if (proto === Object.prototype || proto === null) return this.#walkObject(value);
    if (isTransportable(value)) {
      return this.#tag(value, { [TAG]: "handle", handle: this.#walkedHandle(value[toHandle]()) });
    }
    if (proto === Map.prototype) return this.#walkMap(value as Map<unknown, unknown>);
    if (proto === Set.prototype) return this.#walkSet(value as Set<unknown>);
    if (value instanceof Error || (DOMExceptionClass !== undefined && value instanceof DOMExceptionClass)) {
      return this.#walkError(value as Error);
    }
    if (proto === ArrayBuffer.prototype) {
      this.#transferWhole(value as ArrayBuffer);
      return value;
    }
    if (ArrayBuffer.isView(value)) {
      if (!cloneable.has(proto)) return this.#refuse(value);
      this.#transferBuffer(value);
      return value;
    }
    if (cloneable.has(proto) || platformPrototypes().cloneable.has(proto)) return value;
    if (platformPrototypes().transferOnly.includes(proto)) {
      if (this.#options.transfer === null) {
        throw new UnclonableError(
          `${this.#options.describe(this.#path())} is a ${proto.constructor.name}, which can only be transferred, ` +
            `but this spawn was asked not to transfer.`,
        );
      }
      this.#options.transfer.push(value as Transferable);
      return value;
    }
    const registered = registeredClassOf(value);
    if (registered) {
      const tag = { [TAG]: "class", name: registered.name, data: undefined as unknown } as const;
      this.#seen.set(value, tag);
      this.tagged = true;
      (tag as { data: unknown }).data = this.walk(registered.serialize(value));
      return tag;
    }
    return this.#refuse(value);
  }

  #refuse(value: object): never {
    const name = (value.constructor as Function | undefined)?.name || "an unnamed class";
    throw new UnclonableError(
      `${this.#options.describe(this.#path())} is an instance of ${name}: structured clone would drop its ` +
        `prototype (methods, getters, private fields). Send plain data, or register the class with ` +
        `registerClass(${name}) in a module the worker also loads.`,
    );
  }

  #tag<T extends Tagged>(original: object, tag: T): T {
    this.#seen.set(original, tag);
    this.tagged = true;
    return tag;
  }

  #walkedHandle(handle: Handle): Handle {
    return { kind: handle.kind, data: this.#child(handle.data, `<${handle.kind}>`) };
  }

  #walkArray(value: unknown[]): unknown {
    if (this.copyAll) {
      const copy: unknown[] = new Array(value.length);
      this.#seen.set(value, copy);
      for (let i = 0; i < value.length; i++) if (i in value) copy[i] = this.#child(value[i], i);
      return copy;
    }
    let copy: unknown[] | undefined;
    this.#seen.set(value, value);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole stays a hole
      const item = value[i];
      const out = this.#child(item, i);
      if (out !== item && copy === undefined) {
        copy = value.slice(0, i);
        this.#seen.set(value, copy);
      }
      if (copy !== undefined) copy[i] = out;
    }
    return copy ?? value;
  }

  #walkObject(value: object): unknown {
    const keys = Object.keys(value);
    // A user's object that owns our tag key travels wrapped, so it is never taken for a tag.
    const escaped = keys.includes(TAG);
    if (this.copyAll || escaped) {
      const copy: Record<string, unknown> = {};
      const out = escaped ? { [TAG]: "plain" as const, value: copy } : copy;
      if (escaped) this.tagged = true;
      this.#seen.set(value, out);
      for (const key of keys) copy[key] = this.#child((value as Record<string, unknown>)[key], key);
      return out;
    }
    let copy: Record<string, unknown> | undefined;
    this.#seen.set(value, value);
    const outs: unknown[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const item = (value as Record<string, unknown>)[key];
      const out = this.#child(item, key);
      outs.push(out);
      if (out !== item && copy === undefined) {
        // Built from the values already read: a getter is read once.
        copy = {};
        for (let j = 0; j < i; j++) copy[keys[j]] = outs[j];
        this.#seen.set(value, copy);
      }
      if (copy !== undefined) copy[key] = out;
    }
    return copy ?? value;
  }

  #walkMap(value: Map<unknown, unknown>): unknown {
    if (this.copyAll) {
      const copy = new Map();
      this.#seen.set(value, copy);
      for (const [k, v] of value) copy.set(this.#child(k, "<key>"), this.#child(v, ".get(…)"));
      return copy;
    }
    this.#seen.set(value, value);
    let changed = false;
    const entries: [unknown, unknown][] = [];
    for (const [k, v] of value) {
      const key = this.#child(k, "<key>");
      const item = this.#child(v, `.get(${typeof k === "string" ? JSON.stringify(k) : "…"})`);
      changed ||= key !== k || item !== v;
      entries.push([key, item]);
    }
    if (!changed) return value;
    const copy = new Map(entries);
    this.#seen.set(value, copy);
    return copy;
  }

  #walkSet(value: Set<unknown>): unknown {
    if (this.copyAll) {
      const copy = new Set();
      this.#seen.set(value, copy);
      for (const v of value) copy.add(this.#child(v, "<item>"));
      return copy;
    }
    this.#seen.set(value, value);
    let changed = false;
    const items: unknown[] = [];
    for (const v of value) {
      const item = this.#child(v, "<item>");
      changed ||= item !== v;
      items.push(item);
    }
    if (!changed) return value;
    const copy = new Set(items);
    this.#seen.set(value, copy);
    return copy;
  }

  #walkError(error: Error): unknown {
    let base = "Error";
    if (DOMExceptionClass !== undefined && error instanceof DOMExceptionClass) {
      base = "DOMException";
    } else {
      for (let p = Object.getPrototypeOf(error); p !== null; p = Object.getPrototypeOf(p)) {
        const name = builtinErrorPrototypes.get(p);
        if (name) {
          base = name;
          break;
        }
      }
    }
    const tag: Extract<Tagged, { [TAG]: "error" }> = {
      [TAG]: "error",
      base,
      name: String(error.name),
      message: String(error.message),
      stack: typeof error.stack === "string" ? stackRewriter(error.stack) : undefined,
      hasCause: "cause" in error,
      props: {},
    };
    this.#tag(error, tag);
    if (tag.hasCause) tag.cause = this.#lenient(error.cause, "cause");
    if (error instanceof AggregateError) tag.errors = this.#lenient(error.errors, "errors");
    for (const key of Object.keys(error)) {
      if (key === "message" || key === "stack" || key === "cause" || key === "errors") continue;
      tag.props[key] = this.#lenient((error as unknown as Record<string, unknown>)[key], key);
    }
    return tag;
  }

  // Parts of an error that cannot travel become a description rather than hiding the error.
  #lenient(value: unknown, key: string): unknown {
    const depth = this.#keys.length;
    try {
      return this.#child(value, key);
    } catch (error) {
      this.#keys.length = depth;
      if (!(error instanceof UnclonableError)) throw error;
      return `[${typeof value === "function" ? "function" : "value"} that cannot be sent: ${String(value).slice(0, 80)}]`;
    }
  }

  #transferWhole(buffer: ArrayBuffer): void {
    const list = this.#options.transfer;
    if (list !== null && !list.includes(buffer) && buffer.byteLength > 0) list.push(buffer);
  }

  // A view's buffer is transferred only when the view covers all of it: a part of a larger
  // buffer (Node's Buffer pool, a slice) is copied, so unrelated data is never detached.
  #transferBuffer(view: ArrayBufferView): void {
    const buffer = view.buffer;
    if (!(buffer instanceof ArrayBuffer)) return;
    if (view.byteOffset === 0 && view.byteLength === buffer.byteLength) this.#transferWhole(buffer);
  }
}

/** The value `pack` made, in this thread: handles revived, tags undone. */
export function unpack(packed: Packed): unknown {
  if (!packed.tagged) return packed.value;
  return new Unpacker().walk(packed.value);
}

// What a port delivers is made in the realm it delivers into, which need not be this module's:
// under Jest, the package runs in the test file's vm context while messages arrive in Node's main
// context. A plain object then has that realm's Object.prototype, and a Map or a Set is not an
// instance of this realm's classes: both are recognised by shape.
const objectPrototypes = new Set<object | null>([Object.prototype, null]);
function isObjectPrototype(proto: object | null): boolean {
  if (objectPrototypes.has(proto)) return true;
  if (Object.getPrototypeOf(proto) !== null || !Object.prototype.hasOwnProperty.call(proto, "constructor")) return false;
  const constructor = (proto as { constructor: unknown }).constructor;
  if (typeof constructor !== "function" || constructor.name !== "Object" || constructor.prototype !== proto) return false;
  objectPrototypes.add(proto);
  return true;
}
const kindOf = (value: object) => Object.prototype.toString.call(value);

class Unpacker {
  readonly #seen = new Map<object, unknown>();

  walk(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (this.#seen.has(value)) return this.#seen.get(value);
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      this.#seen.set(value, value);
      for (let i = 0; i < value.length; i++) if (i in value) value[i] = this.walk(value[i]);
      return value;
    }
    if (isObjectPrototype(proto)) {
      const tag = (value as Record<string, unknown>)[TAG];
      if (typeof tag === "string") return this.#untag(value as Tagged);
      return this.#walkPlain(value);
    }
    if (value instanceof Map || kindOf(value) === "[object Map]") {
      const map = value as Map<unknown, unknown>;
      this.#seen.set(map, map);
      const entries = [...map].map(([k, v]) => [this.walk(k), this.walk(v)] as const);
      map.clear();
      for (const [k, v] of entries) map.set(k, v);
      return map;
    }
    if (value instanceof Set || kindOf(value) === "[object Set]") {
      const set = value as Set<unknown>;
      this.#seen.set(set, set);
      const items = [...set].map((v) => this.walk(v));
      set.clear();
      for (const v of items) set.add(v);
      return set;
    }
    return value;
  }

  #walkPlain(value: object): object {
    this.#seen.set(value, value);
    for (const key of Object.keys(value)) {
      (value as Record<string, unknown>)[key] = this.walk((value as Record<string, unknown>)[key]);
    }
    return value;
  }

  #untag(tag: Tagged): unknown {
    switch (tag[TAG]) {
      case "plain": {
        this.#seen.set(tag, tag.value);
        return this.#walkPlain(tag.value);
      }
      case "buffer": {
        const bytes = tag.bytes;
        const out = NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
        this.#seen.set(tag, out);
        return out;
      }
      case "handle": {
        const out = reviveHandle({ kind: tag.handle.kind, data: this.walk(tag.handle.data) });
        this.#seen.set(tag, out);
        return out;
      }
      case "class": {
        const entry = registeredClassNamed(tag.name);
        if (!entry) {
          throw new TypeError(
            `experimental-threads: an instance of class "${tag.name}" arrived, but the class is not ` +
              `registered in this thread: call registerClass in the module that defines the class, ` +
              `and make sure the worker's code imports that module.`,
          );
        }
        const out = entry.deserialize(this.walk(tag.data));
        this.#seen.set(tag, out);
        return out;
      }
      case "error":
        return this.#error(tag);
    }
  }

  #error(tag: Extract<Tagged, { [TAG]: "error" }>): Error {
    const ctor = builtinErrors[tag.base] ?? Error;
    const error: Error =
      tag.base === "AggregateError"
        ? new AggregateError([], tag.message)
        : tag.base === "DOMException" && DOMExceptionClass !== undefined
          ? new DOMExceptionClass(tag.message, tag.name)
          : new ctor(tag.message);
    this.#seen.set(tag, error);
    if (tag.name !== tag.base && tag.base !== "DOMException") {
      Object.defineProperty(error, "name", { value: tag.name, writable: true, configurable: true });
    }
    if (tag.stack !== undefined) {
      Object.defineProperty(error, "stack", { value: tag.stack, writable: true, configurable: true });
    }
    if (tag.hasCause) {
      Object.defineProperty(error, "cause", { value: this.walk(tag.cause), writable: true, configurable: true });
    }
    if (tag.errors !== undefined) {
      Object.defineProperty(error, "errors", { value: this.walk(tag.errors), writable: true, configurable: true });
    }
    for (const key of Object.keys(tag.props)) {
      (error as unknown as Record<string, unknown>)[key] = this.walk(tag.props[key]);
    }
    return error;
  }
}
