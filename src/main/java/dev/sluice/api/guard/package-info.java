/**
 * The HTTP steps in front of every {@code /v1/*} route, which answer before JAX-RS or an API route
 * runs: the WebSocket origin check, the body type and size check, authentication (asking
 * {@code dev.sluice.security} for the caller and answering its refusal with a 401), and the
 * fallbacks for unknown paths, wrong methods and failures, all in the request's API's error shape.
 * Builds on {@code dev.sluice.api.http} and {@code dev.sluice.security}; nothing imports it.
 */
package dev.sluice.api.guard;
