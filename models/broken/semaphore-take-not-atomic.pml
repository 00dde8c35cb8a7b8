/*
 * Broken on purpose: Semaphore.#take() as a load and a store instead of a compare-exchange.
 * Two acquirers take the same permits: spin must find more permits held than exist.
 * expect: assertion violated
 */
#define BROKEN_TAKE_NOT_ATOMIC
#include "../semaphore.pml"
