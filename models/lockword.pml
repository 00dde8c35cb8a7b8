/*
 * The lock word of src/sync/lock-word.ts (behind Mutex, and the Semaphore's turnstile), step
 * for step: every Atomics operation of the source is one Promela step (a d_step when it is a
 * compare-exchange), plain local computation rides along. Needs futex.pml.
 *
 * Cells: word (WORD), waiters (WAITERS), starving (STARVING). OWNER is unused by the code.
 *
 * Time: the code reads performance.now() in Waiter.sleepTime. The model lets time pass
 * nondeterministically, with the two facts the code relies on:
 *   - a non-starving waiter sleeps with timeout min(deadline, start + STARVE_MS) - now, so when
 *     that wait times out, the next sleepTime finds STARVE_MS passed (or the deadline);
 *   - a starving waiter sleeps until its deadline: without a timeout option, forever, so only
 *     a notify can wake it. A lost notify to a starving waiter is a hang the model shows.
 * With -DNO_STARVE_TIMEOUT the STARVE_MS timeout is left out too: then a sleeping waiter that
 * is not starving also relies on notify alone, which checks that the 1 ms timeout is a
 * latency bound and not what keeps the lock live.
 *
 * Mutation points (#ifdef BROKEN_...) are used by models/broken/*.pml only.
 */

#define FREE      0
#define LOCKED    1
#define CONTENDED 2
#define HANDOFF   3
#define OPEN      4
#define ACQUIRED  9   /* attempt(): -1 in the source */
#define RETRY     10

#define WORD_CELL 1

#ifdef NO_STARVING
#define NO_STARVING_MODE 1   /* -DNO_STARVING: waiters never starve (normal mode only, no timeouts) */
#else
#define NO_STARVING_MODE 0
#endif
#ifdef NO_STARVE_TIMEOUT
#define STARVE_TIMEOUT 0
#else
#define STARVE_TIMEOUT 1
#endif

byte word = FREE;
byte waiters = 0;
byte starving = 0;

/* The locals the inlines below use, declared by each proctype that uses them. */
#define LOCKWORD_LOCALS byte w, nv, r, n, expected, result; bool slept, starv, timedout, give

/* Resets the scratch locals once an operation is over, so that states differing only in
   stale scratch values are one state (a smaller state space, same behaviours). */
inline forget() {
  atomic { w = 0; nv = 0; r = 0; n = 0; expected = 0; result = 0; slept = 0; starv = 0; timedout = 0; give = 0 }
}

/* lock-word.ts tryAcquire(): the fast path of Mutex.lock(), lockSync() and tryLock(). */
inline try_acquire(ok) {
  d_step { if :: word == FREE -> word = LOCKED; ok = 1 :: else -> ok = 0 fi }
}

/* lock-word.ts release(): MutexGuard.unlock(), and the turnstile's releaseTurn(). */
inline release_lock() {
  d_step { if :: word == LOCKED -> word = FREE; r = 1 :: else -> r = 0 fi };
  if
  :: r == 1 -> skip                                   /* uncontended: no notify */
  :: else ->
     if
     :: starving == 0 ->                              /* normal mode: free it, wake one */
        word = FREE;
#ifdef BROKEN_UNLOCK_SKIPS_NOTIFY
        skip
#else
        if
        :: waiters != 0 -> futex_notify_one(WORD_CELL, n)
        :: else -> skip
        fi
#endif
     :: else ->                                       /* starving mode: hand it off */
        word = HANDOFF;
        if
        :: waiters == 0 ->                            /* everyone left meanwhile */
#ifndef BROKEN_HANDOFF_FREE_SKIPS_NOTIFY
           /* a newcomer may have registered after the load above, seen HANDOFF and gone to
              sleep on it: wake one if anybody registered meanwhile */
           d_step { if :: word == HANDOFF -> word = FREE; r = 1 :: else -> r = 0 fi };
           if :: r == 1 && waiters != 0 -> futex_notify_one(WORD_CELL, n) :: else -> skip fi
#else
           /* the code before the model found the lost wake-up: no notify here */
           d_step { if :: word == HANDOFF -> word = FREE :: else -> skip fi }
#endif
        :: else ->
           futex_notify_one(WORD_CELL, n);
           if
           :: n != 0 -> skip
           :: else ->
#ifdef BROKEN_HANDOFF_WITHOUT_OPEN
              skip
#else
              /* nobody asleep: open it to any registered waiter, wake one that slept on HANDOFF */
              d_step { if :: word == HANDOFF -> word = OPEN; r = 1 :: else -> r = 0 fi };
              if :: r == 1 -> futex_notify_one(WORD_CELL, n) :: else -> skip fi
#endif
           fi
        fi
     fi
  fi
  ;
  forget()
}

