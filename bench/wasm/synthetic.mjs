// Deterministic TypeScript source of a chosen size for the benchmarks: interfaces, generic
// classes, arrow functions and template literals, ending with a `spawn` call whose closure
// captures from the whole file.

/** @param {number} i */
function block(i) {
  return `
export interface Record${i} { id: number; name: string; tags: readonly string[]; parent?: Record${i} }

export class Store${i}<T extends Record${i}> {
  private readonly items = new Map<number, T>();
  constructor(private readonly limit: number = ${i + 10}) {}
  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(\`store ${i} is full: \${item.name}\`);
    this.items.set(item.id, item);
    return this;
  }
  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.items.values()) if (predicate(item)) return item;
    return undefined;
  }
}

export function summarize${i}(records: Record${i}[], prefix = "r${i}"): string {
  const names = records.filter((r) => r.tags.length > 0).map((r) => \`\${prefix}:\${r.name}\`);
  return names.length > 0 ? names.join(", ") : (records[0]?.parent?.name ?? "none");
}
`;
}

/**
 * @param {number} bytes approximate size wanted
 * @returns {{ source: string, line: number, column: number }} the source and the position of
 *   its final `spawn` call, as a stack trace would give it
 */
export function syntheticTypeScript(bytes) {
  const blocks = [`import { spawn } from "experimental-threads";\n`];
  let size = blocks[0].length;
  for (let i = 0; size < bytes; i++) {
    blocks.push(block(i));
    size += blocks.at(-1).length;
  }
  const tail = `\nexport const job = eval(spawn(() => summarize0([], "x") + new Store1().find(() => true)));\n`;
  const source = blocks.join("") + tail;
  const lines = source.split("\n");
  const line = lines.length - 1;
  return { source, line, column: lines[line - 1].indexOf("spawn(") + 1 };
}
