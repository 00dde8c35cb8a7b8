// The task file of the piscina and tinypool contenders: both call the default export, or the
// export named in run(arg, { name }).
export { increment as default, factorial } from "./tasks.mjs";
