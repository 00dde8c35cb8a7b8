// The three locks the sync benchmark compares, behind one shape, on the main thread and in
// workers: { lock(): Promise<unlock>, lockSync(): unlock }, made from a SharedArrayBuffer that
// every thread shares (create(sab) on each thread), plus what each needs allocated.
//   ours            experimental-threads' Mutex (dist/, build first), shared through its handle
//   multithreading  the npm package multithreading's Mutex (bench/sync/node_modules), revived
//                   from its lock buffer through its constructor (new Mutex(data, lockBuffer))
//   spin            a bare Atomics.compareExchange spin lock: the floor, no sleeping at all
import { reviveHandle, toHandle } from "../../dist/transport/handles.js";
import { Mutex } from "../../dist/sync/mutex.js";

async function loadMultithreading() {
  try {
    return { Mutex: (await import("multithreading")).Mutex };
  } catch (error) {
    return { error: String(error?.message ?? error).split("\n")[0] };
  }
}
const mt = await loadMultithreading();

export const contenders = {
  ours: {
    share: () => new Mutex()[toHandle](),
    create(shared) {
      const mutex = reviveHandle(shared);
      return {
        lock: () => mutex.lock(),        // resolves with the guard: guard.unlock()
        lockSync: () => mutex.lockSync(),
        unlock: (guard) => guard.unlock(),
      };
    },
  },
  multithreading: {
    loadError: mt.error,
    share: () => new SharedArrayBuffer(4),
    create(shared) {
      const mutex = new mt.Mutex(undefined, shared);
      return {
        lock: () => mutex.lock(),
        lockSync: () => mutex.blockingLock(),
        unlock: (guard) => guard.dispose(),
      };
    },
  },
  spin: {
    share: () => new SharedArrayBuffer(4),
    create(shared) {
      const cell = new Int32Array(shared);
      const lockSync = () => {
        while (Atomics.compareExchange(cell, 0, 0, 1) !== 0);
        return cell;
      };
      return {
        lock: async () => lockSync(),     // an async function, as the others' lock() are
        lockSync,
        unlock: (c) => Atomics.store(c, 0, 0),
      };
    },
  },
};
