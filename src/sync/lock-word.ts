// The lock algorithm behind Mutex (and the Semaphore's turnstile): a futex-style lock word in
// shared memory, acquired by compare-and-swap, with sleeping waiters parked on that word.
//
// Cells of the Int32Array (LOCK_CELLS of them):
//   WORD      FREE, LOCKED (no sleeper), CONTENDED (sleepers possible), HANDOFF, OPEN (below)
//   WAITERS   threads inside the slow path (registered before they look at WORD)
//   STARVING  waiters that have waited longer than STARVE_MS
//   OWNER     Mutex only: the holder's thread id + 1, 0 when free (lets waiters see a dead holder)
//
// Normal mode lets newcomers barge (a free lock goes to whoever CASes first), which keeps the
// lock fast under contention. A waiter that has waited STARVE_MS counts itself as starving;
// while any waiter starves, unlock never frees the word but hands it to the waiter it wakes
// (HANDOFF), so newcomers queue behind the sleepers and every waiter is served in bounded time.
// Only the uncontended unlock (LOCKED -> FREE) is a single CAS with no Atomics.notify.

import { waitAsync } from "./wait.js";

export const LOCK_CELLS = 4;

const WORD = 0;
const WAITERS = 1;
const STARVING = 2;
export const OWNER = 3;

const FREE = 0;
const LOCKED = 1;
const CONTENDED = 2;
/** Held for the sleeper that unlock() just woke: only a waiter that has slept may claim it. */
const HANDOFF = 3;
/** Unlock handed off but nobody was asleep to wake: any registered waiter may claim it. */
const OPEN = 4;

const ACQUIRED = -1;
const STARVE_MS = 1;
/**
 * With a takeover check (a Mutex watching for a dead holder), waiters sleep at most this long
 * between checks: a holder that died is noticed within it, with a few wake-ups per second.
 */
const TAKEOVER_POLL_MS = 100;

/**
 * Called by a waiter that found the lock held: true if it took the lock over (its holder is
 * dead), which then counts as acquired.
 */
export type Takeover = () => boolean;

/**
 * Makes the caller the holder of a lock whose holder died (a Mutex taking over): the word stays
 * held, as CONTENDED, so that the caller's release wakes a sleeper.
 */
export function seize(cells: Int32Array): void {
  Atomics.store(cells, WORD, CONTENDED);
}

export function tryAcquire(cells: Int32Array): boolean {
  return Atomics.compareExchange(cells, WORD, FREE, LOCKED) === FREE;
}

export function release(cells: Int32Array): void {
  if (Atomics.compareExchange(cells, WORD, LOCKED, FREE) === LOCKED) return;
  if (Atomics.load(cells, STARVING) === 0) {
    Atomics.store(cells, WORD, FREE);
    // Waiters register before reading WORD, so seeing none here means any newcomer sees FREE.
    if (Atomics.load(cells, WAITERS) !== 0) Atomics.notify(cells, WORD, 1);
    return;
  }
  Atomics.store(cells, WORD, HANDOFF);
  if (Atomics.load(cells, WAITERS) === 0) {
    // Everyone left meanwhile (timeout, abort); a departing waiter may also have claimed it. A
    // newcomer may have registered since that load, seen HANDOFF and gone to sleep on it: wake
    // one if anybody registered (found by the spin model, models/mutex.pml).
    if (Atomics.compareExchange(cells, WORD, HANDOFF, FREE) === HANDOFF && Atomics.load(cells, WAITERS) !== 0) {
      Atomics.notify(cells, WORD, 1);
    }
    return;
  }
  if (Atomics.notify(cells, WORD, 1) !== 0) return;
  // The registered waiters are all awake (between registering and sleeping): the first one to
  // look takes it. Wake one that may have fallen asleep on HANDOFF in the meantime.
  if (Atomics.compareExchange(cells, WORD, HANDOFF, OPEN) === HANDOFF) Atomics.notify(cells, WORD, 1);
}

