// A kept dynamic import() resolves from the original file, whatever URL the module loads under.
import { spawn } from "experimental-threads";

async function loadPlugin(name) {
  const plugin = await import(`./plugins/${name}.js`);
  return plugin.default;
}

export const run = (name) => eval(spawn(async () => {
  const { default: lodash } = await import("lodash");
  return [await loadPlugin(name), lodash, import.meta.resolve("./x.js")];
}));
