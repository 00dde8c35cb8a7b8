// A benchmark worker: locks and unlocks one contender's lock with lockSync until told to stop,
// counting acquisitions and hand-offs (acquisitions whose previous holder was another thread).
import { parentPort, workerData } from "node:worker_threads";
import { contenders } from "./contenders.mjs";

const { name, shared, control, slot } = workerData;
const lock = contenders[name].create(shared);
// control: [0] start gate, [1] stop flag, [2] workers ready, [3] last holder's slot + 1,
//          [4 + 2 * slot] acquisitions, [5 + 2 * slot] hand-offs
const c = new Int32Array(control);
Atomics.add(c, 2, 1);
Atomics.notify(c, 2);
while (Atomics.load(c, 0) === 0) Atomics.wait(c, 0, 0);
let count = 0;
let handoffs = 0;
const me = slot + 1;
while (Atomics.load(c, 1) === 0) {
  for (let k = 0; k < 64; k++) {
    const guard = lock.lockSync();
    // The holder's own bookkeeping, inside the critical section (a plain read and write).
    if (c[3] !== me) {
      handoffs++;
      c[3] = me;
    }
    lock.unlock(guard);
  }
  count += 64;
}
Atomics.store(c, 4 + 2 * slot, count);
Atomics.store(c, 5 + 2 * slot, handoffs);
parentPort.postMessage("done");
