/**
 * Server-Sent Events delivery with back-pressure and heartbeats, shared by the OpenAI-compatible and native transports.
 */
package dev.sluice.api.sse;
