/**
 * Chooses the store behind every shared interface (journal, registry, sessions, audit, rate
 * limits) from {@code sluice.store.type}: the in-memory implementations or the Redis ones. Kept
 * apart from {@code dev.sluice.store}, which the implementations import, so that neither imports
 * the other.
 */
package dev.sluice.store.selection;
