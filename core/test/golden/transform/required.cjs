// CommonJS: spawn required and destructured; module.exports untouched.
const { spawn: run } = require("experimental-threads");
const path = require("node:path");

const base = __dirname;

module.exports.resolveAll = (names) => eval(run(() => names.map((n) => path.join(base, n))));
