// Node's module customization hooks for `module.register` (Node 20.6 to 22.14, where
// module.registerHooks does not exist): they run on Node's hooks thread.
import { compileLoaded, loadError } from "./load-hook.js";
import type { LoadResult } from "./load-hook.js";

type NextLoad = (url: string, context: object) => Promise<LoadResult>;

export async function load(url: string, context: object, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  try {
    return compileLoaded(url, result);
  } catch (error) {
    throw loadError(url, error);
  }
}
