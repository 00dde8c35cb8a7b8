/*
 * Mutex (src/sync/mutex.ts over src/sync/lock-word.ts), checked with spin (models/check.sh).
 *
 * Three threads lock and unlock ITERS times each:
 *   thread 0  lockSync({ timeout }) : may give up when its deadline passes  (Waiter.depart)
 *   thread 1  await lock({ signal }): its signal may fire once, while it waits or between two
 *             waits; then it leaves (wait.ts onAbort notify-all, acquireAsync catch -> depart)
 *             and, as the signal stays aborted, locks no more
 *   thread 2  lockSync() / await lock() without options (the same loop in the model)
 * Every lock goes through the fast path Mutex.lock()/lockSync(): tryAcquire(), then
 * acquireSync/acquireAsync; unlock is MutexGuard.unlock() -> release().
 *
 * Not modelled: the Mutex's takeover check (mutex.ts takeoverOf, lock-word.ts TAKEOVER_POLL_MS):
 * a waiter of a Mutex also wakes every 100 ms to look for a dead holder. The model leaves that
 * poll out, as the lock word is used without it by the Semaphore's turnstile, Condvar's re-lock
 * and Channel: for a Mutex a lost wake-up the model finds is a 100 ms stall, for them a hang.
 *
 * Properties:
 *   mutual exclusion   assert: at most one thread between lock and unlock (cs <= 1)
 *   no deadlock        no invalid end state: every thread ends, nobody sleeps forever
 *   lock left clean    assert at the end: word FREE (or OPEN, see init), no waiters, none starving
 *   no lost wake-up    ltl all_return (with weak fairness, pan -a -f): every lock() call
 *                      returns, i.e. no thread sleeps on the word while nobody will wake it
 */

#ifndef ITERS
#define ITERS 1
#endif
#define NPROC 3
#ifndef DEADLINE_THREAD
#define DEADLINE_THREAD 0   /* -DDEADLINE_THREAD=9: nobody has a timeout */
#endif
#ifndef ABORT_THREAD
#define ABORT_THREAD 1      /* -DABORT_THREAD=9: nobody has a signal */
#endif

#include "futex.pml"
#include "lockword.pml"

byte cs = 0;          /* threads holding the mutex */
byte finished = 0;    /* threads done with their ITERS lock/unlock rounds */

proctype Thread(byte me) {
  LOCKWORD_LOCALS;
  byte iter = 0;
  bool got, aborted = 0;
  do
  :: iter < ITERS && !aborted ->
     /* Mutex.lock() / lockSync(): the fast path, then the waiting loop */
#ifdef BROKEN_NONATOMIC_TRYLOCK
     if :: word == FREE -> word = LOCKED; got = 1 :: else -> got = 0 fi;
#else
     try_acquire(got);
#endif
     if
     :: !got -> acquire_slow(me == DEADLINE_THREAD, me == ABORT_THREAD && !aborted, got, aborted)
     :: else -> skip
     fi;
     if
     :: got ->
        d_step { cs++; assert(cs == 1) };              /* the critical section */
        cs--;
        release_lock()                                 /* MutexGuard.unlock() */
     :: else -> skip                                   /* TimeoutError / AbortError */
     fi;
     iter++
  :: else -> break
  od;
  finished++
}

init {
  atomic { run Thread(0); run Thread(1); run Thread(2) }
  finished == NPROC;
  /* Nobody holds it, nobody is registered. The word is FREE, or OPEN: a hand-off opened by
     release() while the only waiter departed (Waiter.depart() read HANDOFF, release() then
     swapped it to OPEN, depart's compare-exchange failed). An OPEN word with no waiter is
     taken by the next lock()'s slow path (attempt() claims OPEN), but tryLock() fails on it
     until then. -DSTRICT_CLEAN_END asserts FREE and shows that trace. */
#ifdef STRICT_CLEAN_END
  assert(word == FREE && waiters == 0 && starving == 0 && cs == 0)
#else
  assert((word == FREE || word == OPEN) && waiters == 0 && starving == 0 && cs == 0)
#endif
}

ltl all_return { <> (finished == NPROC) }
