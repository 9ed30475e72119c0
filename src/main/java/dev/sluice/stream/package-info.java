/**
 * The stream model (events, ids, summary) and StreamService, the one orchestrator every transport calls. Knows no HTTP routes or JSON shapes.
 */
package dev.sluice.stream;
