/*
 * Broken on purpose: a waiter that finds the word FREE always takes it as LOCKED, even with
 * other waiters registered (lock-word.ts attempt(), `WAITERS > 1 ? CONTENDED : LOCKED` removed).
 * Its unlock is then the uncontended LOCKED -> FREE with no notify, and a sleeper is left
 * asleep: spin must find the invalid end state.
 * expect: invalid end state
 */
#define BROKEN_CLAIM_FREE_AS_LOCKED
#include "../mutex.pml"
