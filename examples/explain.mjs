// The demo: build the capture compiler, then explain every `spawn(...)` closure in the files
// given (default: the examples next to this script), as `npx experimental-threads explain` will.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scan = process.env.XTHREADS_SCAN ?? join(root, "build", "core", "xthreads-scan");
const files = process.argv.slice(2);
if (files.length === 0) files.push(join(root, "examples", "hash-passwords.ts"));

for (const file of files) {
  const lines = readFileSync(file, "utf8").split(/\r\n|\r|\n/);
  lines.forEach((text, index) => {
    for (const match of text.matchAll(/\bspawn\(/g)) {
      // Columns count UTF-16 code units, as stack traces do: JS string indices already are.
      const site = `${file}:${index + 1}:${match.index + 1}`;
      console.log(`spawn at ${relative(process.cwd(), site)}`);
      // The compiler exits with 1 when spawn would throw: its report is shown all the same.
      let out;
      try {
        out = execFileSync(scan, ["--closure", site], { encoding: "utf8" });
      } catch (error) {
        out = String(error.stdout ?? error.message);
      }
      process.stdout.write(out.replaceAll(file, relative(process.cwd(), file)) + "\n");
    }
  });
}
