// Checking the options objects of the public calls. A typo must not turn a limit off: an unknown
// key, a wrong type or a value out of range is thrown by the call itself, before anything is
// queued, naming the option, the value and what is accepted (with a "did you mean" for typos).

/** One option: what it accepts, as the message says it, and the test of a value. */
export interface OptionCheck {
  /** e.g. "a number of milliseconds >= 0 (Infinity: no limit)". */
  expected: string;
  /** The value has the right type (else TypeError). */
  type(value: unknown): boolean;
  /** The value is in range (else RangeError); absent: every value of the right type. */
  range?(value: never): boolean;
}

export type OptionSpec = Readonly<Record<string, OptionCheck>>;

export const milliseconds: OptionCheck = {
  expected: "a number of milliseconds >= 0 (Infinity: no limit)",
  type: (value) => typeof value === "number",
  range: (value: number) => value >= 0, // NaN fails
};

export const boolean: OptionCheck = {
  expected: "true or false",
  type: (value) => typeof value === "boolean",
};

export const abortSignal: OptionCheck = {
  expected: "an AbortSignal",
  type: (value) => value instanceof AbortSignal,
};

/** `{ signal, timeout }` of every asynchronous wait of the primitives. */
export const WAIT_OPTIONS: OptionSpec = { signal: abortSignal, timeout: milliseconds };
/** `{ timeout }` of every blocking wait (a blocked thread cannot see a signal fire). */
export const BLOCKING_WAIT_OPTIONS: OptionSpec = { timeout: milliseconds };

/**
 * Throws unless `options` is undefined or an object whose every own key is in `spec` with a
 * valid value. `call` is how the message names the call, e.g. "spawn(fn, options)".
 */
export function checkOptions(call: string, options: unknown, spec: OptionSpec): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`experimental-threads: ${call}: the options must be an object, got ${describe(options)}`);
  }
  const names = Object.keys(spec);
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(spec, key)) continue;
    const near = closest(key, names);
    const why = key === "signal" ? " (a blocked thread cannot see a signal fire: use the asynchronous form)" : "";
    throw new TypeError(
      `experimental-threads: ${call}: unknown option \`${key}\`${near ? ` (did you mean \`${near}\`?)` : why}; ` +
        `the options are ${names.map((n) => `\`${n}\``).join(", ")}`,
    );
  }
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const check = spec[name];
    if (!check.type(value)) {
      throw new TypeError(`experimental-threads: ${call}: option \`${name}\` must be ${check.expected}, got ${describe(value)}`);
    }
    if (check.range && !check.range(value as never)) {
      throw new RangeError(`experimental-threads: ${call}: option \`${name}\` must be ${check.expected}, got ${describe(value)}`);
    }
  }
}

/** A value as a message shows it: short, and saying its type. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "function":
      return `a function${value.name ? ` (${value.name})` : ""}`;
    case "symbol":
      return value.toString();
    default: {
      const name = (value as object).constructor?.name;
      return Array.isArray(value) ? "an array" : name && name !== "Object" ? `a ${name}` : "an object";
    }
  }
}

// The option a typo most likely meant: within two edits, or one for short names.
function closest(key: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best !== undefined && bestDistance <= (best.length <= 4 ? 1 : 2) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
