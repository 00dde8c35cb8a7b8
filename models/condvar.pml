/*
 * Condvar (src/sync/condvar.ts) over a Mutex (src/sync/mutex.ts, lock word
 * src/sync/lock-word.ts). Checked with spin (models/check.sh).
 *
 * Condvar cells: SEQ (bumped by every notify; waiters sleep on it) and WAITERS (threads between
 * registering in wait() and waking: notify calls Atomics.notify only while it is non-zero).
 *
 * Threads 0 and 1 consume one item each: lock; while (items == 0) wait(guard); items--; unlock
 *   (Condvar.waitWhile / waitWhileSync: the caller's predicate loop).
 * Thread 2 produces two items: twice lock; items++; notifyOne(); unlock.
 * A sleeping waiter may also be woken without a notify (once per wait: an aborted waitAsync on
 * the same SEQ cell clearing itself out of the runtime's list notifies all, wait.ts onAbort).
 *
 * Properties:
 *   mutual exclusion   assert: at most one thread holds the mutex
 *   no deadlock        no invalid end state (a consumer asleep with an item there is one)
 *   clean end          assert: no items left, no condvar waiters, mutex free
 *   no lost wake-up    ltl all_return with weak fairness: both consumers get their item
 */

#define NPROC 3
#define DEADLINE_THREAD 9   /* nobody: the model's waits have no timeout */
#define SEQ_CELL 3
#define PRODUCER 2

#include "futex.pml"
#include "lockword.pml"     /* the mutex's lock word */

byte seq = 0;          /* SEQ (wraps like the Int32 cell would; the model bumps it twice) */
byte cv_waiters = 0;   /* WAITERS */
byte items = 0;        /* the state guarded by the mutex */
byte cs = 0;           /* threads holding the mutex */
byte finished = 0;

/* Mutex.lockSync()/lock() without options: tryAcquire(), else the waiting loop. */
inline mutex_lock() {
  try_acquire(got);
  if :: !got -> acquire_slow(0, 0, got, aborted) :: else -> skip fi;
  atomic { cs++; assert(cs == 1) }
}

inline mutex_unlock() {
  cs--;
  release_lock()
}

/* Condvar.#waitSync / #wait(guard, Infinity): the guard's lock is released and re-taken. */
inline cv_wait() {
  cs--;                                     /* detachGuard(): the guard no longer holds it */
#ifdef BROKEN_READ_SEQ_AFTER_UNLOCK
  cv_waiters++;
  release_lock();
  s = seq;
#else
  s = seq;                                  /* read SEQ while holding the mutex */
  cv_waiters++;
  release_lock();
#endif
  do
  :: futex_wait(seq, SEQ_CELL, s, 0, 0, result);
     if :: seq != s -> break :: else -> skip fi   /* notified (SEQ moved past what it read) */
  od;
  cv_waiters--;
  try_acquire(got);                         /* re-lock: tryAcquire, else acquire(Infinity) */
  if :: !got -> acquire_slow(0, 0, got, aborted) :: else -> skip fi;
  atomic { cs++; assert(cs == 1) }          /* restoreGuard() */
}

/* Condvar.notifyOne() */
inline cv_notify_one() {
  seq++;
#ifdef BROKEN_NOTIFY_SKIPS_FUTEX
  skip
#else
  if :: cv_waiters != 0 -> futex_notify_one(SEQ_CELL, n) :: else -> skip fi
#endif
}

/* A wake-up without a notify: another thread's aborted waitAsync on SEQ notifies all. */
#ifndef NO_SPURIOUS
active proctype SpuriousWaker() {
  do
  :: atomic { (queued[0] == SEQ_CELL || queued[1] == SEQ_CELL) && finished < NPROC -> futex_notify_all(SEQ_CELL) }; break
  :: finished == NPROC -> break
  od
}
#endif

proctype Consumer(byte me) {
  LOCKWORD_LOCALS;
  byte s;
  bool got, aborted;
  mutex_lock();
  do
  :: items == 0 -> cv_wait()
  :: else -> break
  od;
  items--;
  mutex_unlock();
  finished++
}

proctype Producer(byte me) {
  LOCKWORD_LOCALS;
  byte k = 0;
  bool got, aborted;
  do
  :: k < 2 ->
     mutex_lock();
     items++;
     cv_notify_one();
     mutex_unlock();
     k++
  :: else -> break
  od;
  finished++
}

init {
  atomic { run Consumer(0); run Consumer(1); run Producer(PRODUCER) }
  finished == NPROC;
  assert(items == 0 && cv_waiters == 0 && cs == 0);
  assert((word == FREE || word == OPEN) && waiters == 0 && starving == 0)
}

ltl all_return { <> (finished == NPROC) }
