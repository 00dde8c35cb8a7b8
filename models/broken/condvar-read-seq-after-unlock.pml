/*
 * Broken on purpose: Condvar.wait() reads SEQ after releasing the mutex instead of before
 * (condvar.ts #wait/#waitSync). A producer can add an item and notify between the unlock and
 * the read; the waiter then sleeps on the new SEQ and nobody wakes it: invalid end state.
 * expect: invalid end state
 */
#define BROKEN_READ_SEQ_AFTER_UNLOCK
#include "../condvar.pml"
