/*
 * Semaphore (src/sync/semaphore.ts): permits in PERMITS, acquirers in the slow path counted in
 * QUEUED, one of them (the head, holding the turnstile: a lock word, src/sync/lock-word.ts)
 * waiting for permits on PERMITS with HEAD_WAITING set. Checked with spin (models/check.sh).
 *
 * PERMITS_INIT permits; three threads acquire and release ITERS times each:
 *   thread 0  acquireSync(2, { timeout }): the large request; may time out (in the turnstile,
 *             or as the head waiting for permits)
 *   thread 1  acquire(1)   thread 2  acquire(1)
 * (acquire() and acquireSync() run the same steps; acquire()'s abort is modelled for the Mutex.)
 *
 * Properties:
 *   no over-subscription  assert: permits held never exceed PERMITS_INIT, PERMITS never negative
 *   no deadlock           no invalid end state: every acquirer ends, nobody sleeps forever
 *   clean end             assert: all permits back, nobody queued, turnstile free
 *   no lost wake-up       ltl all_return with weak fairness: every acquire() returns
 */

#ifndef ITERS
#define ITERS 1
#endif
#ifndef PERMITS_INIT
#define PERMITS_INIT 2
#endif
#define NPROC 3
#ifndef DEADLINE_THREAD
#define DEADLINE_THREAD 0
#endif
#define PERMITS_CELL 2
#define TAKEN 255         /* #take(): -1 in the source */

#include "futex.pml"
#include "lockword.pml"   /* the turnstile: word, waiters, starving */

byte permits = PERMITS_INIT;   /* PERMITS */
byte queued_n = 0;             /* QUEUED */
bool head_waiting = 0;         /* HEAD_WAITING */
byte held = 0;                 /* permits held by the threads (the model's own counter) */
byte finished = 0;

/* Semaphore.#take(amount): avail = TAKEN, or the count available (the value to sleep on). */
inline take(amount, avail) {
  do
  :: avail = permits;
     if
     :: avail < amount -> break
     :: else ->
#ifdef BROKEN_TAKE_NOT_ATOMIC
        permits = avail - amount; avail = TAKEN; break
#else
        d_step { if :: permits == avail -> permits = avail - amount; avail = TAKEN :: else -> skip fi };
        if :: avail == TAKEN -> break :: else -> skip fi
#endif
     fi
  od
}

/* Semaphore.release(amount) */
inline sem_release(amount) {
  d_step { permits = permits + amount };
#ifdef BROKEN_RELEASE_SKIPS_NOTIFY
  skip
#else
  if :: head_waiting -> futex_notify_one(PERMITS_CELL, n) :: else -> skip fi
#endif
}

proctype Thread(byte me; byte amount) {
  LOCKWORD_LOCALS;
  byte iter = 0, avail;
  bool got, aborted = 0;
  do
  :: iter < ITERS ->
     /* Semaphore.acquireSync(amount) / acquire(amount): the fast path */
     got = 0;
     if
     :: queued_n == 0 -> take(amount, avail); got = (avail == TAKEN)
     :: else -> skip
     fi;
     if
     :: !got ->
        queued_n++;
        acquire_slow(me == DEADLINE_THREAD, 0, got, aborted);   /* the turnstile */
        if
        :: got ->                                             /* the head */
           got = 0; timedout = 0;
           do
           :: /* #headSleepsOn(amount): announce, then try */
#ifdef BROKEN_ANNOUNCE_AFTER_TAKE
              take(amount, avail);
              head_waiting = 1;
#else
              head_waiting = 1;
              take(amount, avail);
#endif
              if :: avail == TAKEN -> got = 1; break :: else -> skip fi;
              /* time = deadline - now; time <= 0 -> TimeoutError. A wait that timed out
                 ended at the deadline. */
              if
              :: me == DEADLINE_THREAD && timedout -> break
              :: me == DEADLINE_THREAD && !timedout -> if :: break :: true -> skip fi
              :: else -> skip
              fi;
              futex_wait(permits, PERMITS_CELL, avail, me == DEADLINE_THREAD, 0, result);
              timedout = (result == TIMED_OUT)
           od;
           head_waiting = 0;                                  /* finally */
           release_lock()                                     /* releaseTurn() */
        :: else -> skip
        fi;
        queued_n--
     :: else -> skip
     fi;
     if
     :: got ->
        d_step { held = held + amount; assert(held <= PERMITS_INIT) };
        d_step { held = held - amount };
        sem_release(amount)                                   /* SemaphorePermit.release() */
     :: else -> skip
     fi;
     iter++
  :: else -> break
  od;
  finished++
}

init {
  atomic { run Thread(0, 2); run Thread(1, 1); run Thread(2, 1) }
  finished == NPROC;
  assert(permits == PERMITS_INIT && held == 0 && queued_n == 0 && !head_waiting);
  assert((word == FREE || word == OPEN) && waiters == 0 && starving == 0)
}

ltl all_return { <> (finished == NPROC) }
