// A site module's identity: a hash of its text and the user's URL (SiteModule.hash), by which each
// worker loads a module once. It only has to tell apart the modules one program makes (their
// text is the program's own code, so nobody gains by forging a collision); a 128-bit hash makes
// an accidental one as likely as never. Written out rather than node:crypto's sha256: importing
// node:crypto costs Node 6 to 10 ms, which every process's first spawn paid.
//
// Four 32-bit lanes, chained (each lane mixes in the one before it), over the UTF-16 code units
// of the URL, its length, the text and its length; then the lanes are cross-added and each is
// finished with MurmurHash3's 32-bit avalanche.

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (h: number) => h.toString(16).padStart(8, "0");

export function hashOf(url: string, text: string): string {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 0x01000193;
  const feed = (u: number) => {
    a = Math.imul(a ^ u, 0x9e3779b1);
    b = Math.imul(b ^ rotl(a, 13), 0x85ebca77);
    c = Math.imul(c ^ rotl(b, 17), 0xc2b2ae3d);
    d = Math.imul(d ^ rotl(c, 7), 0x27d4eb2f);
  };
  for (let k = 0; k < url.length; k++) feed(url.charCodeAt(k));
  feed(url.length + 0x10000); // past any code unit: where the URL ends is part of the input
  for (let k = 0; k < text.length; k++) feed(text.charCodeAt(k));
  feed(text.length + 0x10000);
  a = (a + b) | 0;
  b = (b + c) | 0;
  c = (c + d) | 0;
  d = (d + a) | 0;
  return hex(avalanche(a)) + hex(avalanche(b)) + hex(avalanche(c)) + hex(avalanche(d));
}
