// The task piscina runs in `node bench/spawn/run.mjs`: the same work as the other contenders.
export default function (i) {
  return i + 1;
}
