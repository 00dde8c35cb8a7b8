// Library objects (Mutex, Semaphore, Global, ...) cross threads as handles: a kind name and
// cloneable data (usually SharedArrayBuffers). Each thread revives a handle into a working
// object on the same shared memory, with the reviver its kind registered. Every primitive
// module registers its kind when it is loaded; the worker bootstrap loads them all.

/** The method a library object implements to travel as a handle. */
export const toHandle: unique symbol = Symbol.for("experimental-threads.toHandle") as never;

export interface Handle {
  kind: string;
  data: unknown;
}

export interface Transportable {
  [toHandle](): Handle;
}

type Reviver = (data: never) => object;

// Shared by every copy of this module in a thread (a bundler or a second install can load it
// twice), so that a kind registered by one copy revives handles received by another.
const revivers: Map<string, Reviver> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("experimental-threads.revivers")
] ??= new Map()) as Map<string, Reviver>;

/** Registers how handles of `kind` become objects again; a kind is registered once. */
export function registerHandleKind(kind: string, revive: Reviver): void {
  if (!revivers.has(kind)) revivers.set(kind, revive);
}

export function isTransportable(value: object): value is Transportable {
  return typeof (value as Partial<Transportable>)[toHandle] === "function";
}

/** The object a handle stands for, in this thread. */
export function reviveHandle(handle: Handle): object {
  const revive = revivers.get(handle.kind);
  if (!revive) {
    throw new TypeError(
      `experimental-threads: no reviver for a "${handle.kind}" handle in this thread ` +
        `(the module that defines it was not loaded here)`,
    );
  }
  return revive(handle.data as never);
}
