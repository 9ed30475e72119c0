/**
 * Failsafe integration tests of scale-out behaviour that a {@code @QuarkusTest} cannot show:
 * the packaged service as separate processes (SIGTERM drain, two replicas sharing a real
 * redis-server). Depends only on the public HTTP, SSE and WebSocket surface.
 */
package dev.sluice.scaleout;
