/*
 * Broken on purpose: release() in normal mode frees the word but never calls Atomics.notify,
 * even with registered waiters (lock-word.ts release(), the `WAITERS !== 0` branch removed).
 * A waiter that went to sleep starving (no timeout) is never woken: spin must find a waiter
 * asleep forever (invalid end state).
 * expect: invalid end state
 */
#define BROKEN_UNLOCK_SKIPS_NOTIFY
#include "../mutex.pml"
