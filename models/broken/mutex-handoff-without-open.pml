/*
 * Broken on purpose: a starving-mode release() whose notify finds nobody asleep leaves the word
 * HANDOFF (lock-word.ts release(), the HANDOFF -> OPEN fallback removed). The registered
 * waiters are awake and have not slept, so none may take a HANDOFF: they sleep on it forever.
 * expect: invalid end state
 */
#define BROKEN_HANDOFF_WITHOUT_OPEN
#include "../mutex.pml"