// One attempt by a registered waiter: ACQUIRED, or the WORD value to sleep on.
function attempt(cells: Int32Array, slept: boolean): number {
  for (;;) {
    const word = Atomics.load(cells, WORD);
    let claimed: number;
    switch (word) {
      case FREE:
        // Others registered may be asleep: leave CONTENDED so our unlock wakes one.
        claimed = Atomics.compareExchange(cells, WORD, FREE, Atomics.load(cells, WAITERS) > 1 ? CONTENDED : LOCKED);
        if (claimed === FREE) return ACQUIRED;
        break;
      case LOCKED:
        claimed = Atomics.compareExchange(cells, WORD, LOCKED, CONTENDED);
        if (claimed === LOCKED) return CONTENDED;
        break;
      case HANDOFF:
        if (!slept) return HANDOFF; // a newcomer: the lock is meant for a sleeper
      // falls through
      case OPEN:
        // Newcomers may be asleep on HANDOFF, so take it as CONTENDED.
        if (Atomics.compareExchange(cells, WORD, word, CONTENDED) === word) return ACQUIRED;
        break;
      default:
        return word; // CONTENDED
    }
  }
}

// The waiter's bookkeeping between its attempts, shared by the blocking and async loops.
class Waiter {
  readonly start = performance.now();
  slept = false;
  starving = false;

  constructor(readonly cells: Int32Array) {
    Atomics.add(cells, WAITERS, 1);
  }

  /** How long to sleep before the next attempt (ms), or -1 if the deadline passed. */
  sleepTime(deadline: number, takeover: Takeover | undefined): number {
    const now = performance.now();
    if (!this.starving && now - this.start >= STARVE_MS) {
      this.starving = true;
      Atomics.add(this.cells, STARVING, 1);
    }
    if (now >= deadline) return -1;
    // Until starving, wake at STARVE_MS to notice it even if nobody notifies us.
    const time = (this.starving ? deadline : Math.min(deadline, this.start + STARVE_MS)) - now;
    return takeover === undefined ? time : Math.min(time, TAKEOVER_POLL_MS);
  }

  acquired(): void {
    if (this.starving) Atomics.sub(this.cells, STARVING, 1);
    Atomics.sub(this.cells, WAITERS, 1);
  }

  /** Leaves without the lock (timeout, abort), passing on a hand-off that may have been ours. */
  depart(): void {
    this.acquired();
    const word = Atomics.load(this.cells, WORD);
    if ((word === HANDOFF || word === OPEN) && Atomics.compareExchange(this.cells, WORD, word, CONTENDED) === word) {
      release(this.cells);
    }
  }
}

/** Blocks until acquired (true) or `deadline` (performance.now() clock) passes (false). */
export function acquireSync(cells: Int32Array, deadline: number, takeover?: Takeover): boolean {
  const waiter = new Waiter(cells);
  for (;;) {
    const expected = attempt(cells, waiter.slept);
    if (expected === ACQUIRED || takeover?.()) {
      waiter.acquired();
      return true;
    }
    const time = waiter.sleepTime(deadline, takeover);
    if (time < 0) {
      waiter.depart();
      return false;
    }
    waiter.slept = Atomics.wait(cells, WORD, expected, time) !== "not-equal";
  }
}

/** Like acquireSync without blocking the thread; rejects with the signal's reason on abort. */
export async function acquireAsync(
  cells: Int32Array,
  deadline: number,
  signal: AbortSignal | undefined,
  takeover?: Takeover,
): Promise<boolean> {
  const waiter = new Waiter(cells);
  try {
    for (;;) {
      const expected = attempt(cells, waiter.slept);
      if (expected === ACQUIRED || takeover?.()) {
        waiter.acquired();
        return true;
      }
      const time = waiter.sleepTime(deadline, takeover);
      if (time < 0) {
        waiter.depart();
        return false;
      }
      const result = waitAsync(cells, WORD, expected, time, signal);
      waiter.slept = (typeof result === "string" ? result : await result) !== "not-equal";
    }
  } catch (error) {
    waiter.depart();
    throw error;
  }
}
