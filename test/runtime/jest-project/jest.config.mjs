// Jest in its ESM mode, as its documentation sets it up: no transform, run with
// `node --experimental-vm-modules`. spawn works as in any ES module (eval mode).
export default { testMatch: ["**/*.spec.mjs"], transform: {} };
