// `Global<T>`: a value every thread sees as the same one. Its identity is where the
// `new Global(...)` expression is written in the original source (URL, line, column): the
// worker module is position-preserving and its frames are mapped back to the original URL, so
// the same declaration evaluated in a worker finds the value the main thread bound, and uses it
// instead of the fresh one it just constructed (usually a new Mutex on new shared memory).
import { callerOf } from "../runtime/callsite.js";
import { registerHandleKind, toHandle } from "../transport/handles.js";
import type { Handle } from "../transport/handles.js";
import { createdGlobal, existingGlobal } from "./global-registry.js";

// Set while a handle is revived: the constructor then takes this identity instead of its own
// call site (which would be this module).
let revivingId: string | undefined;

export class Global<T> {
  readonly #value: T;
  /** `<module URL>:<line>:<column>` of the `new Global` expression. */
  readonly id: string;

  constructor(value: T) {
    let id = revivingId;
    revivingId = undefined;
    if (id === undefined) {
      const site = callerOf(new.target);
      if (site === null) {
        throw new TypeError("experimental-threads: new Global(value) must be written in a module file: its position in the file is its identity");
      }
      id = `${site.url}:${site.line}:${site.column}`;
    }
    this.id = id;
    const existing = existingGlobal(id);
    if (existing !== undefined) {
      this.#value = existing.value as T;
    } else {
      this.#value = value;
      createdGlobal(id, value);
    }
  }

  /** The shared value: the same memory in every thread. */
  get value(): T {
    return this.#value;
  }

  [toHandle](): Handle {
    return { kind: "Global", data: { id: this.id, value: this.#value } };
  }
}

registerHandleKind("Global", (data: { id: string; value: unknown }) => {
  revivingId = data.id;
  return new Global(data.value);
});
