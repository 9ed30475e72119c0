/**
 * Sluice's native stream API: start, follow and resume over SSE, status, cancel. Calls StreamService only.
 */
package dev.sluice.api.streams;
