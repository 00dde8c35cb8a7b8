'use strict';
const { join: joinPath } = require("node:path"), os = require("node:os");
const limit = 4, twice = (n) => n * 2;
let started = Date.now();

function describe(n) {
  return joinPath(os.tmpdir(), String(twice(n))) + ":" + limit;
}

module.exports = function run(spawn, items) {
  return items.map((n) => eval(spawn(() => describe(n) + started)));
};
