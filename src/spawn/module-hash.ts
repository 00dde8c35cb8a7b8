// A site module's identity: a content hash of its text and the user's URL (SiteModule.hash), by
// which each worker loads a module once. Its own file, so that compile mode's run time, whose
// hashes were made at build time, does not load node:crypto.
import { createHash } from "node:crypto";

export function hashOf(url: string, text: string): string {
  return createHash("sha256").update(url).update("\0").update(text).digest("hex").slice(0, 24);
}