/* lock-word.ts attempt(cells, slept): r = ACQUIRED, or the word value to sleep on. */
inline attempt() {
  do
  :: w = word;
     if
     :: w == FREE ->
        /* others registered may be asleep: leave CONTENDED so our unlock wakes one */
#ifdef BROKEN_CLAIM_FREE_AS_LOCKED
        nv = LOCKED;
#else
        if :: waiters > 1 -> nv = CONTENDED :: else -> nv = LOCKED fi;
#endif
        d_step { if :: word == FREE -> word = nv; r = ACQUIRED :: else -> r = RETRY fi }
     :: w == LOCKED ->
        d_step { if :: word == LOCKED -> word = CONTENDED; r = CONTENDED :: else -> r = RETRY fi }
     :: w == HANDOFF && !slept -> r = HANDOFF         /* a newcomer: meant for a sleeper */
     :: (w == HANDOFF && slept) || w == OPEN ->
        d_step { if :: word == w -> word = CONTENDED; r = ACQUIRED :: else -> r = RETRY fi }
     :: w == CONTENDED -> r = CONTENDED
     fi;
     if :: r != RETRY -> break :: else -> skip fi
  od
}

/* lock-word.ts Waiter.acquired() */
inline waiter_acquired() {
  if :: starv -> starving-- :: else -> skip fi;
  waiters--
}

/* lock-word.ts Waiter.depart(): leaves without the lock, passing on a hand-off. */
inline depart() {
  waiter_acquired();
  w = word;
  if
  :: w == HANDOFF || w == OPEN ->
     d_step { if :: word == w -> word = CONTENDED; r = 1 :: else -> r = 0 fi };
     if :: r == 1 -> release_lock() :: else -> skip fi
  :: else -> skip
  fi
}

/* lock-word.ts Waiter.sleepTime(deadline): sets starv (and STARVING) when STARVE_MS passed,
   give when the deadline passed (sleepTime returns -1). */
inline sleep_time(can_deadline) {
  give = 0;
  if
  :: timedout && starv -> give = 1                    /* a starving wait ends only at the deadline */
  :: timedout && !starv ->
     if
     :: atomic { starv = 1; starving++ };             /* it timed out at start + STARVE_MS */
        if :: (can_deadline) -> give = 1 :: true -> skip fi
     :: (can_deadline) -> give = 1                     /* it timed out at the deadline, earlier */
     fi
  :: !timedout && !starv ->
#ifndef NO_STARVING
     if
     :: atomic { starv = 1; starving++ }              /* STARVE_MS passed meanwhile */
     :: true -> skip
     fi;
#endif
     if :: (can_deadline) -> give = 1 :: true -> skip fi
  :: !timedout && starv ->
     if :: (can_deadline) -> give = 1 :: true -> skip fi
  fi
}

/*
 * lock-word.ts acquireSync(cells, deadline) and acquireAsync(cells, deadline, signal): the
 * loop after a failed fast path. got = 1 with the lock, 0 when the thread gave up (deadline,
 * or abort: then aborted = 1). can_deadline: a finite timeout option; can_abort: an async
 * lock() with an AbortSignal that may fire (the signal stays aborted, so it fires once).
 */
inline acquire_slow(can_deadline, can_abort, got, aborted) {
  waiters++;                                          /* new Waiter(cells) */
  slept = 0; starv = 0; timedout = 0;
  do
  :: attempt();
     if
     :: r == ACQUIRED -> waiter_acquired(); got = 1; break
     :: else -> skip
     fi;
     expected = r;
     sleep_time(can_deadline);
     if
     :: give -> depart(); got = 0; break               /* sleepTime() < 0: timed out */
     :: else -> skip
     fi;
     if
     :: (can_abort) ->                                /* aborted before this waitAsync: */
        depart(); got = 0; aborted = 1; break          /* it rejects at once, no notify */
     :: true -> skip
     fi;
     futex_wait(word, WORD_CELL, expected, (STARVE_TIMEOUT && !starv && !NO_STARVING_MODE) || (can_deadline), can_abort, result);
     if
     :: result == ABORTED ->                          /* wait.ts onAbort: notify all, reject */
        futex_notify_all(WORD_CELL); depart(); got = 0; aborted = 1; break
     :: result != ABORTED ->
        if
        :: (result == WOKEN || result == TIMED_OUT) && (can_abort) ->
           /* woken, but the signal fired before the promise's continuation ran */
           futex_notify_all(WORD_CELL); depart(); got = 0; aborted = 1; break
        :: true -> skip
        fi
     fi;
     slept = (result != NOT_EQUAL);                    /* waiter.slept = ... !== "not-equal" */
     timedout = (result == TIMED_OUT)
  od
  ;
  forget()
}
