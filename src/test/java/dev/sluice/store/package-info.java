/**
 * Contract suites every store implementation passes (memory here, Redis in its own package):
 * subclass one and supply the store.
 */
package dev.sluice.store;
