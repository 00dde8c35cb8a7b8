/*
 * Broken on purpose: Semaphore.release() adds the permits but never notifies the head
 * (semaphore.ts release(), the HEAD_WAITING check and Atomics.notify removed). The head
 * sleeping on PERMITS without a timeout is never woken: invalid end state.
 * expect: invalid end state
 */
#define BROKEN_RELEASE_SKIPS_NOTIFY
#include "../semaphore.pml"
