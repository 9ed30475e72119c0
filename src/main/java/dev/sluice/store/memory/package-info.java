/**
 * The in-memory store: stream journals, sessions and audit records on this replica's heap,
 * bounded. The default (sluice.store=memory); a Redis bean replaces the {@code @DefaultBean}s.
 */
package dev.sluice.store.memory;
