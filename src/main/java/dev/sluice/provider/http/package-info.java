/**
 * Shared plumbing of the HTTP adapters: a streaming POST, incremental SSE and NDJSON parsers,
 * upstream error mapping and the timeout operator. Knows nothing of any one provider's JSON.
 */
package dev.sluice.provider.http;
