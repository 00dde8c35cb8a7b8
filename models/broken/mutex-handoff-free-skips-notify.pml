/*
 * The lost wake-up this model found in the real code (fixed in lock-word.ts release()): in
 * starving mode, release stores HANDOFF, sees no registered waiter, and turns HANDOFF back into
 * FREE without a notify; a newcomer that registered in between, saw HANDOFF and went to sleep
 * (starving, so without a timeout) is never woken: spin must find it asleep forever.
 * expect: invalid end state
 */
#define BROKEN_HANDOFF_FREE_SKIPS_NOTIFY
#include "../mutex.pml"
