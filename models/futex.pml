/*
 * Atomics.wait / Atomics.waitAsync / Atomics.notify on an Int32 cell of shared memory, as the
 * models of src/sync/*.ts use them (ECMA-262, "Atomics.wait" and "Atomics.notify"; the
 * threads' Atomics operations are sequentially consistent, so interleaving them is exact).
 *
 *   wait(cell, expected): in ONE step, compares the cell with `expected` and, if equal, joins
 *     the cell's waiter list; otherwise returns "not-equal". A thread in the list stays there
 *     until a notify removes it ("ok"), its timeout fires ("timed-out", only when the caller
 *     passed a finite timeout) or, for waitAsync with an AbortSignal, until it is aborted
 *     (src/sync/wait.ts waitAsync: the abandoned waiter STAYS in the list until onAbort's
 *     notify-all removes it). Changing the cell's value does not wake anybody.
 *   notify(cell, 1): removes one thread that is in the list NOW and returns 1, or returns 0.
 *     A notify when nobody is in the list is lost: a thread between "decided to sleep" and
 *     "in the list" does not get it. The models must survive that.
 *   notify(cell): removes every thread in the list.
 *
 * The real list is FIFO; notify(cell, 1) here removes ANY thread of the list (nondeterministic
 * choice), a superset of the FIFO behaviours, so every property holds for any wake order.
 *
 * Threads are numbered 0..NPROC-1 (`me`, a parameter of each proctype). Cells are numbered from
 * 1; queued[t] is the cell whose waiter list thread t is in, 0 for none.
 */

#define NOT_EQUAL 1
#define WOKEN     2   /* "ok": removed from the list by a notify */
#define TIMED_OUT 3
#define ABORTED   4   /* waitAsync's signal fired while in the list (still in the list) */
#define PENDING   5

byte queued[3];

/* wait(cell, expected) with a finite timeout iff can_time_out, an AbortSignal iff can_abort. */
inline futex_wait(cell, cid, expected, can_time_out, can_abort, result) {
  d_step {
    if
    :: cell != expected -> result = NOT_EQUAL
    :: else -> queued[me] = cid; result = PENDING
    fi
  };
  if
  :: result == PENDING ->
     if
     :: queued[me] == 0 -> result = WOKEN
     :: atomic { (can_time_out) && queued[me] == cid -> queued[me] = 0; result = TIMED_OUT }
     :: atomic { (can_abort) && queued[me] == cid -> result = ABORTED }
     fi
  :: else -> skip
  fi
}

/* Atomics.notify(cell, 1): n = how many were woken (0 or 1). */
inline futex_notify_one(cid, n) {
  atomic {
    if
    :: queued[0] == cid -> queued[0] = 0; n = 1
    :: queued[1] == cid -> queued[1] = 0; n = 1
    :: queued[2] == cid -> queued[2] = 0; n = 1
    :: else -> n = 0
    fi
  }
}

/* Atomics.notify(cell): wakes every thread in the cell's list. */
inline futex_notify_all(cid) {
  d_step {
    if :: queued[0] == cid -> queued[0] = 0 :: else -> skip fi;
    if :: queued[1] == cid -> queued[1] = 0 :: else -> skip fi;
    if :: queued[2] == cid -> queued[2] = 0 :: else -> skip fi
  }
}
