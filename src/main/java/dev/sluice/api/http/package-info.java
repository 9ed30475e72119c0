/**
 * How every API answers with an error: the error value ({@link dev.sluice.api.http.ApiError}), its
 * wire shape per API (OpenAI or Anthropic), the mapping from a failure to its status and code, and
 * the replies written straight to a Vert.x response. The lowest layer of the APIs: the SSE writer,
 * the shared ingress code and every API package build on it.
 */
package dev.sluice.api.http;
