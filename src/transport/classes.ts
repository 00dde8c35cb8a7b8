// The public serialization hook: instances of a registered class travel between threads with
// their prototype, where structured clone alone would turn them into plain objects.

export interface ClassCodec<T, D> {
  /** A name that is the same in every thread; default: the class's own name. */
  name?: string;
  /** The cloneable data an instance becomes; default: its own enumerable properties. */
  serialize?(value: T): D;
  /** The instance made from that data; default: the data assigned onto a new prototype object. */
  deserialize?(data: D): T;
}

interface Entry {
  name: string;
  cls: Function;
  serialize(value: object): unknown;
  deserialize(data: unknown): object;
}

const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("experimental-threads.classes")] ??= {
  byName: new Map<string, Entry>(),
  byPrototype: new Map<object, Entry>(),
}) as { byName: Map<string, Entry>; byPrototype: Map<object, Entry> };

/**
 * Lets instances of `cls` travel to and from workers. The registration must also run in the
 * worker: put it next to the class, in a module the closure's code imports (a module-level
 * statement of the spawning file itself does not run in workers).
 */
export function registerClass<T extends object, D = Record<string, unknown>>(
  cls: abstract new (...args: never[]) => T,
  codec: ClassCodec<T, D> = {},
): void {
  const name = codec.name ?? cls.name;
  if (!name) throw new TypeError("registerClass: an anonymous class needs a `name` option");
  const existing = registry.byName.get(name);
  if (existing && existing.cls !== cls) {
    throw new TypeError(`registerClass: another class is already registered as "${name}"`);
  }
  const entry: Entry = {
    name,
    cls,
    serialize: (codec.serialize as Entry["serialize"]) ?? ((value) => ({ ...value })),
    deserialize:
      (codec.deserialize as Entry["deserialize"]) ??
      ((data) => Object.assign(Object.create(cls.prototype), data)),
  };
  registry.byName.set(name, entry);
  registry.byPrototype.set(cls.prototype, entry);
}

export function registeredClassOf(value: object): Entry | undefined {
  return registry.byPrototype.get(Object.getPrototypeOf(value));
}

export function registeredClassNamed(name: string): Entry | undefined {
  return registry.byName.get(name);
}
