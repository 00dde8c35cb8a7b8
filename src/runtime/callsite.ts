// Where a function was called from: file, line and column of the caller's frame, read from
// structured call sites (V8's and Bun's `Error.prepareStackTrace`), with the text stack as the
// fallback. Positions are 1-based; columns count UTF-16 code units, as the compiler expects.
import { fileURLToPath, pathToFileURL } from "node:url";
import { withoutMark } from "./generated-url.js";

export interface CallSite {
  /** The file's path on disk. */
  file: string;
  /** The file's URL (what the worker module's imports resolve from). */
  url: string;
  line: number;
  column: number;
}

interface V8CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

// Generated worker modules, by the URL their frames show, mapped to the user's file URL. A
// nested spawn inside a worker finds its call site in the generated module; positions are the
// user's already (the module is position-preserving), only the URL is swapped.
const generatedUrls = new Map<string, string>();

export function registerGeneratedUrl(generated: string, original: string): void {
  generatedUrls.set(generated, original);
}

/** The user's URL for a frame's file name, undoing the mark of a generated module. */
export function originalUrl(fileName: string): string {
  const known = generatedUrls.get(fileName);
  if (known) return known;
  const bare = withoutMark(fileName);
  if (/^[a-z][a-z0-9+.-]+:/i.test(bare)) return bare;
  return pathToFileURL(bare).href;
}

const structured = (_: Error, frames: V8CallSite[]) => frames;

/**
 * The call site of the frame that called `callee`. Returns null when no frame with a file
 * position is found (for example code run by `new Function`).
 */
export function callerOf(callee: Function): CallSite | null {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let frames: unknown;
  try {
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = structured as never;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callee);
    frames = holder.stack;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  if (Array.isArray(frames) && frames.length > 0 && typeof frames[0]?.getFileName === "function") {
    const frame = frames[0] as V8CallSite;
    const name = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (name && line && column) return site(name, line, column);
    return null;
  }
  return fromText(callee);
}

// The fallback when structured call sites are unavailable: the first frame below `callee` in
// the text stack, whichever of the V8 (`at f (file:1:2)`) or JSC (`f@file:1:2`) forms it has.
function fromText(callee: Function): CallSite | null {
  const savedLimit = Error.stackTraceLimit;
  let stack = "";
  try {
    Error.stackTraceLimit = 2;
    const holder: { stack?: string } = {};
    Error.captureStackTrace(holder, callee);
    stack = String(holder.stack ?? "");
  } finally {
    Error.stackTraceLimit = savedLimit;
  }
  for (const line of stack.split("\n")) {
    const frame = parseFrame(line);
    if (frame) return site(frame.fileName, frame.line, frame.column);
  }
  return null;
}

/**
 * The file and position of one line of a text stack, in V8's forms (`at f (file:1:2)`,
 * `at file:1:2`) or JSC's (`f@file:1:2`); null for a line without a position.
 */
export function parseFrame(text: string): { fileName: string; line: number; column: number } | null {
  const match = /(?:\(|@|at )((?:[a-z][a-z0-9+.-]*:)?[^()@]+?):(\d+):(\d+)\)?\s*$/i.exec(text.trim());
  if (!match) return null;
  return { fileName: match[1], line: Number(match[2]), column: Number(match[3]) };
}

// A frame's file name → the user's URL and path: a few files call spawn, many times each.
const locations = new Map<string, { url: string; file: string }>();

function site(fileName: string, line: number, column: number): CallSite {
  let location = locations.get(fileName);
  if (location === undefined) {
    const url = originalUrl(fileName);
    location = { url, file: url.startsWith("file:") ? fileURLToPath(url) : url };
    if (locations.size > 10_000) locations.clear();
    locations.set(fileName, location);
  }
  return { file: location.file, url: location.url, line, column };
}
