/**
 * The shared store on Redis (sluice.store=redis): journals as Redis Streams mirrored from this
 * replica's memory journal, stream ownership and cancel over pub/sub, rate-limit counters, and the
 * store's availability. It depends on the stream SPIs and the memory store, never on transports.
 */
package dev.sluice.store.redis;
