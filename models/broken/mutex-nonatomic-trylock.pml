/*
 * Broken on purpose: tryAcquire() as a load and a store instead of one compare-exchange
 * (lock-word.ts tryAcquire()). Two threads both see FREE and both enter: spin must find the
 * mutual-exclusion assertion violated.
 * expect: assertion violated
 */
#define BROKEN_NONATOMIC_TRYLOCK
#include "../mutex.pml"
