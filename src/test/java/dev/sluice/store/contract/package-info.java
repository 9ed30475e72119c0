/**
 * The store contract suite: abstract tests that every store (memory, Redis) passes unchanged.
 * Subclasses only build the store; they must not weaken an assertion.
 */
package dev.sluice.store.contract;
