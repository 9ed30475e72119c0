/**
 * The in-memory store: stream journals on this replica's heap, bounded. The default (sluice.store=memory).
 */
package dev.sluice.store.memory;
