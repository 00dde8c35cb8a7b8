// Source maps for compiled files. The transform keeps every line of the user's code where it was
// (and every column outside a rewritten site), and a site's worker module keeps the closure's
// lines too; so the map is the identity: each token of a kept line maps to the same line and
// column of the user's file. Lines past the user's last line (the code compile mode appends)
// map to nothing. The map carries the user's own text, so a debugger or a bundler's output map
// shows what the user wrote, not the rewritten file.

/** A source map (version 3) object, as Rollup and Vite take it. */
export interface SourceMap {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

// Where a segment starts: each word and each other non-blank character (what a stack frame's
// column can name).
const TOKEN = /[\w$]+|\S/g;

/**
 * The identity map of `generated` onto `original` (the user's file `source`, named as given):
 * lines the two share, token by token.
 */
export function identityMap(original: string, generated: string, source: string): SourceMap {
  const originalLines = original.split("\n").length;
  const lines = generated.split("\n");
  let previousLine = 0;
  let previousColumn = 0;
  const mappings = lines.map((text, line) => {
    if (line >= originalLines) return "";
    const segments: string[] = [];
    let generatedColumn = 0;
    for (const match of text.matchAll(TOKEN)) {
      const column = match.index;
      // [generated column, source 0, original line, original column], each relative.
      segments.push(vlq(column - generatedColumn) + vlq(0) + vlq(line - previousLine) + vlq(column - previousColumn));
      generatedColumn = column;
      previousLine = line;
      previousColumn = column;
    }
    return segments.join(",");
  });
  return { version: 3, file: source, sources: [source], sourcesContent: [original], names: [], mappings: mappings.join(";") };
}

/** The map as a trailing comment, for tools that read a loaded file's own map (esbuild). */
export function inlineMapComment(map: SourceMap): string {
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`;
}
