/**
 * Sluice's load generator: opens many concurrent SSE streams against a Sluice on the loopback
 * interface and reports latency as the client sees it, plus the server's CPU and memory.
 * It depends only on Vert.x core and HdrHistogram, never on the server's code.
 */
package dev.sluice.bench;
