/**
 * The WebSocket transport (/v1/ws): many streams per connection. Calls StreamService only.
 */
package dev.sluice.api.ws;
