/*
 * Broken on purpose: Condvar.notifyOne() bumps SEQ but never calls Atomics.notify
 * (condvar.ts notifyOne(), the WAITERS check and notify removed). A consumer already asleep on
 * SEQ is never woken: invalid end state.
 * expect: invalid end state
 */
#define BROKEN_NOTIFY_SKIPS_FUTEX
#include "../condvar.pml"
